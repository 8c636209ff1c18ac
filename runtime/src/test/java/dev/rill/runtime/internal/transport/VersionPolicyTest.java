package dev.rill.runtime.internal.transport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rill.runtime.HttpVersionPolicy;
import dev.rill.runtime.Rill;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * Each new connection's version policy is Rill's, except while HttpClient's HTTP/2 logging would be installed: then
 * HTTP/1.1, for plain h2c (which has no TLS handshake for {@link Http1WhileHeaderLogging} to act on) as for TLS.
 */
class VersionPolicyTest {
  static {
    // Installs the runtime's SLF4J fallback (System.Logger, here java.util.logging) before HttpClient's or
    // Http1WhileHeaderLogging's loggers are made in this JVM.
    Rill.builder();
  }

  @Test
  void theConfiguredPolicyGoesToEachNewConnection() {
    assertThat(Http1WhileHeaderLogging.headerLoggingEnabled()).isFalse();
    assertThat(HttpTransport.tlsConfig(HttpVersionPolicy.NEGOTIATE).getHttpVersionPolicy())
        .isEqualTo(org.apache.hc.core5.http2.HttpVersionPolicy.NEGOTIATE);
    assertThat(HttpTransport.tlsConfig(HttpVersionPolicy.FORCE_HTTP_1).getHttpVersionPolicy())
        .isEqualTo(org.apache.hc.core5.http2.HttpVersionPolicy.FORCE_HTTP_1);
    assertThat(HttpTransport.tlsConfig(HttpVersionPolicy.FORCE_HTTP_2).getHttpVersionPolicy())
        .isEqualTo(org.apache.hc.core5.http2.HttpVersionPolicy.FORCE_HTTP_2);
  }

  @Test
  void http1WhileHttpClientsHttp2LoggingIsOnEvenWhenHttp2IsForced() {
    Logger jul = Logger.getLogger("org.apache.hc.client5.http.impl.async.InternalHttpAsyncClient");
    Level before = jul.getLevel();
    jul.setLevel(Level.FINE);
    try {
      assertThat(Http1WhileHeaderLogging.headerLoggingEnabled()).as("the logger is at DEBUG now").isTrue();
      for (HttpVersionPolicy p : HttpVersionPolicy.values()) {
        assertThat(HttpTransport.tlsConfig(p).getHttpVersionPolicy()).as(p.name())
            .isEqualTo(org.apache.hc.core5.http2.HttpVersionPolicy.FORCE_HTTP_1);
      }
    } finally {
      jul.setLevel(before);
    }
  }
}
