package dev.rill.runtime.internal.transport;

import javax.net.ssl.SSLContext;
import org.apache.hc.client5.http.ssl.ClientTlsStrategyBuilder;
import org.apache.hc.client5.http.ssl.HostnameVerificationPolicy;
import org.apache.hc.core5.http.nio.ssl.TlsStrategy;

/**
 * The TLS strategy for a context the user gave ({@code Rill.Builder.sslContext}): HttpClient's default strategy over
 * that context, with the host name checked both by the engine (endpoint identification {@code HTTPS}) and by
 * HttpClient's verifier after the handshake, as for the system default; {@code https.protocols} and
 * {@code https.cipherSuites} still apply. ALPN goes through {@code SSLParameters.setApplicationProtocols}, which
 * JSSE and Conscrypt engines both honour. There is deliberately no way to turn host name verification off.
 */
final class GivenTlsStrategy {
  private GivenTlsStrategy() {}

  /** The strategy for {@code context}, or the lazily built system default when it is null. */
  static TlsStrategy of(SSLContext context) {
    if (context == null) {
      return new SystemTlsStrategy();
    }
    return ClientTlsStrategyBuilder.create().setSslContext(context).useSystemProperties()
        .setHostVerificationPolicy(HostnameVerificationPolicy.BOTH).buildAsync();
  }
}
