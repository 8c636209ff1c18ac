package dev.rill.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rill.api.ChatRequest;
import dev.rill.api.ErrorKind;
import dev.rill.api.Limit;
import dev.rill.api.RillException;
import dev.rill.api.StreamChunk;
import dev.rill.api.TimeoutPhase;
import dev.rill.framing.DecodeLimits;
import dev.rill.testkit.server.Response;
import dev.rill.testkit.server.WireServer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Nothing unbounded by default, in either mode: deadlines in basic mode too, an error body that cannot hold the call
 * open, caps on one response's bytes and fold, events as large as a line may be, the request guards. Each limit
 * ends the stream with its own typed error and keeps the partial.
 */
class LimitsTest {
  static final Duration WAIT = Duration.ofSeconds(15);

  WireServer server;
  LineProvider provider;
  Rill rill;

  @BeforeEach
  void start() {
    server = WireServer.start();
    provider = new LineProvider();
    rill = client(Rill.builder());
  }

  Rill client(Rill.Builder b) {
    return b.discover(false).register(provider).baseUrl("line", server.baseUri().toString()).apiKey("line", "k")
        .build();
  }

  @AfterEach
  void stop() {
    rill.close();
    server.close();
  }

  static ChatRequest request() {
    return ChatRequest.builder("line:m").user("hi").build();
  }

  @Test
  void bothPresetsHaveDeadlinesByDefault() {
    assertThat(StreamOptions.basic().firstChunkTimeout()).isEqualTo(Duration.ofMinutes(10));
    assertThat(StreamOptions.basic().totalTimeout()).isEqualTo(Duration.ofMinutes(60));
    assertThat(StreamOptions.enhanced().firstChunkTimeout()).isEqualTo(Duration.ofMinutes(5));
    assertThat(StreamOptions.enhanced().idleTimeout()).isEqualTo(Duration.ofSeconds(90));
    assertThat(StreamOptions.enhanced().totalTimeout()).isEqualTo(Duration.ofMinutes(60));
  }

  @Test
  void basicModeEndsAServerThatSendsOnlyKeepAlives() {
    Response pings = Response.status(200).header("Content-Type", "text/event-stream");
    for (int i = 0; i < 200; i++) {
      pings = pings.write(": ping\n\n").pause(Duration.ofMillis(20));
    }
    server.enqueue(pings.stallForever());
    StreamOptions basic = StreamOptions.basicBuilder().firstChunkTimeout(Duration.ofMillis(400)).build();
    RillException e = LifecycleTest.failure(rill.stream(request(), basic));
    assertThat(e.kind()).isEqualTo(ErrorKind.TIMEOUT);
    assertThat(e.timeoutPhase()).contains(TimeoutPhase.FIRST_CHUNK);
  }

  @Test
  void basicModeHasATotalDeadline() {
    Response slow = Response.status(200).header("Content-Type", "text/event-stream");
    for (int i = 0; i < 200; i++) {
      slow = slow.write("data: t:x\n\n").pause(Duration.ofMillis(20));
    }
    server.enqueue(slow.stallForever());
    StreamOptions basic = StreamOptions.basicBuilder().totalTimeout(Duration.ofMillis(500)).build();
    RillException e = LifecycleTest.failure(rill.stream(request(), basic));
    assertThat(e.timeoutPhase()).contains(TimeoutPhase.TOTAL);
    assertThat(e.partial().text()).startsWith("x");
  }

  @ParameterizedTest
  @EnumSource(LifecycleTest.Mode.class)
  void anErrorBodyThatTricklesForeverKeepsItsStatus(LifecycleTest.Mode mode) {
    rill.close();
    rill = client(Rill.builder().errorBodyTimeout(Duration.ofMillis(400)));
    Response trickle = Response.status(503).header("Content-Type", "application/json")
        .write("{\"error\": {\"message\": \"overloaded\"");
    for (int i = 0; i < 500; i++) {
      trickle = trickle.write(" ").pause(Duration.ofMillis(20));
    }
    server.enqueue(trickle.stallForever());
    RillException e = LifecycleTest.failure(rill.stream(request(), mode.options));
    assertThat(e.kind()).isEqualTo(ErrorKind.OVERLOADED);
    assertThat(e.httpStatus()).hasValue(503);
  }

  @Test
  void aSevenMebibyteEventOnOneDataLineArrives() {
    String big = "y".repeat(7 << 20); // a base64 image or a large tool argument, on one line
    server.enqueue(Response.sseData("t:" + big, "[DONE]"));
    assertThat(rill.stream(request()).text().join()).hasSize(7 << 20);
  }

  @ParameterizedTest
  @EnumSource(LifecycleTest.Mode.class)
  void anEndlessStreamToADiscardingSubscriberEndsAtTheFoldLimit(LifecycleTest.Mode mode) throws Exception {
    rill.close();
    rill = client(Rill.builder().limits(DecodeLimits.DEFAULT.withMaxFoldChars(1 << 20)));
    server.enqueue(Response.status(200).header("Content-Type", "text/event-stream")
        .repeat(("data: t:" + "z".repeat(1000) + "\n\n").getBytes(StandardCharsets.UTF_8), Long.MAX_VALUE));
    RillException e = discard(rill.stream(request(), mode.options));
    assertThat(e.kind()).isEqualTo(ErrorKind.LIMIT_EXCEEDED);
    assertThat(e.limit()).contains(Limit.FOLD_CHARS);
    assertThat(e.partial().text().length()).isBetween((1 << 20) - 1000, 1 << 20);
    assertThat(server.awaitClientDisconnects(1, WAIT)).isTrue();
  }

  @Test
  void thousandsOfChoiceIndicesEndAtTheChoiceLimit() throws Exception {
    StringBuilder body = new StringBuilder();
    for (int i = 0; i < 5000; i++) {
      body.append("data: n:").append(i).append(",x\n\n");
    }
    server.enqueue(Response.sse(body.toString(), "data: [DONE]\n\n"));
    RillException e = discard(rill.stream(request()));
    assertThat(e.limit()).contains(Limit.CHOICES);
    assertThat(e.partial().choices()).hasSize(128);
  }

  @Test
  void theBytesOfOneResponseAreCapped() throws Exception {
    rill.close();
    rill = client(Rill.builder().limits(DecodeLimits.DEFAULT.withMaxResponseBytes(64 * 1024)));
    server.enqueue(Response.status(200).header("Content-Type", "text/event-stream")
        .repeat(": keep-alive, only\n\n".getBytes(StandardCharsets.UTF_8), Long.MAX_VALUE));
    RillException e = discard(rill.stream(request()));
    assertThat(e.limit()).contains(Limit.RESPONSE_BYTES);
  }

  @Test
  void overTwoGibibytesOfKeepAlivesAreCountedInALong() throws Exception {
    rill.close();
    rill = client(Rill.builder().limits(DecodeLimits.DEFAULT.withMaxResponseBytes(3L << 30)));
    byte[] keepAlive = (": " + "k".repeat(64 * 1024 - 4) + "\n\n").getBytes(StandardCharsets.UTF_8); // 64 KiB
    long times = 2100L * 16; // 2,100 MiB
    server.enqueue(Response.status(200).header("Content-Type", "text/event-stream").repeat(keepAlive, times)
        .write("data: t:x\n\ndata: [DONE]\n\n"));
    java.util.List<StreamChunk> chunks = new java.util.concurrent.CopyOnWriteArrayList<>();
    StreamOptions metadata = StreamOptions.basicBuilder().metadata(true).firstChunkTimeout(null).build();
    rill.stream(request(), metadata).forEach(chunks::add).get(120, TimeUnit.SECONDS);
    // "sizeBytes must not be negative" once: an int counter overflowed at 2 GiB.
    assertThat(chunks.get(0).metadata().sizeBytes()).isEqualTo(keepAlive.length * times + "data: t:x\n\n".length());
  }

  @Test
  void aRequestOverTheLimitIsRefusedBeforeAnythingIsSent() {
    rill.close();
    rill = client(Rill.builder().maxRequestBytes(1024));
    RillException e = LifecycleTest.failure(rill.stream(
        ChatRequest.builder("line:m").user("x".repeat(2000)).build()));
    assertThat(e.kind()).isEqualTo(ErrorKind.REQUEST_TOO_LARGE);
    assertThat(e.limit()).contains(Limit.REQUEST_BYTES);
    assertThat(server.requestCount()).isZero();
  }

  @Test
  void aKeyNeverGoesOverPlainHttpToAnotherHostUnlessAllowed() {
    Rill remote = Rill.builder().discover(false).register(provider).baseUrl("line", "http://192.0.2.1:9")
        .apiKey("line", "sk-secret-value").connectTimeout(Duration.ofMillis(300)).build();
    try {
      RillException e = LifecycleTest.failure(remote.stream(request()));
      assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
      assertThat(e.getMessage()).contains("plain http").contains("allowPlainHttp(\"line\")")
          .doesNotContain("sk-secret-value");
      assertThat(e.attempts()).isLessThanOrEqualTo(1);
    } finally {
      remote.close();
    }
    Rill allowed = Rill.builder().discover(false).register(provider).baseUrl("line", "http://192.0.2.1:9")
        .apiKey("line", "sk-secret-value").connectTimeout(Duration.ofMillis(300)).allowPlainHttp("line").build();
    try {
      RillException e = LifecycleTest.failure(allowed.stream(request()));
      assertThat(e.kind()).isIn(ErrorKind.TIMEOUT, ErrorKind.TRANSPORT); // sent: TEST-NET-1 never answers
    } finally {
      allowed.close();
    }
  }

  @Test
  void anUnsolicitedCompressedStreamSaysSo() {
    server.enqueue(Response.status(200).header("Content-Type", "text/event-stream").header("Content-Encoding", "gzip")
        .write(new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, 3}));
    RillException e = LifecycleTest.failure(rill.stream(request()));
    assertThat(e.kind()).isEqualTo(ErrorKind.MALFORMED_RESPONSE);
    assertThat(e.getMessage()).contains("compressed").contains("gzip");
    assertThat(server.requests().get(0).header("accept-encoding")).isEqualTo("identity");
  }

  /** Subscribes a subscriber that requests everything and keeps nothing; returns the error it got. */
  static RillException discard(ChatStream stream) throws InterruptedException {
    AtomicReference<Throwable> error = new AtomicReference<>();
    CountDownLatch done = new CountDownLatch(1);
    stream.subscribe(new Flow.Subscriber<>() {
      @Override public void onSubscribe(Flow.Subscription s) { s.request(Long.MAX_VALUE); }
      @Override public void onNext(StreamChunk item) { }
      @Override public void onError(Throwable t) { error.set(t); done.countDown(); }
      @Override public void onComplete() { done.countDown(); }
    });
    assertThat(done.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)).as("an outcome").isTrue();
    assertThat(error.get()).isInstanceOf(RillException.class);
    return (RillException) error.get();
  }
}
