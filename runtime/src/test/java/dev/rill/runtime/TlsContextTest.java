package dev.rill.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rill.api.ChatRequest;
import dev.rill.api.ErrorKind;
import dev.rill.api.RillException;
import dev.rill.testkit.h2.H2StreamServer;
import dev.rill.testkit.h2.StreamRecord;
import dev.rill.testkit.h2.TestCertificate;
import dev.rill.testkit.server.Response;
import dev.rill.testkit.server.WireServer;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.Provider;
import java.time.Duration;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManagerFactory;
import org.conscrypt.Conscrypt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code Rill.Builder.sslContext} against real TLS servers on loopback whose throwaway certificates the JVM's default
 * trust does not hold: a context trusting the certificate connects, the default context is refused as a
 * {@link ErrorKind#TRANSPORT} error caused by the handshake, a certificate for another host name is refused even by
 * a context that trusts it, a server that requires a client certificate accepts the context holding one, and a
 * Conscrypt context works over HTTP/1.1 and negotiates HTTP/2 by ALPN.
 */
class TlsContextTest {
  static final String KEY = "sk-test-0123456789abcdef";
  @TempDir static Path dir;
  static TestCertificate server;
  static TestCertificate otherName;
  static TestCertificate client;

  WireServer wire;
  H2StreamServer h2;
  Rill rill;

  @BeforeAll
  static void certificates() throws Exception {
    server = TestCertificate.create(Files.createDirectories(dir.resolve("server")));
    otherName = TestCertificate.create(Files.createDirectories(dir.resolve("other")), "san=dns:elsewhere.invalid");
    client = TestCertificate.create(Files.createDirectories(dir.resolve("client")));
  }

  @AfterEach
  void stop() {
    if (rill != null) {
      rill.close();
    }
    if (wire != null) {
      wire.close();
    }
    if (h2 != null) {
      h2.close();
    }
  }

  /** A context from {@code provider} (null: the JDK's) holding {@code key}'s key (or none), trusting {@code trust}. */
  static SSLContext context(Provider provider, TestCertificate key, TestCertificate trust) throws Exception {
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(load(trust.trustStore()));
    KeyManagerFactory kmf = null;
    if (key != null) {
      kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(load(key.keyStore()), TestCertificate.PASSWORD.toCharArray());
    }
    SSLContext tls = provider == null ? SSLContext.getInstance("TLS") : SSLContext.getInstance("TLS", provider);
    tls.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
    return tls;
  }

  static KeyStore load(Path store) throws Exception {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(store)) {
      ks.load(in, TestCertificate.PASSWORD.toCharArray());
    }
    return ks;
  }

  static WireServer serving(WireServer server) {
    return server.fallback(Response.sseData("t:hello", "t: tls", "[DONE]"));
  }

  Rill client(java.net.URI base, SSLContext tls) {
    Rill.Builder b = Rill.builder().discover(false).register(new LineProvider()).baseUrl("line", base.toString())
        .apiKey("line", KEY).connectTimeout(Duration.ofSeconds(10)).idleTimeout(Duration.ofSeconds(20));
    if (tls != null) {
      b.sslContext(tls);
    }
    return b.build();
  }

  static ChatRequest request(String text) {
    return ChatRequest.builder("line:m").user(text).build();
  }

  static void assertHandshakeRefused(Rill rill) {
    assertThatThrownBy(() -> rill.call(request("x"))).isInstanceOfSatisfying(RillException.class, e -> {
      assertThat(e.kind()).isEqualTo(ErrorKind.TRANSPORT);
      assertThat(e.retryable()).as("a refused certificate or host name is not retried: " + e).isFalse();
      assertThat(e).hasRootCauseInstanceOf(rootCauseOfRefusal(e));
    });
  }

  /** The handshake's failure: an {@link SSLException} somewhere in the chain (its root may be a CertificateException). */
  private static Class<? extends Throwable> rootCauseOfRefusal(Throwable e) {
    boolean ssl = false;
    Throwable root = e;
    for (Throwable t = e; t != null; t = t.getCause()) {
      ssl |= t instanceof SSLException;
      root = t;
    }
    assertThat(ssl).as("an SSLException in the cause chain of " + e).isTrue();
    return root.getClass();
  }

  @Test
  void aContextTrustingTheServersCertificateConnects() throws Exception {
    wire = serving(WireServer.startTls(server.serverContext()));
    rill = client(wire.baseUri(), context(null, null, server));
    assertThat(rill.call(request("x")).text()).isEqualTo("hello tls");
  }

  @Test
  void theDefaultContextRefusesACertificateItDoesNotTrust() throws Exception {
    wire = serving(WireServer.startTls(server.serverContext()));
    rill = client(wire.baseUri(), null);
    assertHandshakeRefused(rill);
    assertThat(wire.requestCount()).as("no request went out").isZero();
  }

  @Test
  void enhancedModeDoesNotRetryARefusedCertificate() throws Exception {
    wire = serving(WireServer.startTls(server.serverContext()));
    rill = client(wire.baseUri(), null);
    StreamOptions retrying = StreamOptions.enhancedBuilder()
        .retry(RetryPolicy.attempts(3).withBackoff(Duration.ofMillis(5), Duration.ofMillis(5))).build();
    assertThatThrownBy(() -> rill.stream(request("x"), retrying).collect().join())
        .hasCauseInstanceOf(RillException.class)
        .satisfies(t -> assertThat(((RillException) t.getCause()).retryable()).isFalse());
    assertThat(wire.connectionsAccepted()).as("one handshake, not one per attempt").isEqualTo(1);
  }

  @Test
  void theHostNameIsVerifiedEvenWhenTheContextTrustsTheCertificate() throws Exception {
    wire = serving(WireServer.startTls(otherName.serverContext()));
    rill = client(wire.baseUri(), context(null, null, otherName));
    assertHandshakeRefused(rill);
    assertThat(wire.requestCount()).isZero();
  }

  @Test
  void mutualTlsConnectsWithTheClientsCertificateAndIsRefusedWithout() throws Exception {
    wire = serving(WireServer.startTls(context(null, server, client), true));
    rill = client(wire.baseUri(), context(null, client, server));
    assertThat(rill.call(request("x")).text()).isEqualTo("hello tls");
    rill.close();
    rill = client(wire.baseUri(), context(null, null, server));
    assertThatThrownBy(() -> rill.call(request("x"))).isInstanceOfSatisfying(RillException.class,
        e -> assertThat(e.kind()).isIn(ErrorKind.TRANSPORT, ErrorKind.STREAM_INTERRUPTED));
    assertThat(wire.requestCount()).as("only the first client's request was served").isEqualTo(1);
  }

  @Test
  void aConscryptContextStreamsOverHttp1AndNegotiatesHttp2ByAlpn() throws Exception {
    Assumptions.assumeTrue(Conscrypt.isAvailable(), "Conscrypt's native library does not load on this platform");
    Provider conscrypt = Conscrypt.newProvider();
    wire = serving(WireServer.startTls(server.serverContext()));
    rill = client(wire.baseUri(), context(conscrypt, null, server));
    assertThat(rill.call(request("x")).text()).isEqualTo("hello tls");
    rill.close();

    h2 = H2StreamServer.start(H2StreamServer.Mode.TLS, server);
    rill = client(h2.baseUri(), context(conscrypt, null, server));
    assertThat(rill.call(request("events:20:64")).text()).startsWith("e0").contains("e19");
    assertThat(h2.streams()).extracting(StreamRecord::protocol).containsExactly("HTTP/2.0");

    rill.close();
    rill = client(wire.baseUri(), context(conscrypt, null, otherName)); // trusts another certificate only
    assertHandshakeRefused(rill);
  }

  @Test
  void conscryptVerifiesTheHostName() throws Exception {
    Assumptions.assumeTrue(Conscrypt.isAvailable(), "Conscrypt's native library does not load on this platform");
    wire = serving(WireServer.startTls(otherName.serverContext()));
    rill = client(wire.baseUri(), context(Conscrypt.newProvider(), null, otherName));
    assertHandshakeRefused(rill);
    assertThat(wire.requestCount()).isZero();
  }
}
