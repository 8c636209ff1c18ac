package dev.rill.benchmarks;

import java.security.GeneralSecurityException;
import java.security.Security;
import javax.net.ssl.SSLContext;
import org.apache.hc.client5.http.ssl.ClientTlsStrategyBuilder;
import org.apache.hc.core5.http.nio.ssl.TlsStrategy;
import org.apache.hc.core5.reactor.ssl.SSLBufferMode;
import org.conscrypt.Conscrypt;

/**
 * TLS set-ups for the clients that choose theirs: {@code rill-conscrypt} and {@code floor-conscrypt} (Conscrypt's
 * engine, BoringSSL, instead of JSSE's), and {@code floor-tls-dynamic} (HttpCore's dynamic TLS buffers). No trust of
 * its own anywhere: Conscrypt goes first among the JVM's security providers, so the JVM's default context and
 * default trust managers are Conscrypt's, over the trust store the harness set in the {@code javax.net.ssl.*}
 * properties. Each client runs in a JVM of its own (one JMH fork), so the provider order touches no other client.
 */
final class TlsProviders {
  private TlsProviders() {}

  /** The JVM's default context with Conscrypt as the first provider; fails where Conscrypt cannot load. */
  static synchronized SSLContext conscrypt() {
    if (!Conscrypt.isAvailable()) {
      throw new IllegalStateException("Conscrypt's native library does not load on this platform"
          + " (conscrypt-openjdk-uber 2.5.2 ships Linux, macOS and Windows x86_64 only)");
    }
    if (Security.getProvider("Conscrypt") == null) {
      Security.insertProviderAt(Conscrypt.newProvider(), 1);
    }
    try {
      SSLContext tls = SSLContext.getDefault();
      if (!"Conscrypt".equals(tls.getProvider().getName())) {
        throw new IllegalStateException("this JVM's default TLS context was made before Conscrypt was installed: "
            + tls.getProvider().getName());
      }
      return tls;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot make Conscrypt's default TLS context", e);
    }
  }

  /** HttpClient's default TLS strategy over {@code tls}. */
  static TlsStrategy strategy(SSLContext tls) {
    return ClientTlsStrategyBuilder.create().setSslContext(tls).buildAsync();
  }

  /**
   * The JVM's default context with HttpCore's {@code SSLBufferMode.DYNAMIC}: the session's TLS buffers are released
   * whenever empty and allocated again at the next record (less heap per idle connection, more allocation).
   */
  static TlsStrategy dynamicBuffers() {
    return ClientTlsStrategyBuilder.create().useSystemProperties().setSslBufferMode(SSLBufferMode.DYNAMIC).buildAsync();
  }
}
