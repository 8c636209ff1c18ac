package dev.rill.cli;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.Message;
import org.apache.hc.core5.http.URIScheme;
import org.apache.hc.core5.http.impl.bootstrap.HttpAsyncServer;
import org.apache.hc.core5.http.nio.AsyncRequestConsumer;
import org.apache.hc.core5.http.nio.AsyncServerRequestHandler;
import org.apache.hc.core5.http.nio.entity.StringAsyncEntityConsumer;
import org.apache.hc.core5.http.nio.support.BasicRequestConsumer;
import org.apache.hc.core5.http.nio.support.BasicResponseProducer;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.http2.HttpVersionPolicy;
import org.apache.hc.core5.http2.impl.nio.bootstrap.H2ServerBootstrap;
import org.apache.hc.core5.http2.ssl.H2ServerTlsStrategy;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.reactor.ListenerEndpoint;

/**
 * A loopback HTTPS server that speaks HTTP/2 or HTTP/1.1, whichever the client's ALPN asks for (HttpCore 5's H2
 * server), with a self-signed certificate made by {@code keytool} for {@code localhost} and {@code 127.0.0.1}. Each
 * request gets the next queued response and its protocol version is recorded, so a test can tell whether a client
 * negotiated HTTP/2.
 */
final class TlsTestServer implements AutoCloseable {
  static final String PASSWORD = "changeit";

  /** A canned response. */
  record Canned(int status, String contentType, String body) {}

  private final HttpAsyncServer server;
  private final int port;
  private final Queue<Canned> responses = new ConcurrentLinkedQueue<>();
  private final List<String> versions = new CopyOnWriteArrayList<>();

  private TlsTestServer(Path keyStore) throws Exception {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keyStore)) {
      ks.load(in, PASSWORD.toCharArray());
    }
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(ks, PASSWORD.toCharArray());
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(kmf.getKeyManagers(), null, null);
    server = H2ServerBootstrap.bootstrap()
        .setVersionPolicy(HttpVersionPolicy.NEGOTIATE)
        .setTlsStrategy(new H2ServerTlsStrategy(tls))
        .register("*", new Handler())
        .create();
    server.start();
    ListenerEndpoint endpoint = server.listen(new InetSocketAddress("127.0.0.1", 0), URIScheme.HTTPS)
        .get(10, TimeUnit.SECONDS);
    port = ((InetSocketAddress) endpoint.getAddress()).getPort();
  }

  /** Makes a key store (and a trust store holding its certificate) in {@code dir} with keytool. */
  static Path[] makeStores(Path dir) throws IOException, InterruptedException {
    return makeStores(dir, "server", "localhost", "dns:localhost,ip:127.0.0.1");
  }

  /**
   * Makes {@code <name>.p12} (a key store whose self-signed certificate has this common name and subject alternative
   * names) and {@code <name>-trust.p12} (a trust store holding that certificate) in {@code dir}.
   */
  static Path[] makeStores(Path dir, String name, String commonName, String san)
      throws IOException, InterruptedException {
    Path keyStore = dir.resolve(name + ".p12");
    Path cert = dir.resolve(name + ".cer");
    Path trustStore = dir.resolve(name.equals("server") ? "trust.p12" : name + "-trust.p12");
    keytool("-genkeypair", "-alias", "rill-test", "-keyalg", "EC", "-groupname", "secp256r1", "-dname",
        "CN=" + commonName, "-ext", "san=" + san, "-validity", "2", "-keystore", keyStore.toString(), "-storetype",
        "PKCS12", "-storepass", PASSWORD, "-keypass", PASSWORD);
    keytool("-exportcert", "-alias", "rill-test", "-keystore", keyStore.toString(), "-storetype", "PKCS12",
        "-storepass", PASSWORD, "-file", cert.toString());
    keytool("-importcert", "-noprompt", "-alias", "rill-test", "-file", cert.toString(), "-keystore",
        trustStore.toString(), "-storetype", "PKCS12", "-storepass", PASSWORD);
    return new Path[] {keyStore, trustStore};
  }

  static void keytool(String... args) throws IOException, InterruptedException {
    List<String> command = new java.util.ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IOException("keytool " + String.join(" ", args) + " failed: " + out);
    }
  }

  static TlsTestServer start(Path keyStore) throws Exception {
    return new TlsTestServer(keyStore);
  }

  URI baseUri() {
    return URI.create("https://localhost:" + port + "/");
  }

  void enqueue(int status, String contentType, String body) {
    responses.add(new Canned(status, contentType, body));
  }

  /** The protocol version of each request served, in order ({@code HTTP/1.1}, {@code HTTP/2.0}). */
  List<String> versions() {
    return List.copyOf(versions);
  }

  private final class Handler implements AsyncServerRequestHandler<Message<HttpRequest, String>> {
    @Override
    public AsyncRequestConsumer<Message<HttpRequest, String>> prepare(HttpRequest request,
        org.apache.hc.core5.http.EntityDetails entity, HttpContext context) {
      return new BasicRequestConsumer<>(entity == null ? null : new StringAsyncEntityConsumer());
    }

    @Override
    public void handle(Message<HttpRequest, String> message, ResponseTrigger trigger, HttpContext context)
        throws org.apache.hc.core5.http.HttpException, IOException {
      versions.add(String.valueOf(context.getProtocolVersion()));
      Canned c = responses.poll();
      if (c == null) {
        c = new Canned(500, "text/plain", "no response queued");
      }
      trigger.submitResponse(new BasicResponseProducer(c.status(), c.body(), ContentType.parse(c.contentType())),
          context);
    }
  }

  @Override
  public void close() {
    server.close(CloseMode.IMMEDIATE);
  }
}
