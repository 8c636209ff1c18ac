package dev.rill.runtime.internal.exchange;

import dev.rill.api.ErrorKind;
import dev.rill.api.RillException;
import dev.rill.api.TimeoutPhase;
import dev.rill.runtime.PoolStats;
import dev.rill.runtime.internal.transport.HttpTransport;
import dev.rill.runtime.internal.transport.TransportConfig;
import java.net.URI;
import java.net.SocketTimeoutException;
import java.security.cert.CertificateException;
import java.util.concurrent.CancellationException;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.core5.util.DeadlineTimeoutException;

/** Maps what HttpClient reports as a failed exchange to Rill's error kinds. */
final class TransportErrors {
  private TransportErrors() {}

  /** The error for {@code cause}; {@code status} is the response's, or 0 before the head. */
  static RillException.Builder map(Exception cause, int status, TransportConfig config) {
    boolean afterHead = status > 0;
    RillException.Builder b;
    if (cause instanceof CancellationException) {
      b = RillException.builder(ErrorKind.CANCELLED).message("the exchange was cancelled");
    } else if (cause instanceof DeadlineTimeoutException && !afterHead) {
      b = poolTimeout(config);
    } else if (cause instanceof ConnectTimeoutException) {
      b = RillException.builder(ErrorKind.TIMEOUT).timeoutPhase(TimeoutPhase.CONNECT)
          .message("could not connect within " + config.connectTimeout().toMillis() + " ms");
    } else if (cause instanceof SocketTimeoutException) {
      b = RillException.builder(ErrorKind.TIMEOUT).timeoutPhase(TimeoutPhase.IDLE)
          .message("no bytes for " + config.idleTimeout().toMillis() + " ms"
              + (afterHead ? " in the middle of the stream" : " while waiting for the response"));
    } else if (afterHead) {
      b = RillException.builder(ErrorKind.STREAM_INTERRUPTED)
          .message("the connection broke after the response started: " + describe(cause));
    } else if (refusedPeer(cause)) {
      // Trying again meets the same certificate: a retry or a fallback to the same host would only repeat it.
      b = RillException.builder(ErrorKind.TRANSPORT).retryable(false)
          .message("the server's certificate or host name was refused by the TLS handshake: " + describe(cause));
    } else {
      b = RillException.builder(ErrorKind.TRANSPORT).message("the request failed: " + describe(cause));
    }
    return b.cause(cause);
  }

  /**
   * Whether the handshake refused the server's identity: its certificate chain was not trusted or its host name did
   * not match ({@link CertificateException} or {@link SSLPeerUnverifiedException} in the chain). A handshake cut by
   * the network is not that, and stays retryable.
   */
  static boolean refusedPeer(Throwable cause) {
    int depth = 0;
    for (Throwable t = cause; t != null && depth < 16; t = t.getCause(), depth++) {
      if (t instanceof CertificateException || t instanceof SSLPeerUnverifiedException) {
        return true;
      }
    }
    return false;
  }

  /**
   * The request never went out within the pool's wait plus the connect timeout: a pool timeout when every
   * connection to the host is leased, else a connect timeout.
   */
  static RillException.Builder connectionWait(HttpTransport transport, URI uri) {
    TransportConfig config = transport.config();
    PoolStats route = uri == null ? null : transport.routeStats(uri);
    if (route != null && route.leased() >= route.max()) {
      return poolTimeout(config);
    }
    return RillException.builder(ErrorKind.TIMEOUT).timeoutPhase(TimeoutPhase.CONNECT)
        .message("the request did not go out within " + config.connectTimeout().plus(config.poolTimeout()).toMillis()
            + " ms (connect timeout plus pool timeout)");
  }

  private static RillException.Builder poolTimeout(TransportConfig config) {
    return RillException.builder(ErrorKind.TIMEOUT).timeoutPhase(TimeoutPhase.POOL)
        .message("no pooled connection became free within " + config.poolTimeout().toMillis() + " ms: all "
            + config.maxConnectionsPerRoute() + " connections to the host (" + config.maxConnections()
            + " in all) were busy; raise them with Rill.Builder.maxConnections(total, perHost) or wait longer with"
            + " Rill.Builder.poolTimeout(...)");
  }

  private static String describe(Throwable t) {
    String m = t.getMessage();
    return t.getClass().getSimpleName() + (m == null ? "" : ": " + m);
  }
}
