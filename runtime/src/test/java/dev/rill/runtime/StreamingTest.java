package dev.rill.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rill.api.ChatRequest;
import dev.rill.api.ChatResponse;
import dev.rill.api.ErrorKind;
import dev.rill.api.FinishReason;
import dev.rill.api.RillException;
import dev.rill.api.StreamChunk;
import dev.rill.api.TimeoutPhase;
import dev.rill.testkit.server.RecordedRequest;
import dev.rill.testkit.server.Response;
import dev.rill.testkit.server.WireServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The basic pipeline end to end: a real plugin, the real HttpClient 5 transport, a real loopback server. */
class StreamingTest {
  static final String KEY = "sk-test-0123456789abcdef";
  static final Duration WAIT = Duration.ofSeconds(10);

  WireServer server;
  Rill rill;

  @BeforeEach
  void start() {
    server = WireServer.start();
    rill = client(Duration.ofSeconds(30));
  }

  Rill client(Duration idle) {
    return Rill.builder().discover(false).register(new LineProvider())
        .baseUrl("line", server.baseUri().toString()).apiKey("line", KEY).idleTimeout(idle).build();
  }

  @AfterEach
  void stop() {
    rill.close();
    server.close();
  }

  static ChatRequest request() {
    return ChatRequest.builder("line:model-a").user("hi").build();
  }

  @Test
  void streamsTextAndFoldsTheResponse() {
    server.enqueue(Response.sseData("m:model-a-2024", "t:Hel", "t:lo", "f:stop", "u:3,2", "[DONE]"));

    ChatResponse response = rill.stream(request()).collect().join();

    assertThat(response.text()).isEqualTo("Hello");
    assertThat(response.finishReason()).isEqualTo(FinishReason.of(FinishReason.Kind.STOP, "stop"));
    assertThat(response.usage().totalTokens()).isEqualTo(5L);
    assertThat(response.model()).isEqualTo("model-a-2024");
    assertThat(response.provider()).isEqualTo("line");
    assertThat(response.chunkCount()).isEqualTo(4);
    RecordedRequest sent = server.requests().get(0);
    assertThat(sent.method()).isEqualTo("POST");
    assertThat(sent.path()).isEqualTo("/chat");
    assertThat(sent.header("authorization")).isEqualTo("Bearer " + KEY);
    assertThat(sent.bodyText()).isEqualTo("model-a|hi");
    assertNoLeasedConnections();
  }

  @Test
  void isColdUntilDemandAndUnicast() throws Exception {
    server.enqueue(Response.sseData("t:x", "[DONE]"));
    ChatStream stream = rill.stream(request());
    RecordingSubscriber first = new RecordingSubscriber(0);
    stream.subscribe(first);
    Thread.sleep(200);
    assertThat(server.requestCount()).as("no request before demand").isZero();

    RecordingSubscriber second = new RecordingSubscriber(1);
    stream.subscribe(second);
    assertThat(second.await(WAIT)).isTrue();
    assertThat(second.error).isInstanceOf(IllegalStateException.class).hasMessageContaining("unicast");

    first.request(10);
    assertThat(first.await(WAIT)).isTrue();
    assertThat(first.completed).isTrue();
    assertThat(first.text()).isEqualTo("x");
    assertThat(first.violations).isEmpty();
  }

  @Test
  void respectsDemandOneChunkAtATime() throws Exception {
    server.enqueue(Response.sseData("t:a", "t:b", "t:c", "[DONE]"));
    RecordingSubscriber s = new RecordingSubscriber(1);
    rill.stream(request()).subscribe(s);
    assertThat(s.firstChunk.await(10, TimeUnit.SECONDS)).isTrue();
    Thread.sleep(200);
    assertThat(s.chunks).hasSize(1);
    s.request(1);
    s.request(5);
    assertThat(s.await(WAIT)).isTrue();
    assertThat(s.text()).isEqualTo("abc");
    assertThat(s.violations).isEmpty();
  }

  @Test
  void aBodyThatEndsWithoutTheTerminatorIsTruncated() {
    server.enqueue(Response.sseData("t:Hel", "t:lo"));
    RillException e = failure(rill.stream(request()));
    assertThat(e.kind()).isEqualTo(ErrorKind.TRUNCATED);
    assertThat(e.partial().text()).isEqualTo("Hello");
    assertThat(e.retryable()).isFalse();
    assertNoLeasedConnections();
  }

  @Test
  void aConnectionThatDropsMidStreamIsInterruptedAndKeepsThePartialText() {
    // The pause puts the FIN in a later read than the data: HttpCore's chunk decoder drops bytes that arrive in
    // the same read as a premature end of the chunked body (see docs/architecture.md, known limits).
    server.enqueue(Response.sse("data: t:Hel\n\n", "data: t:lo\n\n").pause(Duration.ofMillis(100)).closeMidStream());
    RillException e = failure(rill.stream(request()));
    assertThat(e.kind()).isEqualTo(ErrorKind.STREAM_INTERRUPTED);
    assertThat(e.partial().text()).isEqualTo("Hello");
    assertThat(e.getMessage()).contains("partial output kept");
    assertNoLeasedConnections();
  }

  @Test
  void aResetMidStreamIsInterrupted() {
    server.enqueue(Response.sse("data: t:Hel\n\n").pause(Duration.ofMillis(100)).reset());
    RillException e = failure(rill.stream(request()));
    assertThat(e.kind()).isEqualTo(ErrorKind.STREAM_INTERRUPTED);
    assertThat(e.partial().text()).isEqualTo("Hel");
    assertNoLeasedConnections();
  }

  @Test
  void httpErrorsAreClassifiedWithStatusAndRetryAfter() {
    server.enqueue(Response.json(401, "{\"error\":\"bad key\"}"));
    server.enqueue(Response.json(429, "{\"error\":\"slow down\"}").header("Retry-After", "7"));
    server.enqueue(Response.json(500, "{\"error\":\"boom\"}"));
    server.enqueue(Response.json(503, "overloaded").header("retry-after-ms", "1500"));

    RillException auth = failure(rill.stream(request()));
    assertThat(auth.kind()).isEqualTo(ErrorKind.AUTHENTICATION);
    assertThat(auth.httpStatus()).hasValue(401);
    assertThat(auth.retryable()).isFalse();

    RillException limited = failure(rill.stream(request()));
    assertThat(limited.kind()).isEqualTo(ErrorKind.RATE_LIMITED);
    assertThat(limited.retryAfter()).contains(Duration.ofSeconds(7));
    assertThat(limited.retryable()).isTrue();
    assertThat(limited.getMessage()).contains("HTTP 429").contains("retryable after 7000 ms").contains("line:model-a");

    RillException server500 = failure(rill.stream(request()));
    assertThat(server500.kind()).isEqualTo(ErrorKind.SERVER);
    assertThat(server500.providerMessage()).contains("boom");

    RillException overloaded = failure(rill.stream(request()));
    assertThat(overloaded.kind()).isEqualTo(ErrorKind.OVERLOADED);
    assertThat(overloaded.retryAfter()).contains(Duration.ofMillis(1500));
    assertNoLeasedConnections();
  }

  @Test
  void aSuccessWithTheWrongContentTypeIsAnErrorNotAnEmptyStream() {
    server.enqueue(Response.json(200, "{\"choices\":[]}"));
    RillException e = failure(rill.stream(request()));
    assertThat(e.kind()).isEqualTo(ErrorKind.MALFORMED_RESPONSE);
    assertThat(e.getMessage()).contains("text/event-stream").contains("application/json");
  }

  @Test
  void theKeyNeverAppearsEvenWhenTheProviderEchoesIt() {
    server.enqueue(Response.json(401, "{\"error\":\"Incorrect API key provided: " + KEY + "\"}"));
    RillException e = failure(rill.stream(request()));
    assertThat(e.getMessage()).doesNotContain(KEY).contains("***");
    assertThat(e.providerMessage()).doesNotContain(KEY);
    assertThat(e.toString()).doesNotContain(KEY);
    assertThat(rill.settingsFor(new LineProvider().info()).toString()).doesNotContain(KEY);
    assertThat(rill.toString()).doesNotContain(KEY);
  }

  @Test
  void theKeyNeverAppearsInALogLine() {
    java.util.logging.Logger root = java.util.logging.Logger.getLogger("");
    java.util.List<String> lines = new java.util.concurrent.CopyOnWriteArrayList<>();
    java.util.logging.Handler capture = new java.util.logging.Handler() {
      @Override public void publish(java.util.logging.LogRecord r) {
        lines.add(r.getMessage() + " " + (r.getThrown() == null ? "" : r.getThrown().toString()));
      }
      @Override public void flush() {}
      @Override public void close() {}
    };
    java.util.logging.Level before = root.getLevel();
    root.setLevel(java.util.logging.Level.ALL);
    root.addHandler(capture);
    try {
      // A subscriber whose onError throws gets that logged, with the RillException's message in it.
      server.enqueue(Response.json(401, "{\"error\":\"Incorrect API key provided: " + KEY + "\"}"));
      server.enqueue(Response.sseData("t:ok", "garbage " + KEY));
      for (int i = 0; i < 2; i++) {
        RecordingSubscriber s = new RecordingSubscriber(Long.MAX_VALUE) {
          @Override
          public void onError(Throwable t) {
            super.onError(t);
            throw new IllegalStateException("onError bug: " + t.getMessage());
          }
        };
        rill.stream(request()).subscribe(s);
        try {
          s.await(WAIT);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        assertThat(s.error).isInstanceOf(RillException.class);
      }
      // A listener that throws is logged too.
      server.enqueue(Response.sseData("t:ok", "f:stop", "[DONE]"));
      rill.stream(request(), StreamOptions.enhancedBuilder().listener(new StreamListener() {
        @Override public void onStart(CallInfo call) { throw new IllegalStateException("listener bug " + call); }
      }).build()).collect().join();
    } finally {
      root.removeHandler(capture);
      root.setLevel(before);
    }
    assertThat(lines).isNotEmpty().noneMatch(l -> l.contains(KEY));
  }

  @Test
  void aMissingKeyFailsBeforeAnyRequest() {
    try (Rill noKey = Rill.builder().discover(false).register(new LineProvider())
        .baseUrl("line", server.baseUri().toString()).environment(name -> null).build()) {
      RillException e = failure(noKey.stream(request()));
      assertThat(e.kind()).isEqualTo(ErrorKind.AUTHENTICATION);
      assertThat(e.getMessage()).contains("LINE_API_KEY").contains("rill.provider.line.api-key");
      assertThat(server.requestCount()).isZero();
    }
  }

  @Test
  void keysResolveExplicitThenSystemPropertyThenEnvironment() {
    server.fallback(Response.sseData("t:ok", "[DONE]"));
    try (Rill fromEnv = Rill.builder().discover(false).register(new LineProvider())
        .baseUrl("line", server.baseUri().toString()).environment(n -> n.equals("LINE_API_KEY") ? "env-key" : null)
        .build()) {
      fromEnv.stream(request()).collect().join();
      assertThat(server.requests().get(0).header("authorization")).isEqualTo("Bearer env-key");
      System.setProperty("rill.provider.line.api-key", "prop-key");
      try {
        fromEnv.stream(request()).collect().join();
        assertThat(server.requests().get(1).header("authorization")).isEqualTo("Bearer prop-key");
      } finally {
        System.clearProperty("rill.provider.line.api-key");
      }
    }
    rill.stream(request()).collect().join();
    assertThat(server.requests().get(2).header("authorization")).isEqualTo("Bearer " + KEY);
  }

  @Test
  void anInStreamErrorAfterOutputKeepsThePartialAndIsNotRetryable() {
    server.enqueue(Response.sseData("t:Hel", "e:OVERLOADED", "t:never"));
    RillException e = failure(rill.stream(request()));
    assertThat(e.kind()).isEqualTo(ErrorKind.OVERLOADED);
    assertThat(e.partial().text()).isEqualTo("Hel");
    assertThat(e.retryable()).isFalse();
    assertNoLeasedConnections();
  }

  @Test
  void aMalformedEventIsATypedErrorCarryingTheRawEvent() {
    server.enqueue(Response.sseData("t:ok", "garbage{", "[DONE]"));
    RillException e = failure(rill.stream(request()));
    assertThat(e.kind()).isEqualTo(ErrorKind.MALFORMED_RESPONSE);
    assertThat(e.rawEvent()).isEqualTo("garbage{");
    assertThat(e.partial().text()).isEqualTo("ok");
  }

  @Test
  void anUnknownProviderListsTheAvailableOnes() {
    assertThatThrownBy(() -> rill.stream(ChatRequest.builder("nope:m").user("x").build()))
        .isInstanceOf(RillException.class).hasMessageContaining("unknown provider 'nope'")
        .hasMessageContaining("available: line");
  }

  @Test
  void theFirstEventArrivesWhileTheServerStalls() throws Exception {
    server.enqueue(Response.sse("data: t:first\n\n").stallForever());
    RecordingSubscriber s = new RecordingSubscriber(Long.MAX_VALUE);
    ChatStream stream = rill.stream(request());
    stream.subscribe(s);
    assertThat(s.firstChunk.await(10, TimeUnit.SECONDS)).as("dispatched without waiting for more bytes").isTrue();
    assertThat(s.text()).isEqualTo("first");
    stream.cancel();
    assertThat(server.awaitClientDisconnects(1, WAIT)).isTrue();
    assertNoLeasedConnections();
  }

  @Test
  void cancelBeforeTheResponseClosesTheConnection() throws Exception {
    server.enqueue(Response.sseData("t:late", "[DONE]").stallBeforeHeaders(Duration.ofSeconds(30)));
    RecordingSubscriber s = new RecordingSubscriber(1);
    ChatStream stream = rill.stream(request());
    stream.subscribe(s);
    assertThat(server.awaitRequests(1, WAIT)).isTrue();
    s.subscription.cancel();
    assertThat(server.awaitClientDisconnects(1, WAIT)).isTrue();
    Thread.sleep(100);
    assertThat(s.terminals.get()).as("no signal after cancel").isZero();
    assertNoLeasedConnections();
  }

  @Test
  void cancelMidStreamClosesTheConnection() throws Exception {
    server.enqueue(Response.sse("data: t:one\n\n").stallForever());
    RecordingSubscriber s = new RecordingSubscriber(Long.MAX_VALUE);
    rill.stream(request()).subscribe(s);
    assertThat(s.firstChunk.await(10, TimeUnit.SECONDS)).isTrue();
    s.subscription.cancel();
    assertThat(server.awaitClientDisconnects(1, WAIT)).isTrue();
    assertThat(s.terminals.get()).isZero();
    assertNoLeasedConnections();
  }

  @Test
  void cancelAfterAnEarlierCallStillClosesItsConnection() throws Exception {
    // Regression: HttpClient 5.6 ignored the cancel of an exchange on a reused HTTP/1.1 connection.
    server.enqueue(Response.sseData("t:a", "[DONE]"));
    rill.stream(request()).collect().join();
    server.enqueue(Response.sse("data: t:one\n\n").stallForever());
    RecordingSubscriber s = new RecordingSubscriber(Long.MAX_VALUE);
    rill.stream(request()).subscribe(s);
    assertThat(s.firstChunk.await(10, TimeUnit.SECONDS)).isTrue();
    s.subscription.cancel();
    assertThat(server.awaitClientDisconnects(1, WAIT)).isTrue();
    assertNoLeasedConnections();
  }

  @Test
  void aSubscriberThatThrowsFromOnNextCancelsAndReleases() throws Exception {
    server.enqueue(Response.sse("data: t:one\n\n").stallForever());
    List<Throwable> errors = new ArrayList<>();
    var future = rill.stream(request()).forEach(c -> {
      throw new IllegalStateException("consumer bug");
    });
    assertThatThrownBy(future::join).hasCauseInstanceOf(RillException.class)
        .hasMessageContaining("subscriber threw from onNext");
    assertThat(server.awaitClientDisconnects(1, WAIT)).isTrue();
    assertNoLeasedConnections();
  }

  @Test
  void requestOfZeroIsSignalledAsAnError() throws Exception {
    server.fallback(Response.sseData("t:a", "[DONE]"));
    RecordingSubscriber s = new RecordingSubscriber(0);
    rill.stream(request()).subscribe(s);
    s.subscription.request(0);
    assertThat(s.await(WAIT)).isTrue();
    assertThat(s.error).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("3.9");
  }

  @Test
  void theBlockingIteratorAndStreamViews() {
    server.enqueue(Response.sseData("t:a", "t:b", "t:c", "[DONE]"));
    List<String> seen = new ArrayList<>();
    try (ChunkIterator it = rill.stream(request()).iterator()) {
      it.forEachRemaining(c -> seen.add(c.content()));
    }
    assertThat(seen).containsExactly("a", "b", "c");

    server.enqueue(Response.sse("data: t:x\n\n", "data: t:y\n\n").stallForever());
    try (Stream<StreamChunk> chunks = rill.stream(request()).stream()) {
      assertThat(chunks.limit(2).map(StreamChunk::content)).containsExactly("x", "y");
    }
    assertThat(server.awaitClientDisconnects(1, WAIT)).as("closing the Stream cancels the call").isTrue();
    assertNoLeasedConnections();
  }

  @Test
  void anIteratorRethrowsTheStreamsError() {
    server.enqueue(Response.sseData("t:a", "e:SERVER"));
    ChunkIterator it = rill.stream(request()).iterator();
    assertThat(it.next().content()).isEqualTo("a");
    assertThatThrownBy(it::hasNext).isInstanceOf(RillException.class)
        .satisfies(t -> assertThat(((RillException) t).kind()).isEqualTo(ErrorKind.SERVER));
  }

  @Test
  void anIdleConnectionTimesOutWithItsPhase() {
    rill.close();
    rill = client(Duration.ofMillis(400));
    server.enqueue(Response.sse("data: t:Hel\n\n").pause(Duration.ofSeconds(5)).write("data: [DONE]\n\n"));
    RillException e = failure(rill.stream(request()));
    assertThat(e.kind()).isEqualTo(ErrorKind.TIMEOUT);
    assertThat(e.timeoutPhase()).contains(TimeoutPhase.IDLE);
    assertThat(e.partial().text()).isEqualTo("Hel");
    assertNoLeasedConnections();
  }

  @Test
  void aRefusedConnectionIsATransportError() throws Exception {
    int port;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    try (Rill closed = Rill.builder().discover(false).register(new LineProvider())
        .baseUrl("line", "http://127.0.0.1:" + port).apiKey("line", KEY).build()) {
      RillException e = failure(closed.stream(request()));
      assertThat(e.kind()).isEqualTo(ErrorKind.TRANSPORT);
      assertThat(e.retryable()).isTrue();
      assertThat(e.hadOutput()).isFalse();
    }
  }

  @Test
  void completesAtTheTerminatorEvenIfTheServerKeepsTheBodyOpen() {
    server.enqueue(Response.sse("data: t:done\n\n", "data: [DONE]\n\n").stallForever());
    ChatResponse r = rill.stream(request()).collect().orTimeout(5, TimeUnit.SECONDS).join();
    assertThat(r.text()).isEqualTo("done");
    assertThat(server.awaitClientDisconnects(1, WAIT)).as("the lingering exchange is closed after a grace").isTrue();
    assertNoLeasedConnections();
  }

  @Test
  void aSlowSubscriberThrottlesTheServerThroughTcp() throws Exception {
    byte[] event = ("data: t:" + "x".repeat(1000) + "\n\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
    long total = 40_000L * event.length; // ~40 MB
    server.sendBufferSize(16 * 1024);
    server.enqueue(Response.status(200).header("Content-Type", "text/event-stream").repeat(event, 40_000));
    rill.close();
    rill = Rill.builder().discover(false).register(new LineProvider()).baseUrl("line", server.baseUri().toString())
        .apiKey("line", KEY).socketReceiveBuffer(64 * 1024).receiveWindow(64 * 1024).build();
    RecordingSubscriber s = new RecordingSubscriber(1);
    rill.stream(request()).subscribe(s);
    assertThat(s.firstChunk.await(10, TimeUnit.SECONDS)).isTrue();
    Thread.sleep(1500);
    long written = server.bytesWritten();
    Thread.sleep(500);
    long later = server.bytesWritten();
    // The receive window (64 KiB), the decoded-but-undelivered queue (32 chunks), the kernel's buffers (SO_RCVBUF
    // 64 KiB, which Linux doubles, and the server's send buffer) and HttpCore's input buffer bound it; under a
    // loaded machine it measured up to ~1.4 MB. The point: a small fraction of the 40 MB, and then no more.
    assertThat(written).as("bytes written stay bounded by window + socket buffers").isLessThan(4L * 1024 * 1024);
    assertThat(total).isGreaterThan(10 * written);
    assertThat(later - written).as("the server is blocked, not trickling").isLessThan(256 * 1024);
    assertThat(s.chunks).hasSize(1);
    s.request(10);
    Thread.sleep(200);
    assertThat(s.chunks).hasSize(11);
    s.subscription.cancel();
    assertThat(server.awaitClientDisconnects(1, WAIT)).isTrue();
    assertNoLeasedConnections();
  }

  static RillException failure(ChatStream stream) {
    try {
      stream.collect().orTimeout(20, TimeUnit.SECONDS).join();
    } catch (CompletionException e) {
      assertThat(e.getCause()).isInstanceOf(RillException.class);
      return (RillException) e.getCause();
    }
    throw new AssertionError("the stream did not fail");
  }

  @Test
  void noChunkArrivesWhileOnSubscribeIsStillRunning() throws Exception {
    // RS 1.3: a subscriber that requests inside onSubscribe and then lingers must not see onNext meanwhile.
    server.enqueue(Response.sseData("t:a", "t:b", "f:stop", "[DONE]"));
    java.util.concurrent.atomic.AtomicBoolean inOnSubscribe = new java.util.concurrent.atomic.AtomicBoolean();
    java.util.List<String> overlaps = new java.util.concurrent.CopyOnWriteArrayList<>();
    RecordingSubscriber s = new RecordingSubscriber(0) {
      @Override
      public void onSubscribe(java.util.concurrent.Flow.Subscription sub) {
        inOnSubscribe.set(true);
        super.onSubscribe(sub);
        request(Long.MAX_VALUE);
        try {
          Thread.sleep(300);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        inOnSubscribe.set(false);
      }

      @Override
      public void onNext(StreamChunk item) {
        if (inOnSubscribe.get()) {
          overlaps.add(item.content());
        }
        super.onNext(item);
      }
    };
    rill.stream(request(), StreamOptions.basic()).subscribe(s);
    assertThat(s.await(WAIT)).isTrue();
    assertThat(s.text()).isEqualTo("ab");
    assertThat(overlaps).as("onNext during onSubscribe").isEmpty();
  }

  void assertNoLeasedConnections() {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (rill.poolStats().leased() > 0 && System.nanoTime() < deadline) {
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    assertThat(rill.poolStats().leased()).as("leased connections").isZero();
  }
}
