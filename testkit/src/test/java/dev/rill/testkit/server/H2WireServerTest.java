package dev.rill.testkit.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rill.testkit.h2.TestCertificate;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.lang.reflect.Field;
import org.apache.hc.core5.concurrent.Cancellable;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.nio.AsyncRequestProducer;
import org.apache.hc.core5.http.nio.DataStreamChannel;
import org.apache.hc.core5.http.nio.RequestChannel;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.Message;
import org.apache.hc.core5.http.message.BasicHttpRequest;
import org.apache.hc.core5.http.nio.entity.AsyncEntityProducers;
import org.apache.hc.core5.http.nio.entity.StringAsyncEntityConsumer;
import org.apache.hc.core5.http.nio.support.BasicRequestProducer;
import org.apache.hc.core5.http.nio.support.BasicResponseConsumer;
import org.apache.hc.core5.http2.HttpVersionPolicy;
import org.apache.hc.core5.http2.impl.nio.bootstrap.H2AsyncRequester;
import org.apache.hc.core5.http2.impl.nio.bootstrap.H2RequesterBootstrap;
import org.apache.hc.core5.http2.ssl.H2ClientTlsStrategy;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.Timeout;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link H2WireServer} against HttpCore 5's own HTTP/2 client (h2c with prior knowledge; TLS once): scripts play as
 * over HTTP/1.1, and each stream's end is what the server saw: completed, reset by the client, cut by the script
 * (RST_STREAM), or the connection closed by the script. (Not the JDK's HTTP/2 client: HttpCore 5.4's server resets
 * its TLS connection at once.)
 */
@org.junit.jupiter.api.Timeout(20)
class H2WireServerTest {
  private static final Duration WAIT = Duration.ofSeconds(5);

  @TempDir
  Path dir;

  private H2WireServer server;
  private H2AsyncRequester client;

  @BeforeEach
  void start() {
    server = H2WireServer.startH2c();
    client = H2RequesterBootstrap.bootstrap().setVersionPolicy(HttpVersionPolicy.FORCE_HTTP_2).create();
    client.start();
  }

  @AfterEach
  void stop() {
    client.close(CloseMode.IMMEDIATE);
    server.close();
  }

  private Future<Message<HttpResponse, String>> post(String body) {
    BasicHttpRequest request = new BasicHttpRequest("POST", server.url("/v1/chat"));
    request.addHeader("Authorization", "Bearer k");
    return client.execute(new BasicRequestProducer(request, AsyncEntityProducers.create(body,
        ContentType.APPLICATION_JSON)), new BasicResponseConsumer<>(new StringAsyncEntityConsumer()),
        Timeout.ofSeconds(5), null);
  }

  private static Message<HttpResponse, String> get(Future<Message<HttpResponse, String>> f) throws Exception {
    return f.get(5, TimeUnit.SECONDS);
  }

  @Test
  void playsAScriptOverHttp2AndRecordsTheRequest() throws Exception {
    server.enqueue(Response.sseData("{\"a\":1}", "[DONE]").header("Connection", "keep-alive"));
    Message<HttpResponse, String> r = get(post("{\"q\":1}"));
    assertThat(r.getHead().getVersion().getMajor()).isEqualTo(2);
    assertThat(r.getHead().getCode()).isEqualTo(200);
    assertThat(r.getHead().getFirstHeader("content-type").getValue()).isEqualTo("text/event-stream");
    assertThat(r.getBody()).isEqualTo("data: {\"a\":1}\n\ndata: [DONE]\n\n");
    RecordedRequest sent = server.takeRequest(WAIT);
    assertThat(sent.method()).isEqualTo("POST");
    assertThat(sent.path()).isEqualTo("/v1/chat");
    assertThat(sent.bodyText()).isEqualTo("{\"q\":1}");
    assertThat(sent.header("authorization")).isEqualTo("Bearer k");
    assertThat(sent.header("host")).isEqualTo("127.0.0.1:" + server.port());
    assertThat(server.awaitNoActiveResponses(WAIT)).isTrue();
    assertThat(server.streams()).singleElement().satisfies(s -> {
      assertThat(s.end()).isEqualTo(ServedStream.End.COMPLETED);
      assertThat(s.bytesSent()).isEqualTo(r.getBody().length());
    });
    assertThat(server.protocol()).isEqualTo("HTTP/2");
  }

  @Test
  void contentLengthIsSentAndPausesAndGapsPlay() throws Exception {
    server.enqueue(Response.json(429, "{\"error\":{}}").header("Retry-After", "1"));
    server.enqueue(Response.status(200).write("ab").pause(Duration.ofMillis(150)).drip("cd".getBytes(),
        Duration.ofMillis(20)).contentLength());
    Message<HttpResponse, String> first = get(post("1"));
    assertThat(first.getHead().getCode()).isEqualTo(429);
    assertThat(first.getHead().getFirstHeader("content-length").getValue()).isEqualTo("12");
    assertThat(first.getHead().getFirstHeader("retry-after").getValue()).isEqualTo("1");
    long start = System.nanoTime();
    assertThat(get(post("2")).getBody()).isEqualTo("abcd");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(150));
    assertThat(server.requests()).extracting(RecordedRequest::connection).containsExactly(1, 1);
  }

  @Test
  void aClientResetIsADisconnect() throws Exception {
    server.enqueue(Response.sse("data: a\n\n").stallForever());
    ResettableRequest request = new ResettableRequest(server.url("/v1/chat"));
    client.execute(request, new BasicResponseConsumer<>(new StringAsyncEntityConsumer()), Timeout.ofSeconds(5), null);
    assertThat(WireServer.await(() -> server.bytesWritten() == 9 ? 0 : 1, 0, WAIT)).isTrue();
    request.reset(); // RST_STREAM (CANCEL)
    assertThat(server.awaitClientDisconnects(1, WAIT)).as("%s", server).isTrue();
    assertThat(server.clientResets()).isEqualTo(1);
    assertThat(server.streams().get(0).end()).isEqualTo(ServedStream.End.CLIENT_RESET);
    assertThat(server.awaitNoActiveResponses(WAIT)).isTrue();
    // (whether the connection then stays is up to the client: HttpCore's requester sometimes drops it)

    server.enqueue(Response.sseData("b"));
    assertThat(get(post("y")).getBody()).isEqualTo("data: b\n\n");
  }

  @Test
  void closeMidStreamResetsTheStreamAndResetClosesTheConnection() throws Exception {
    server.enqueue(Response.sse("data: a\n\n").closeMidStream());
    assertThatThrownBy(() -> get(post("1"))).isInstanceOf(ExecutionException.class);
    assertThat(server.streams().get(0).end()).isEqualTo(ServedStream.End.SERVER_RESET);
    assertThat(server.clientDisconnects()).isZero(); // (HttpCore's client then drops the connection by itself)

    server.enqueue(Response.sse("data: b\n\n").reset());
    assertThatThrownBy(() -> get(post("2"))).isInstanceOf(ExecutionException.class);
    assertThat(server.streams().get(1).end()).isEqualTo(ServedStream.End.SERVER_CLOSED_CONNECTION);
    assertThat(server.awaitNoOpenConnections(WAIT)).as("%s", server).isTrue();
    assertThat(server.clientDisconnects()).isZero();
  }

  @Test
  void aBodyShorterThanItsLengthIsCut() throws Exception {
    server.enqueue(Response.status(200).write("abc").contentLength(10));
    assertThatThrownBy(() -> get(post("1"))).isInstanceOf(ExecutionException.class);
    assertThat(server.streams().get(0).end()).isEqualTo(ServedStream.End.SERVER_RESET);
  }

  @Test
  void closingTheServerEndsAStallBeforeTheHead() throws Exception {
    server.enqueue(Response.sseData("late").stallBeforeHeaders(Duration.ofSeconds(30)));
    Future<Message<HttpResponse, String>> pending = post("1");
    assertThat(server.awaitRequests(1, WAIT)).isTrue();
    assertThat(server.activeResponses()).isEqualTo(1);
    server.close();
    assertThatThrownBy(() -> get(pending)).isInstanceOf(ExecutionException.class);
    assertThat(server.streams().get(0).end()).isIn(ServedStream.End.OPEN, ServedStream.End.SERVER_STOPPED);
    assertThat(server.clientDisconnects()).isZero();
  }

  @Test
  void speaksHttp2OverTlsWithAlpn() throws Exception {
    server.close();
    TestCertificate certificate = TestCertificate.create(dir);
    server = H2WireServer.startTls(certificate);
    KeyStore trust = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(certificate.trustStore())) {
      trust.load(in, TestCertificate.PASSWORD.toCharArray());
    }
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(null, tmf.getTrustManagers(), null);
    client.close(CloseMode.IMMEDIATE);
    client = H2RequesterBootstrap.bootstrap().setTlsStrategy(new H2ClientTlsStrategy(tls)).create();
    client.start();
    server.enqueue(Response.sseData("tls"));
    assertThat(server.baseUri().toString()).isEqualTo("https://localhost:" + server.port() + "/");
    Message<HttpResponse, String> r = get(post("1"));
    assertThat(r.getBody()).isEqualTo("data: tls\n\n");
    assertThat(r.getHead().getVersion().getMajor()).isEqualTo(2);
  }

  /**
   * A POST whose HTTP/2 stream the test can reset: HttpCore's requester does not reset a stream when its future is
   * cancelled, so this producer keeps the stream channel HttpCore hands it (unwrapped from HttpCore's wrapper, as
   * the runtime's {@code Http2Streams} does) and cancels it, which sends RST_STREAM (CANCEL).
   */
  static final class ResettableRequest implements AsyncRequestProducer {
    private final BasicRequestProducer delegate;
    private volatile Cancellable stream;

    ResettableRequest(java.net.URI uri) {
      delegate = new BasicRequestProducer(new BasicHttpRequest("POST", uri),
          AsyncEntityProducers.create("x", ContentType.APPLICATION_JSON));
    }

    void reset() {
      assertThat(stream).as("the stream channel").isNotNull();
      stream.cancel();
    }

    @Override
    public void sendRequest(RequestChannel channel, HttpContext context) throws HttpException, IOException {
      delegate.sendRequest(channel, context);
    }

    @Override
    public void produce(DataStreamChannel channel) throws IOException {
      Object c = channel;
      for (int depth = 0; depth < 3 && !(c instanceof Cancellable) && c != null; depth++) {
        Object inner = null;
        for (Field f : c.getClass().getDeclaredFields()) {
          if (DataStreamChannel.class.isAssignableFrom(f.getType())) {
            try {
              f.setAccessible(true);
              inner = f.get(c);
            } catch (ReflectiveOperationException | RuntimeException e) {
              inner = null;
            }
          }
        }
        c = inner;
      }
      if (c instanceof Cancellable cancellable) {
        stream = cancellable;
      }
      delegate.produce(channel);
    }

    @Override public boolean isRepeatable() { return false; }
    @Override public void failed(Exception cause) { delegate.failed(cause); }
    @Override public int available() { return delegate.available(); }
    @Override public void releaseResources() { delegate.releaseResources(); }
  }
}
