package dev.rill.testkit.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rill.testkit.fixtures.Format;
import dev.rill.testkit.fixtures.Recording;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class WireServerTest {
  private static final Duration SECOND = Duration.ofSeconds(1);
  private static final Duration TWO = Duration.ofSeconds(2);

  private WireServer server;
  private HttpClient client;

  @BeforeEach
  void start() {
    server = WireServer.start();
    client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(TWO).build();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private HttpRequest get(String path) {
    return HttpRequest.newBuilder(server.url(path)).timeout(Duration.ofSeconds(5)).build();
  }

  private Socket connect() throws IOException {
    Socket s = new Socket("127.0.0.1", server.port());
    s.setSoTimeout(5_000);
    return s;
  }

  private static void send(Socket s, String request) throws IOException {
    OutputStream out = s.getOutputStream();
    out.write(request.getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
  }

  private static String readToEof(Socket s) throws IOException {
    return new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
  }

  /** Reads until {@code marker} has arrived. */
  private static String readUntil(InputStream in, String marker) throws IOException {
    ByteArrayOutputStream seen = new ByteArrayOutputStream();
    while (!seen.toString(StandardCharsets.ISO_8859_1).contains(marker)) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("EOF before " + marker + " in " + seen.toString(StandardCharsets.ISO_8859_1));
      }
      seen.write(b);
    }
    return seen.toString(StandardCharsets.ISO_8859_1);
  }

  @Test
  void chunkedFramingIsExact() throws IOException {
    server.enqueue(Response.status(200).header("Content-Type", "text/plain").write("hello").write("")
        .write(" world!").closeDelimited().chunked());
    try (Socket s = connect()) {
      send(s, "GET /x?y=1 HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n");
      String all = readToEof(s);
      assertThat(all).startsWith("HTTP/1.1 200 OK\r\n").contains("\r\nContent-Type: text/plain\r\n")
          .contains("\r\nTransfer-Encoding: chunked\r\n").doesNotContain("Content-Length")
          .endsWith("\r\n\r\n5\r\nhello\r\n7\r\n world!\r\n0\r\n\r\n");
    }
    assertThat(server.bytesWritten()).isEqualTo(12);
    assertThat(server.takeRequest(SECOND)).satisfies(r -> {
      assertThat(r.method()).isEqualTo("GET");
      assertThat(r.path()).isEqualTo("/x?y=1");
      assertThat(r.headers()).containsEntry("host", "a").containsEntry("connection", "close");
      assertThat(r.body()).isEmpty();
    });
  }

  @Test
  void httpClientReadsSseAndKeepsTheConnectionAlive() throws Exception {
    server.enqueue(Response.sseData("{\"a\":1}", "[DONE]"));
    server.enqueue(Response.json(429, "{\"error\":\"slow down\"}").header("Retry-After", "1"));
    server.enqueue(Response.status(200).write("abc").contentLength());
    HttpResponse<String> first = client.send(HttpRequest.newBuilder(server.url("/v1/chat?stream=true"))
        .header("Authorization", "Bearer k").POST(HttpRequest.BodyPublishers.ofString("{\"q\":\"é\"}")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(first.headers().firstValue("content-type")).hasValue("text/event-stream");
    assertThat(first.body()).isEqualTo("data: {\"a\":1}\n\ndata: [DONE]\n\n");
    HttpResponse<String> second = client.send(get("/two"), HttpResponse.BodyHandlers.ofString());
    assertThat(second.statusCode()).isEqualTo(429);
    assertThat(second.headers().firstValue("retry-after")).hasValue("1");
    assertThat(second.body()).isEqualTo("{\"error\":\"slow down\"}");
    assertThat(client.send(get("/three"), HttpResponse.BodyHandlers.ofString()).body()).isEqualTo("abc");

    assertThat(server.connectionsAccepted()).isEqualTo(1);
    List<RecordedRequest> requests = server.requests();
    assertThat(requests).extracting(RecordedRequest::path).containsExactly("/v1/chat?stream=true", "/two", "/three");
    assertThat(requests).extracting(RecordedRequest::connection).containsOnly(1);
    RecordedRequest post = requests.get(0);
    assertThat(post.method()).isEqualTo("POST");
    assertThat(post.header("Authorization")).isEqualTo("Bearer k");
    assertThat(post.bodyText()).isEqualTo("{\"q\":\"é\"}");
    assertThat(post.toString()).doesNotContain("Bearer");
    assertThat(server.awaitNoActiveResponses(SECOND)).isTrue();
    assertThat(server.openConnections()).isEqualTo(1); // pooled by the client
  }

  @Test
  void defaultHttp2PreferringClientFallsBackToHttp11() throws Exception {
    server.enqueue(Response.sseData("{}"));
    server.enqueue(Response.json(200, "{}"));
    HttpClient defaults = HttpClient.newHttpClient();
    HttpResponse<String> r = defaults.send(HttpRequest.newBuilder(server.url("/s")).POST(
        HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
    assertThat(r.body()).isEqualTo("data: {}\n\n");
    assertThat(defaults.send(get("/t"), HttpResponse.BodyHandlers.ofString()).body()).isEqualTo("{}");
    assertThat(server.requests()).extracting(RecordedRequest::bodyText).containsExactly("x", "");
    assertThat(server.awaitNoOpenConnections(Duration.ofMillis(50))).isFalse(); // still pooled
  }

  @Test
  void readsChunkedRequestBodiesAndServesKeepAliveOnOneSocket() throws IOException {
    server.enqueue(Response.status(201).write("one").contentLength());
    server.enqueue(Response.status(200).write("two"));
    try (Socket s = connect()) {
      send(s, "POST /a HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\nX-Dup: 1\r\nx-dup: 2\r\n\r\n"
          + "3\r\nabc\r\n4;ext=1\r\ndefg\r\n0\r\nTrailer: x\r\n\r\n");
      InputStream in = s.getInputStream();
      assertThat(readUntil(in, "one")).startsWith("HTTP/1.1 201 Created\r\n").contains("Content-Length: 3\r\n");
      send(s, "GET /b HTTP/1.1\r\nHost: a\r\n\r\n");
      assertThat(readUntil(in, "0\r\n\r\n")).contains("3\r\ntwo\r\n");
    }
    assertThat(server.requests()).extracting(RecordedRequest::bodyText).containsExactly("abcdefg", "");
    assertThat(server.requests().get(0).headers()).containsEntry("x-dup", "1, 2");
    assertThat(server.requests()).extracting(RecordedRequest::connection).containsExactly(1, 1);
    assertThat(server.awaitNoOpenConnections(SECOND)).isTrue();
    assertThat(server.clientDisconnects()).isZero(); // closing an idle connection is not a disconnect
  }

  @Test
  void emptyQueueServesTheFallback() throws Exception {
    HttpResponse<String> none = client.send(get("/"), HttpResponse.BodyHandlers.ofString());
    assertThat(none.statusCode()).isEqualTo(500);
    assertThat(none.body()).contains("no scripted response");
    server.fallback(Response.status(503).write("busy").contentLength());
    assertThat(client.send(get("/"), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(503);
    assertThat(client.send(get("/"), HttpResponse.BodyHandlers.ofString()).body()).isEqualTo("busy");
    assertThat(server.requestCount()).isEqualTo(3);
    assertThat(server.takeRequest(Duration.ofMillis(1))).isNotNull();
  }

  @Test
  void takeRequestTimesOutWithNull() {
    assertThat(server.takeRequest(Duration.ofMillis(20))).isNull();
  }

  @Test
  void closeMidStreamIsAnIncompleteBody() throws Exception {
    server.enqueue(Response.sse("data: {\"a\":1}\n\n").closeMidStream());
    assertThatThrownBy(() -> client.send(get("/"), HttpResponse.BodyHandlers.ofString()))
        .isInstanceOf(IOException.class);
    server.enqueue(Response.sse("data: {\"a\":1}\n\n").closeMidStream());
    try (Socket s = connect()) {
      send(s, "GET / HTTP/1.1\r\nHost: a\r\n\r\n");
      String all = readToEof(s); // a FIN, not a reset
      assertThat(all).endsWith("data: {\"a\":1}\n\n\r\n").doesNotContain("\r\n0\r\n");
    }
    assertThat(server.awaitNoOpenConnections(SECOND)).isTrue();
  }

  @Test
  void shortContentLengthIsAnIncompleteBody() {
    server.enqueue(Response.status(200).write("0123456789").contentLength(100));
    assertThatThrownBy(() -> client.send(get("/"), HttpResponse.BodyHandlers.ofString()))
        .isInstanceOf(IOException.class);
    assertThat(server.awaitNoOpenConnections(SECOND)).isTrue();
  }

  @Test
  void resetIsSeenAsAReset() throws IOException {
    server.enqueue(Response.sse("data: 1\n\n").pause(Duration.ofMillis(50)).reset());
    try (Socket s = connect()) {
      send(s, "GET / HTTP/1.1\r\nHost: a\r\n\r\n");
      InputStream in = s.getInputStream();
      readUntil(in, "data: 1");
      assertThatThrownBy(() -> {
        while (in.read() >= 0) {
          // drain until the reset
        }
      }).isInstanceOf(SocketException.class).hasMessageContaining("reset");
    }
    server.enqueue(Response.sse("data: 1\n\n").reset());
    assertThatThrownBy(() -> client.send(get("/"), HttpResponse.BodyHandlers.ofString()))
        .isInstanceOf(IOException.class);
  }

  @Test
  void dripWritesOneByteAtATimeInOrder() throws IOException {
    server.enqueue(Response.status(200).drip("abcd".getBytes(StandardCharsets.US_ASCII), Duration.ofMillis(60))
        .closeDelimited());
    try (Socket s = connect()) {
      send(s, "GET / HTTP/1.1\r\nHost: a\r\n\r\n");
      InputStream in = s.getInputStream();
      String head = readUntil(in, "\r\n\r\n");
      assertThat(head).contains("Connection: close").doesNotContain("chunked", "Content-Length");
      List<Long> times = new ArrayList<>();
      StringBuilder body = new StringBuilder();
      int b;
      while ((b = in.read()) >= 0) {
        times.add(System.nanoTime());
        body.append((char) b);
      }
      assertThat(body).hasToString("abcd");
      // One gap can look short when the read before it was late (a loaded machine), but the bytes cannot arrive
      // sooner than written: the last comes at least three pauses after the first was written, so well over two
      // after the first was read.
      assertThat(Duration.ofNanos(times.get(times.size() - 1) - times.get(0))).isGreaterThan(Duration.ofMillis(120));
    }
  }

  @Test
  void writeEachSendsOneChunkPerPartWithGaps() throws IOException {
    server.enqueue(Response.replay(List.of(bytes("ab"), bytes("cde"), bytes("f")), Duration.ofMillis(40)));
    long start = System.nanoTime();
    try (Socket s = connect()) {
      send(s, "GET / HTTP/1.1\r\nHost: a\r\n\r\n");
      String all = readUntil(s.getInputStream(), "0\r\n\r\n");
      assertThat(all).endsWith("\r\n\r\n2\r\nab\r\n3\r\ncde\r\n1\r\nf\r\n0\r\n\r\n");
    }
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThan(Duration.ofMillis(75));
  }

  @Test
  void replaysARecording() throws Exception {
    Recording rec = new Recording("x/y", Format.REQLLM_JSON, 200,
        Map.of("content-type", "text/event-stream", "transfer-encoding", "chunked"),
        List.of(bytes("data: {\"a\""), bytes(":1}\n\ndata: [DONE]\n\n")));
    server.enqueue(Response.replay(rec, Duration.ZERO));
    HttpResponse<String> r = client.send(get("/"), HttpResponse.BodyHandlers.ofString());
    assertThat(r.headers().firstValue("content-type")).hasValue("text/event-stream");
    assertThat(r.body()).isEqualTo("data: {\"a\":1}\n\ndata: [DONE]\n\n");
  }

  @Test
  void stallForeverHoldsUntilTheClientCloses() throws IOException {
    server.enqueue(Response.sse("data: 1\n\n").stallForever());
    try (Socket s = connect()) {
      send(s, "GET / HTTP/1.1\r\nHost: a\r\n\r\n");
      readUntil(s.getInputStream(), "data: 1\n\n\r\n"); // the whole chunk
      s.setSoTimeout(150);
      assertThatThrownBy(() -> s.getInputStream().read()).isInstanceOf(SocketTimeoutException.class);
      assertThat(server.openConnections()).isEqualTo(1);
      assertThat(server.activeResponses()).isEqualTo(1);
    }
    assertThat(server.awaitClientDisconnects(1, SECOND)).isTrue();
    assertThat(server.awaitNoOpenConnections(SECOND)).isTrue();
    assertThat(server.activeResponses()).isZero();
  }

  @Test
  void stallBeforeHeadersDelaysTheHeadAndSeesAGivingUpClient() throws Exception {
    server.enqueue(Response.status(200).write("late").contentLength().stallBeforeHeaders(Duration.ofMillis(250)));
    long start = System.nanoTime();
    assertThat(client.send(get("/"), HttpResponse.BodyHandlers.ofString()).body()).isEqualTo("late");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(240));

    server.enqueue(Response.status(200).write("never").stallBeforeHeaders(Duration.ofSeconds(30)));
    HttpRequest impatient = HttpRequest.newBuilder(server.url("/")).timeout(Duration.ofMillis(200)).build();
    assertThatThrownBy(() -> client.send(impatient, HttpResponse.BodyHandlers.ofString()))
        .isInstanceOf(HttpTimeoutException.class);
    assertThat(server.awaitClientDisconnects(1, TWO)).isTrue();
    assertThat(server.awaitNoActiveResponses(SECOND)).isTrue();
  }

  @Test
  void clientCancellingMidStreamIsADisconnect() throws Exception {
    server.enqueue(Response.sse("data: first\n\n").pause(Duration.ofSeconds(30)).write("data: never\n\n"));
    HttpResponse<InputStream> r = client.send(get("/"), HttpResponse.BodyHandlers.ofInputStream());
    InputStream body = r.body();
    assertThat(readUntil(body, "\n\n")).isEqualTo("data: first\n\n");
    body.close();
    assertThat(server.awaitClientDisconnects(1, TWO)).isTrue();
    assertThat(server.awaitNoOpenConnections(SECOND)).isTrue();
  }

  @Test
  void slowReaderBoundsBytesWritten() throws Exception {
    server.sendBufferSize(8 * 1024);
    byte[] part = new byte[1024];
    java.util.Arrays.fill(part, (byte) 'x');
    server.enqueue(Response.status(200).repeat(part, 1_000_000)); // 1 GB if nobody pushed back
    try (Socket s = new Socket()) {
      s.setReceiveBufferSize(8 * 1024);
      s.connect(new java.net.InetSocketAddress("127.0.0.1", server.port()));
      s.setSoTimeout(5_000);
      send(s, "GET / HTTP/1.1\r\nHost: a\r\n\r\n");
      readUntil(s.getInputStream(), "xxxx");
      long before;
      long after = server.bytesWritten();
      do { // wait until the buffers are full and writing stops
        before = after;
        Thread.sleep(150);
        after = server.bytesWritten();
      } while (after != before);
      assertThat(after).isLessThan(4L * 1024 * 1024);
      assertThat(server.activeResponses()).isEqualTo(1);
    }
    assertThat(server.awaitClientDisconnects(1, TWO)).isTrue();
    assertThat(server.awaitNoOpenConnections(SECOND)).isTrue();
    assertThat(server.bytesWritten()).isLessThan(4L * 1024 * 1024);
  }

  @Test
  void repeatStreamsLargeBodiesToAReadingClient() throws Exception {
    byte[] part = new byte[4096];
    server.enqueue(Response.status(200).repeat(part, 2_500).contentLength());
    HttpResponse<byte[]> r = client.send(get("/"), HttpResponse.BodyHandlers.ofByteArray());
    assertThat(r.body()).hasSize(4096 * 2_500);
    assertThat(r.headers().firstValue("content-length")).hasValue("10240000");
    assertThat(server.bytesWritten()).isEqualTo(4096L * 2_500);
  }

  @Test
  void closeEndsStallsAndConnections() throws Exception {
    server.enqueue(Response.sse("data: 1\n\n").stallForever());
    try (Socket s = connect()) {
      send(s, "GET / HTTP/1.1\r\nHost: a\r\n\r\n");
      InputStream in = s.getInputStream();
      readUntil(in, "data: 1\n\n\r\n");
      long start = System.nanoTime();
      server.close();
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(SECOND);
      assertThat(in.read()).isEqualTo(-1);
    }
    assertThat(server.openConnections()).isZero();
    assertThat(server.clientDisconnects()).isZero();
    assertThatThrownBy(this::connect).isInstanceOf(IOException.class);
  }

  @Test
  void responsesAreImmutableAndTerminalStepsEndTheScript() {
    Response base = Response.status(200);
    Response withBody = base.write("x");
    assertThat(base.toString()).contains("0 steps");
    assertThat(withBody.toString()).contains("1 steps");
    assertThatThrownBy(() -> base.reset().write("y")).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> Response.status(42)).isInstanceOf(IllegalArgumentException.class);
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
