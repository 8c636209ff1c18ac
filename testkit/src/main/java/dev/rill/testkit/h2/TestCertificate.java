package dev.rill.testkit.h2;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A throwaway self-signed certificate for {@code localhost} and {@code 127.0.0.1}, made at run time by the JDK's
 * {@code keytool} in a child process: a PKCS#12 key store for the server and a trust store holding the certificate
 * for clients ({@code -Djavax.net.ssl.trustStore=... -Djavax.net.ssl.trustStorePassword=changeit}).
 *
 * @param keyStore the server's key store
 * @param trustStore the clients' trust store
 */
public record TestCertificate(Path keyStore, Path trustStore) {
  /** The password of both stores. */
  public static final String PASSWORD = "changeit";

  private static TestCertificate forThisJvm;

  /**
   * One certificate for the whole JVM, made at the first call (in a temporary directory removed at exit) and trusted
   * through the trust-store properties ({@link #trustInThisJvm}). Tests in one JVM must share it: the JDK's default
   * {@code SSLContext}, which HttpClient's system-default TLS uses, reads the trust store once, so a second
   * certificate trusted later would not be.
   */
  public static synchronized TestCertificate forThisJvm() throws IOException {
    if (forThisJvm == null) {
      Path dir = Files.createTempDirectory("rill-test-tls");
      TestCertificate made = create(dir);
      for (Path p : new Path[] {made.keyStore, made.trustStore, dir.resolve("server.cer"), dir}) {
        p.toFile().deleteOnExit();
      }
      made.trustInThisJvm();
      forThisJvm = made;
    }
    return forThisJvm;
  }

  /** Makes the stores in {@code dir} (EC P-256, valid two days). */
  public static TestCertificate create(Path dir) throws IOException {
    return create(dir, "san=dns:localhost,ip:127.0.0.1");
  }

  /**
   * Makes the stores in {@code dir} for the subject alternative names {@code san} (keytool's {@code -ext} syntax,
   * e.g. {@code san=dns:elsewhere.invalid}): a certificate for other names, to test host name verification.
   */
  public static TestCertificate create(Path dir, String san) throws IOException {
    Path keyStore = dir.resolve("server.p12");
    Path cert = dir.resolve("server.cer");
    Path trustStore = dir.resolve("trust.p12");
    keytool("-genkeypair", "-alias", "rill-test", "-keyalg", "EC", "-groupname", "secp256r1", "-dname",
        "CN=localhost", "-ext", san, "-validity", "2", "-keystore", keyStore.toString(),
        "-storetype", "PKCS12", "-storepass", PASSWORD, "-keypass", PASSWORD);
    keytool("-exportcert", "-alias", "rill-test", "-keystore", keyStore.toString(), "-storetype", "PKCS12",
        "-storepass", PASSWORD, "-file", cert.toString());
    keytool("-importcert", "-noprompt", "-alias", "rill-test", "-file", cert.toString(), "-keystore",
        trustStore.toString(), "-storetype", "PKCS12", "-storepass", PASSWORD);
    return new TestCertificate(keyStore, trustStore);
  }

  /** A server-side TLS context holding the key. */
  public SSLContext serverContext() throws IOException {
    try (InputStream in = Files.newInputStream(keyStore)) {
      KeyStore ks = KeyStore.getInstance("PKCS12");
      ks.load(in, PASSWORD.toCharArray());
      KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(ks, PASSWORD.toCharArray());
      SSLContext tls = SSLContext.getInstance("TLS");
      tls.init(kmf.getKeyManagers(), null, null);
      return tls;
    } catch (java.security.GeneralSecurityException e) {
      throw new IOException("cannot load " + keyStore, e);
    }
  }

  /**
   * Makes this JVM's default trust ({@code javax.net.ssl.trustStore} properties, which clients that honour system
   * properties read when they build their TLS context) this certificate alone.
   */
  public void trustInThisJvm() {
    System.setProperty("javax.net.ssl.trustStore", trustStore.toString());
    System.setProperty("javax.net.ssl.trustStorePassword", PASSWORD);
    System.setProperty("javax.net.ssl.trustStoreType", "PKCS12");
  }

  /** The JVM options that make a child JVM trust this certificate. */
  public List<String> trustOptions() {
    return List.of("-Djavax.net.ssl.trustStore=" + trustStore, "-Djavax.net.ssl.trustStorePassword=" + PASSWORD,
        "-Djavax.net.ssl.trustStoreType=PKCS12");
  }

  private static void keytool(String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    try {
      String out = new String(p.getInputStream().readAllBytes());
      if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IOException("keytool " + String.join(" ", args) + " failed: " + out);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while keytool ran", e);
    }
  }
}
