package dev.rill.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rill.api.ChatRequest;
import dev.rill.api.ErrorKind;
import dev.rill.api.RillException;
import dev.rill.runtime.Rill;
import dev.rill.runtime.StreamOptions;
import dev.rill.testkit.golden.GoldenTranscripts;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS is always verified, over real loopback HTTPS servers: a certificate no trust store vouches for is refused, and
 * so is a trusted certificate issued for another host name; in both cases with a typed error, before the request
 * (and its key) is sent. The same child JVM's call to a trusted server with the right name succeeds, so the
 * refusals are the verification's and nothing else's.
 */
class TlsVerificationTest {
  private static final String KEY = "sk-canary-tls-0123456789abcdef";

  @Test
  void aSelfSignedServerIsRefusedWithATypedErrorAndNeverSeesTheRequest(@TempDir Path dir) throws Exception {
    Path[] stores = TlsTestServer.makeStores(dir);
    try (TlsTestServer server = TlsTestServer.start(stores[0]);
        Rill rill = Rill.builder().environment(name -> null).baseUrl("openai", server.baseUri() + "v1")
            .apiKey("openai", KEY).build()) {
      server.enqueue(200, "text/event-stream", GoldenTranscripts.load("openai", "text-usage").wireText());
      RillException e;
      try {
        rill.stream(ChatRequest.builder("openai:gpt-4o-mini").user("hi").build(), StreamOptions.basic()).text()
            .join();
        throw new AssertionError("a self-signed server was trusted");
      } catch (CompletionException c) {
        e = (RillException) c.getCause();
      }
      assertThat(e.kind()).as(e.getMessage()).isEqualTo(ErrorKind.TRANSPORT);
      assertThat(e.getMessage()).doesNotContain(KEY);
      assertThat(server.versions()).as("no request reached the server").isEmpty();
    }
  }

  @Test
  void aTrustedCertificateForAnotherHostIsRefused(@TempDir Path dir) throws Exception {
    Path[] good = TlsTestServer.makeStores(dir);
    Path[] other = TlsTestServer.makeStores(dir, "elsewhere", "elsewhere.invalid", "dns:elsewhere.invalid");
    // One trust store vouching for both certificates.
    TlsTestServer.keytool("-importcert", "-noprompt", "-alias", "localhost-cert", "-file",
        dir.resolve("server.cer").toString(), "-keystore", other[1].toString(), "-storetype", "PKCS12",
        "-storepass", TlsTestServer.PASSWORD);
    String golden = GoldenTranscripts.load("openai", "text-usage").wireText();
    try (TlsTestServer right = TlsTestServer.start(good[0]); TlsTestServer wrong = TlsTestServer.start(other[0])) {
      right.enqueue(200, "text/event-stream", golden);
      wrong.enqueue(200, "text/event-stream", golden);
      Path java = Path.of(System.getProperty("java.home"), "bin", "java");
      Path out = dir.resolve("child.txt");
      Process p = new ProcessBuilder(List.of(java.toString(), "-cp", System.getProperty("java.class.path"),
          "-Djavax.net.ssl.trustStore=" + other[1], "-Djavax.net.ssl.trustStorePassword=" + TlsTestServer.PASSWORD,
          "-Djavax.net.ssl.trustStoreType=PKCS12", TlsScenarios.class.getName(), right.baseUri() + "v1",
          wrong.baseUri() + "v1", KEY))
          .redirectErrorStream(true).redirectOutput(out.toFile()).start();
      assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
      List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8).stream()
          .filter(l -> l.startsWith("ok ") || l.startsWith("error ")).toList();
      String all = Files.readString(out, StandardCharsets.UTF_8);
      assertThat(lines).as(all).hasSize(2);
      assertThat(lines.get(0)).as("the trusted server with the right name").startsWith("ok ");
      assertThat(lines.get(1)).as("the trusted certificate for elsewhere.invalid").startsWith("error TRANSPORT ");
      assertThat(all).doesNotContain(KEY);
      assertThat(wrong.versions()).as("no request reached the wrong host").isEmpty();
      assertThat(right.versions()).hasSize(1);
    }
  }

  /** No main source of the repository can turn verification off: none names a trust-all or no-op verifier. */
  @Test
  void noMainSourceTurnsVerificationOff() throws Exception {
    Path root = Path.of("..").toAbsolutePath().normalize();
    assertThat(root.resolve("runtime/src/main/java")).isDirectory();
    List<String> forbidden = List.of("TrustAllStrategy", "TrustSelfSignedStrategy", "NoopHostnameVerifier",
        "X509TrustManager", "X509ExtendedTrustManager", "HostnameVerifier", "TrustManagerFactory",
        "InsecureTrustManagerFactory", "setSSLContext", "SSLContext.getInstance", "trustStore");
    List<Path> sources;
    try (Stream<Path> all = Files.walk(root)) {
      sources = all.filter(f -> f.toString().endsWith(".java"))
          .filter(f -> f.toString().replace(File.separatorChar, '/').contains("/src/main/"))
          .filter(f -> !f.toString().contains("/target/")).toList();
    }
    assertThat(sources).hasSizeGreaterThan(100);
    // The one exception: testkit's throwaway server certificate builds the loopback servers' SSLContext from its key
    // store, with the JDK's default trust managers (null): a server-side context that verifies nothing away.
    Path serverCertificate = root.resolve("testkit/src/main/java/dev/rill/testkit/h2/TestCertificate.java");
    assertThat(Files.readString(serverCertificate, StandardCharsets.UTF_8))
        .contains("tls.init(kmf.getKeyManagers(), null, null)").doesNotContain("TrustManager[]");
    for (Path f : sources) {
      if (f.equals(serverCertificate)) {
        continue;
      }
      String text = Files.readString(f, StandardCharsets.UTF_8);
      for (String word : forbidden) {
        assertThat(text).as("%s names %s", root.relativize(f), word).doesNotContain(word);
      }
    }
  }
}
