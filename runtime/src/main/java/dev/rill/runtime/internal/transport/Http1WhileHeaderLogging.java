package dev.rill.runtime.internal.transport;

import java.net.SocketAddress;
import org.apache.hc.client5.http.config.TlsConfig;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.nio.ssl.TlsStrategy;
import org.apache.hc.core5.http2.HttpVersionPolicy;
import org.apache.hc.core5.net.NamedEndpoint;
import org.apache.hc.core5.reactor.ssl.TransportSecurityLayer;
import org.apache.hc.core5.util.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link TlsStrategy} that negotiates HTTP/1.1 only (ALPN {@code http/1.1}) while HttpClient 5 could log HTTP/2
 * headers or frames, and otherwise lets the wrapped strategy offer HTTP/2 as usual.
 *
 * <p>Why: HttpClient 5.6's {@code HttpAsyncClientProtocolNegotiationStarter} installs an {@code H2StreamListener} on
 * a new connection whenever one of five SLF4J loggers is at DEBUG ({@code ...impl.async.InternalHttpAsyncClient},
 * {@code org.apache.hc.client5.http.headers}, {@code ...http2.frame}, {@code ...http2.frame.payload},
 * {@code ...http2.flow}). Its {@code onHeaderOutput} logs the HTTP/2 header list, which HttpCore's
 * {@code DefaultH2RequestConverter} builds from fresh {@code BasicHeader}s holding each value, so a credential would
 * print whatever Rill's request headers are; its payload log prints DATA frames, an error body that echoes the key
 * included. The HTTP/1.1 path logs only the request's own header objects, which {@link CredentialHeaders} redacts,
 * and has no body log. The check runs at each TLS handshake, after HttpClient made the same check for the new
 * connection, so an HTTP/2 connection exists only when those loggers were off at both points.
 *
 * <p>Plain connections have no handshake: for them (h2c, {@code HttpVersionPolicy.FORCE_HTTP_2}) the same check runs
 * when HttpClient resolves a new connection's settings ({@code HttpTransport.tlsConfig}), which also covers TLS.
 *
 * <p>No effect at all unless one of those loggers is enabled: with the CLI's slf4j-nop, or any binding at INFO,
 * HTTP/2 is negotiated as before.
 */
public final class Http1WhileHeaderLogging implements TlsStrategy {
  private static final Logger[] WATCHED = {
      LoggerFactory.getLogger("org.apache.hc.client5.http.impl.async.InternalHttpAsyncClient"),
      LoggerFactory.getLogger("org.apache.hc.client5.http.headers"),
      LoggerFactory.getLogger("org.apache.hc.client5.http2.frame"),
      LoggerFactory.getLogger("org.apache.hc.client5.http2.frame.payload"),
      LoggerFactory.getLogger("org.apache.hc.client5.http2.flow")};

  private final TlsStrategy delegate;

  private Http1WhileHeaderLogging(TlsStrategy delegate) {
    this.delegate = delegate;
  }

  /** {@code delegate}, restricted to HTTP/1.1 while HttpClient's header or HTTP/2 loggers are enabled. */
  public static TlsStrategy wrap(TlsStrategy delegate) {
    return new Http1WhileHeaderLogging(delegate);
  }

  /** Whether HttpClient would install its HTTP/2 logging listener on a connection made now. */
  public static boolean headerLoggingEnabled() {
    for (Logger l : WATCHED) {
      if (l.isDebugEnabled()) {
        return true;
      }
    }
    return false;
  }

  /** The attachment to hand on: HTTP/1.1 only while the loggers are on, else {@code attachment} unchanged. */
  static Object attachment(Object attachment) {
    if (!headerLoggingEnabled()) {
      return attachment;
    }
    TlsConfig base = attachment instanceof TlsConfig c ? c : TlsConfig.DEFAULT;
    return TlsConfig.copy(base).setVersionPolicy(HttpVersionPolicy.FORCE_HTTP_1).build();
  }

  @Override
  @SuppressWarnings("deprecation")
  public boolean upgrade(TransportSecurityLayer sessionLayer, HttpHost host, SocketAddress localAddress,
      SocketAddress remoteAddress, Object attachment, Timeout handshakeTimeout) {
    return delegate.upgrade(sessionLayer, host, localAddress, remoteAddress, attachment(attachment), handshakeTimeout);
  }

  @Override
  public void upgrade(TransportSecurityLayer sessionLayer, NamedEndpoint endpoint, Object attachment,
      Timeout handshakeTimeout, FutureCallback<TransportSecurityLayer> callback) {
    delegate.upgrade(sessionLayer, endpoint, attachment(attachment), handshakeTimeout, callback);
  }
}
