package dev.rill.runtime.internal.transport;

import java.net.SocketAddress;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.nio.ssl.TlsStrategy;
import org.apache.hc.core5.net.NamedEndpoint;
import org.apache.hc.core5.reactor.ssl.TransportSecurityLayer;
import org.apache.hc.core5.util.Timeout;

/**
 * HttpClient's system-default TLS strategy ({@code javax.net.ssl.*} system properties honoured), created at the
 * first TLS connection rather than with the client: building the default {@code SSLContext} loads the JDK's trust
 * store and some 200 classes, about 150 ms of a cold start, which a client that only talks plain HTTP (a local
 * server, the benchmarks' loopback) never needs.
 */
final class SystemTlsStrategy implements TlsStrategy {
  private volatile TlsStrategy delegate;

  private TlsStrategy delegate() {
    TlsStrategy d = delegate;
    if (d == null) {
      synchronized (this) {
        d = delegate;
        if (d == null) {
          d = DefaultClientTlsStrategy.createSystemDefault();
          delegate = d;
        }
      }
    }
    return d;
  }

  @Override
  @SuppressWarnings("deprecation")
  public boolean upgrade(TransportSecurityLayer sessionLayer, HttpHost host, SocketAddress localAddress,
      SocketAddress remoteAddress, Object attachment, Timeout handshakeTimeout) {
    return delegate().upgrade(sessionLayer, host, localAddress, remoteAddress, attachment, handshakeTimeout);
  }

  @Override
  public void upgrade(TransportSecurityLayer sessionLayer, NamedEndpoint endpoint, Object attachment,
      Timeout handshakeTimeout, FutureCallback<TransportSecurityLayer> callback) {
    delegate().upgrade(sessionLayer, endpoint, attachment, handshakeTimeout, callback);
  }
}
