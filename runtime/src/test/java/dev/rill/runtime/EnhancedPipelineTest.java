package dev.rill.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rill.api.ChatRequest;
import dev.rill.api.ChatResponse;
import dev.rill.api.ChunkMetadata;
import dev.rill.api.ErrorKind;
import dev.rill.api.RillException;
import dev.rill.api.StreamChunk;
import dev.rill.api.TimeoutPhase;
import dev.rill.testkit.server.Response;
import dev.rill.testkit.server.WireServer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The enhanced pipeline over the fault-injecting loopback server: one test per fault each feature handles. */
class EnhancedPipelineTest {
  static final Duration WAIT = Duration.ofSeconds(10);
  static final Clock FIXED = Clock.fixed(Instant.parse("2026-11-28T12:00:00Z"), ZoneOffset.UTC);
  static final RetryPolicy FAST_RETRY = RetryPolicy.attempts(3).withBackoff(Duration.ofMillis(10), Duration.ofMillis(50));

  WireServer server;
  WireServer second;
  Rill rill;
  final Recorder recorder = new Recorder();

  @BeforeEach
  void start() {
    server = WireServer.start();
    second = WireServer.start();
    rill = Rill.builder().discover(false)
        .register(new LineProvider())
        .register(new LineProvider("line2", URI.create("http://127.0.0.1:9")))
        .baseUrl("line", server.baseUri().toString()).apiKey("line", "k1")
        .baseUrl("line2", second.baseUri().toString()).apiKey("line2", "k2")
        .clock(FIXED)
        .build();
  }

  @AfterEach
  void stop() {
    rill.close();
    server.close();
    second.close();
  }

  StreamOptions.Builder options() {
    return StreamOptions.enhancedBuilder().retry(FAST_RETRY).listener(recorder);
  }

  static ChatRequest request() {
    return ChatRequest.builder("line:model-a").user("hi").build();
  }

  ChatResponse collect(StreamOptions o) {
    return rill.stream(request(), o).collect().orTimeout(20, TimeUnit.SECONDS).join();
  }

  RillException failure(StreamOptions o) {
    try {
      collect(o);
    } catch (CompletionException e) {
      assertThat(e.getCause()).isInstanceOf(RillException.class);
      return (RillException) e.getCause();
    }
    throw new AssertionError("the stream did not fail");
  }

  // ------------------------------------------------------------------ metadata and timing

  @Test
  void everyChunkCarriesGapFreeMetadataFromTheInjectedClock() {
    String body = "data: m:model-a-v2\n\n: ping\n\ndata: t:Hel\n\ndata: t:lo\n\ndata: f:stop\n\ndata: u:3,2\n\ndata: [DONE]\n\n";
    server.enqueue(Response.sse(body));
    List<StreamChunk> chunks = new CopyOnWriteArrayList<>();
    ChatResponse r = rill.stream(request(), options().build()).forEach(chunks::add).join();

    assertThat(chunks).extracting(c -> c.metadata().index()).containsExactly(0L, 1L, 2L, 3L);
    assertThat(chunks).allSatisfy(c -> {
      ChunkMetadata m = c.metadata();
      assertThat(m.timestamp()).isEqualTo(FIXED.instant());
      assertThat(m.provider()).isEqualTo("line");
      assertThat(m.model()).isEqualTo("model-a-v2");
    });
    // The first chunk carries the bytes of the model event, the comment and its own event.
    assertThat(chunks.get(0).metadata().sizeBytes())
        .isEqualTo("data: m:model-a-v2\n\n: ping\n\ndata: t:Hel\n\n".getBytes(StandardCharsets.UTF_8).length);
    long sum = chunks.stream().mapToLong(c -> c.metadata().sizeBytes()).sum();
    assertThat(sum).isLessThanOrEqualTo(body.length()).isGreaterThan(body.length() - "data: [DONE]\n\n".length() - 1);
    assertThat(r.timing()).isNotNull();
    assertThat(r.timing().timeToFirstChunk()).isNotNull().isPositive();
    assertThat(r.timing().duration()).isGreaterThanOrEqualTo(r.timing().timeToFirstChunk());
    assertThat(r.timing().attempts()).isEqualTo(1);
    assertThat(r.timing().chunksPerSecond(r.chunkCount())).isPositive();
    assertThat(recorder.events).containsSubsequence("start", "firstChunk", "complete");
  }

  @Test
  void basicModeAddsNoMetadataAndNoTiming() {
    server.enqueue(Response.sseData("t:x", "f:stop", "[DONE]"));
    List<StreamChunk> chunks = new ArrayList<>();
    ChatResponse r = rill.stream(request(), StreamOptions.basic()).forEach(chunks::add).join();
    assertThat(chunks).allSatisfy(c -> assertThat(c.metadata()).isNull());
    assertThat(r.timing()).isNull();
  }

  // ------------------------------------------------------------------ timeouts

  @Test
  void theFirstChunkTimeoutFiresWhileOnlyKeepAlivesArrive() {
    Response pings = Response.status(200).header("Content-Type", "text/event-stream");
    for (int i = 0; i < 30; i++) {
      pings = pings.write(": ping\n\n").pause(Duration.ofMillis(100));
    }
    server.enqueue(pings.write("data: t:late\n\ndata: [DONE]\n\n"));
    RillException e = failure(options().retry(RetryPolicy.NONE).firstChunkTimeout(Duration.ofMillis(500)).build());
    assertThat(e.kind()).isEqualTo(ErrorKind.TIMEOUT);
    assertThat(e.timeoutPhase()).contains(TimeoutPhase.FIRST_CHUNK);
    assertThat(e.getMessage()).contains("FIRST_CHUNK").contains("500 ms");
    // The connection the pings came on is closed. (On a starved machine the deadline can pass before the request
    // reached the server: then there is no connection to close, and nothing may arrive later.)
    if (server.requestCount() > 0) {
      assertThat(server.awaitClientDisconnects(1, WAIT)).as("the server saw the client go").isTrue();
    } else {
      assertThat(server.awaitRequests(1, Duration.ofMillis(500))).as("a request after the timeout").isFalse();
    }
    assertNoLeasedConnections();
  }

  @Test
  void theIdleTimeoutFiresOnSilenceAfterOutputAndKeepsThePartial() {
    server.enqueue(Response.sse("data: t:Hel\n\n").pause(Duration.ofSeconds(5)).write("data: [DONE]\n\n"));
    RillException e = failure(options().idleTimeout(Duration.ofMillis(400)).build());
    assertThat(e.kind()).isEqualTo(ErrorKind.TIMEOUT);
    assertThat(e.timeoutPhase()).contains(TimeoutPhase.IDLE);
    assertThat(e.partial().text()).isEqualTo("Hel");
    assertThat(e.retryable()).isFalse();
    assertThat(server.requestCount()).as("not retried after output").isEqualTo(1);
    assertThat(server.awaitClientDisconnects(1, WAIT)).isTrue();
    assertNoLeasedConnections();
  }

  @Test
  void keepAlivesResetTheIdleTimer() {
    Response r = Response.sse("data: t:Hel\n\n");
    for (int i = 0; i < 12; i++) {
      r = r.pause(Duration.ofMillis(100)).write(": keep-alive\n\n");
    }
    server.enqueue(r.write("data: t:lo\n\ndata: f:stop\n\ndata: [DONE]\n\n"));
    ChatResponse done = collect(options().idleTimeout(Duration.ofMillis(400)).build());
    assertThat(done.text()).isEqualTo("Hello");
  }

  @Test
  void theTotalTimeoutBoundsTheWholeCall() {
    server.enqueue(Response.sse("data: t:a\n\n").drip("data: t:bbbbbbbbbbbbbbbbbbbbbbbb\n\n".getBytes(StandardCharsets.UTF_8),
        Duration.ofMillis(100)));
    RillException e = failure(options().totalTimeout(Duration.ofMillis(600)).build());
    assertThat(e.kind()).isEqualTo(ErrorKind.TIMEOUT);
    assertThat(e.timeoutPhase()).contains(TimeoutPhase.TOTAL);
    assertThat(e.partial().text()).isEqualTo("a");
    assertThat(server.awaitClientDisconnects(1, WAIT)).isTrue();
    assertNoLeasedConnections();
  }

  // ------------------------------------------------------------------ retry and fallback

  @Test
  void aRateLimitIsRetriedAfterTheAdvertisedDelay() {
    server.enqueue(Response.json(429, "{\"error\":\"slow down\"}").header("Retry-After", "1"));
    server.enqueue(Response.sseData("t:ok", "f:stop", "[DONE]"));
    ChatResponse r = collect(options().build());
    assertThat(r.text()).isEqualTo("ok");
    assertThat(r.timing().attempts()).isEqualTo(2);
    assertThat(server.requestCount()).isEqualTo(2);
    assertThat(recorder.retries).containsExactly("attempt 2 after PT1S: RATE_LIMITED");
    assertThat(r.timing().duration()).as("waited the advertised second").isGreaterThanOrEqualTo(Duration.ofMillis(900));
    assertNoLeasedConnections();
  }

  @Test
  void aServerErrorAfterOutputIsNotRetriedAndKeepsThePartial() {
    server.fallback(Response.sseData("t:never", "[DONE]"));
    server.enqueue(Response.sseData("t:Hel", "e:SERVER"));
    RillException e = failure(options().build());
    assertThat(e.kind()).isEqualTo(ErrorKind.SERVER);
    assertThat(e.partial().text()).isEqualTo("Hel");
    assertThat(e.retryable()).isFalse();
    assertThat(server.requestCount()).isEqualTo(1);
    assertThat(recorder.retries).isEmpty();
  }

  @Test
  void retriesStopAtTheAttemptCapAndSaySo() {
    for (int i = 0; i < 3; i++) {
      server.enqueue(Response.json(503, "{\"error\":\"busy\"}"));
    }
    RillException e = failure(options().build());
    assertThat(e.kind()).isEqualTo(ErrorKind.OVERLOADED);
    assertThat(e.attempts()).isEqualTo(3);
    assertThat(e.getMessage()).contains("after 3 attempts");
    assertThat(recorder.retries).hasSize(2);
    assertNoLeasedConnections();
  }

  @Test
  void aRetryAfterBeyondTheBudgetIsNotWaitedFor() {
    server.enqueue(Response.json(429, "{}").header("Retry-After", "30"));
    RillException e = failure(options().retry(FAST_RETRY.withBudget(Duration.ofSeconds(2))).build());
    assertThat(e.kind()).isEqualTo(ErrorKind.RATE_LIMITED);
    assertThat(e.retryAfter()).contains(Duration.ofSeconds(30));
    assertThat(server.requestCount()).isEqualTo(1);
  }

  @Test
  void aNonRetryableErrorIsNotRetried() {
    server.enqueue(Response.json(401, "{}"));
    RillException e = failure(options().build());
    assertThat(e.kind()).isEqualTo(ErrorKind.AUTHENTICATION);
    assertThat(server.requestCount()).isEqualTo(1);
  }

  @Test
  void fallbackReachesTheNextModelSpecAndTheResponseSaysWhoAnswered() {
    server.enqueue(Response.json(503, "{}"));
    server.enqueue(Response.json(503, "{}"));
    second.enqueue(Response.sseData("m:model-b", "t:from line2", "f:stop", "[DONE]"));
    ChatResponse r = collect(options().retry(RetryPolicy.attempts(2).withBackoff(Duration.ofMillis(5),
        Duration.ofMillis(5))).fallback("line2:model-b").build());
    assertThat(r.text()).isEqualTo("from line2");
    assertThat(r.provider()).isEqualTo("line2");
    assertThat(r.model()).isEqualTo("model-b");
    assertThat(r.timing().attempts()).isEqualTo(3);
    assertThat(recorder.fallbacks).containsExactly("line2:model-b after OVERLOADED");
    assertThat(second.requests().get(0).bodyText()).isEqualTo("model-b|hi");
  }

  // ------------------------------------------------------------------ malformed events and continuity

  @Test
  void malformedEventsFailByDefaultAndAreSkippedAndReportedOnRequest() {
    server.enqueue(Response.sseData("t:a", "garbage", "t:b", "f:stop", "[DONE]"));
    RillException e = failure(options().build());
    assertThat(e.kind()).isEqualTo(ErrorKind.MALFORMED_RESPONSE);
    assertThat(e.rawEvent()).isEqualTo("garbage");

    server.enqueue(Response.sseData("t:a", "garbage", "t:b", "f:stop", "[DONE]"));
    ChatResponse r = collect(options().malformedEvents(MalformedEventPolicy.SKIP).build());
    assertThat(r.text()).isEqualTo("ab");
    assertThat(r.warnings()).anySatisfy(w -> assertThat(w).contains("skipped malformed event #1").contains("garbage"));
    assertThat(recorder.warnings).anySatisfy(w -> assertThat(w).contains("skipped malformed event #1"));
  }

  @Test
  void continuityProblemsAreWarnings() {
    server.enqueue(Response.sseData("t:no finish", "[DONE]"));
    assertThat(collect(options().build()).warnings()).anySatisfy(w -> assertThat(w).contains("without a finish reason"));

    server.enqueue(Response.sseData("c:0,call_1,get_weather,{\"city\":", "f:tool_calls", "[DONE]"));
    assertThat(collect(options().build()).warnings())
        .anySatisfy(w -> assertThat(w).contains("get_weather").contains("not valid JSON"));

    server.enqueue(Response.sseData("t:cut", "f:length", "[DONE]"));
    assertThat(collect(options().build()).warnings()).anySatisfy(w -> assertThat(w).contains("LENGTH"));

    server.enqueue(Response.sseData("t:cut", "f:length", "[DONE]"));
    RillException e = failure(options().lengthIsError(true).build());
    assertThat(e.kind()).isEqualTo(ErrorKind.TRUNCATED);
    assertThat(e.partial().text()).isEqualTo("cut");
  }

  @Test
  void aTruncatedBodyIsTruncatedInEnhancedModeToo() {
    server.enqueue(Response.sseData("t:Hel"));
    RillException e = failure(options().build());
    assertThat(e.kind()).isEqualTo(ErrorKind.TRUNCATED);
    assertThat(server.requestCount()).isEqualTo(1);
  }

  // ------------------------------------------------------------------ stages and listeners

  @Test
  void userInterceptorsTransformAndDropChunksAndSeeTheOutcome() {
    server.enqueue(Response.sseData("t:hello ", "t:DROP", "t:world", "f:stop", "[DONE]"));
    List<String> completed = new CopyOnWriteArrayList<>();
    List<String> seen = new CopyOnWriteArrayList<>();
    Interceptor upper = (chain, down) -> chain.proceed(chain.request(), new ForwardingDownstream(down) {
      @Override public void onChunk(StreamChunk c) {
        super.onChunk(c.content().isEmpty() ? c
            : StreamChunk.builder().content(c.content().toUpperCase()).finishReason(c.finishReason()).build());
      }
    });
    Interceptor dropper = (chain, down) -> {
      Upstream[] up = new Upstream[1];
      up[0] = chain.proceed(chain.request(), new ForwardingDownstream(down) {
        @Override public void onChunk(StreamChunk c) {
          if (c.content().equals("DROP")) {
            up[0].request(1); // the layer above asked for a chunk this one dropped: ask for another
            return;
          }
          super.onChunk(c);
        }
      });
      return up[0];
    };
    Interceptor observer = (chain, down) -> chain.proceed(chain.request(), new ForwardingDownstream(down) {
      @Override public void onChunk(StreamChunk c) { seen.add(c.content()); super.onChunk(c); }
      @Override public void onComplete(ChatResponse r) { completed.add(r.text()); super.onComplete(r); }
    });
    List<String> delivered = new CopyOnWriteArrayList<>();
    ChatResponse r = rill.stream(request(), options().interceptor(upper).interceptor(dropper).interceptor(observer)
        .build()).forEach(c -> delivered.add(c.content())).join();
    // Chunks flow up through the chain: observer (innermost of the three) sees them first, as decoded.
    assertThat(seen).containsExactly("hello ", "DROP", "world", "");
    assertThat(delivered).containsExactly("HELLO ", "WORLD", "");
    // The response is the fold of what the decoder emitted; an interceptor that changes chunks maps it if needed.
    assertThat(r.text()).isEqualTo("hello DROPworld");
    assertThat(completed).containsExactly("hello DROPworld");
  }

  @Test
  void aListenerThatThrowsDoesNotBreakTheStream() {
    server.enqueue(Response.sseData("t:ok", "f:stop", "[DONE]"));
    StreamListener broken = new StreamListener() {
      @Override public void onChunk(CallInfo call, StreamChunk chunk) { throw new IllegalStateException("listener bug"); }
      @Override public void onStart(CallInfo call) { throw new IllegalStateException("listener bug"); }
    };
    ChatResponse r = collect(options().listener(broken).build());
    assertThat(r.text()).isEqualTo("ok");
    assertThat(recorder.events).contains("complete");
  }

  @Test
  void cancellingAnEnhancedStreamReleasesTheConnection() throws Exception {
    server.enqueue(Response.sse("data: t:one\n\n").stallForever());
    ChatStream stream = rill.stream(request(), options().build());
    RecordingSubscriber s = new RecordingSubscriber(Long.MAX_VALUE);
    stream.subscribe(s);
    assertThat(s.firstChunk.await(10, TimeUnit.SECONDS)).isTrue();
    stream.cancel();
    assertThat(server.awaitClientDisconnects(1, WAIT)).isTrue();
    // The stream's cancel ends the subscriber with one outcome: CANCELLED, carrying what arrived.
    assertThat(s.terminated.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(s.terminals.get()).isEqualTo(1);
    assertThat(s.error).isInstanceOfSatisfying(RillException.class, e -> {
      assertThat(e.kind()).isEqualTo(ErrorKind.CANCELLED);
      assertThat(e.partial().text()).isEqualTo("one");
    });
    assertThat(recorder.events).endsWith("error");
    assertThat(s.violations).isEmpty();
    assertNoLeasedConnections();
  }

  @Test
  void anEnhancedStreamIsUnicastAndRespectsDemand() throws Exception {
    server.enqueue(Response.sseData("t:a", "t:b", "t:c", "f:stop", "[DONE]"));
    ChatStream stream = rill.stream(request(), options().build());
    RecordingSubscriber s = new RecordingSubscriber(1);
    stream.subscribe(s);
    assertThat(s.firstChunk.await(10, TimeUnit.SECONDS)).isTrue();
    Thread.sleep(100);
    assertThat(s.chunks).hasSize(1);
    RecordingSubscriber second = new RecordingSubscriber(1);
    stream.subscribe(second);
    assertThat(second.error).isInstanceOf(IllegalStateException.class);
    s.request(10);
    assertThat(s.await(WAIT)).isTrue();
    assertThat(s.text()).isEqualTo("abc");
    assertThat(s.violations).isEmpty();
  }

  @Test
  void aStallBeforeTheHeadersHitsTheFirstChunkTimeout() {
    server.enqueue(Response.sseData("t:late", "[DONE]").stallBeforeHeaders(Duration.ofSeconds(10)));
    RillException e = failure(options().retry(RetryPolicy.NONE).firstChunkTimeout(Duration.ofMillis(400)).build());
    assertThat(e.timeoutPhase()).contains(TimeoutPhase.FIRST_CHUNK);
    assertThat(e.hadOutput()).isFalse();
    assertThat(server.awaitClientDisconnects(1, WAIT)).isTrue();
    assertNoLeasedConnections();
  }

  @Test
  void aFirstChunkTimeoutBeforeOutputIsRetried() {
    server.enqueue(Response.sseData("t:late", "[DONE]").stallBeforeHeaders(Duration.ofSeconds(10)));
    server.enqueue(Response.sseData("t:ok", "f:stop", "[DONE]"));
    ChatResponse r = collect(options().firstChunkTimeout(Duration.ofMillis(400)).build());
    assertThat(r.text()).isEqualTo("ok");
    assertThat(r.timing().attempts()).isEqualTo(2);
    assertThat(recorder.retries).singleElement().asString().contains("TIMEOUT");
  }

  @Test
  void anOversizedEventIsATypedErrorNotAnOutOfMemory() {
    rill.close();
    rill = Rill.builder().discover(false).register(new LineProvider()).baseUrl("line", server.baseUri().toString())
        .apiKey("line", "k1").framingLimits(dev.rill.framing.FramingLimits.of(8192)).build();
    server.enqueue(Response.sse("data: t:ok\n\n", "data: t:" + "x".repeat(20_000) + "\n\n", "data: [DONE]\n\n"));
    RillException e = failure(options().build());
    assertThat(e.kind()).isEqualTo(ErrorKind.LIMIT_EXCEEDED);
    assertThat(e.limit()).contains(dev.rill.api.Limit.EVENT_BYTES);
    assertThat(e.getMessage()).contains("W1.13");
    assertThat(e.partial().text()).isEqualTo("ok");
    assertNoLeasedConnections();
  }

  @Test
  void aStreamDrippedOneByteAtATimeArrivesWhole() {
    server.enqueue(Response.status(200).header("Content-Type", "text/event-stream")
        .drip("data: t:drip\r\ndata: ped\r\n\r\ndata: f:stop\n\ndata: [DONE]\n\n".getBytes(StandardCharsets.UTF_8),
            Duration.ofMillis(2)));
    ChatResponse r = collect(options().build());
    assertThat(r.text()).isEqualTo("drip\nped");
  }

  @Test
  void listenersAreDiscoveredThroughServiceLoaderWhenAskedFor(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws Exception {
    java.nio.file.Path services = java.nio.file.Files.createDirectories(dir.resolve("META-INF/services"));
    java.nio.file.Files.writeString(services.resolve(StreamListener.class.getName()), CountingListener.class.getName());
    ClassLoader loader = new java.net.URLClassLoader(new java.net.URL[] {dir.toUri().toURL()}, getClass().getClassLoader());
    rill.close();
    rill = Rill.builder().discover(false).classLoader(loader).register(new LineProvider())
        .baseUrl("line", server.baseUri().toString()).apiKey("line", "k1").build();
    CountingListener.completed.set(0);
    server.enqueue(Response.sseData("t:a", "f:stop", "[DONE]"));
    collect(StreamOptions.enhancedBuilder().discoverListeners(true).build());
    assertThat(CountingListener.completed.get()).isEqualTo(1);
    server.enqueue(Response.sseData("t:a", "f:stop", "[DONE]"));
    collect(StreamOptions.enhanced());
    assertThat(CountingListener.completed.get()).as("not discovered unless asked").isEqualTo(1);
  }

  /** A listener found through ServiceLoader. */
  public static final class CountingListener implements StreamListener {
    static final java.util.concurrent.atomic.AtomicInteger completed = new java.util.concurrent.atomic.AtomicInteger();

    @Override
    public void onComplete(CallInfo call, ChatResponse response) {
      completed.incrementAndGet();
    }
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
    rill.stream(request(), options().build()).subscribe(s);
    assertThat(s.await(WAIT)).isTrue();
    assertThat(s.text()).isEqualTo("ab");
    assertThat(overlaps).as("onNext during onSubscribe").isEmpty();
  }

  @Test
  void clientListenersHearEveryCallWhateverItsOptions() {
    Recorder clientWide = new Recorder();
    rill.close();
    rill = Rill.builder().discover(false).register(new LineProvider()).baseUrl("line", server.baseUri().toString())
        .apiKey("line", "k1").listener(clientWide).build();
    server.enqueue(Response.sseData("t:a", "f:stop", "[DONE]"));
    server.enqueue(Response.sseData("t:b", "f:stop", "[DONE]"));
    rill.stream(request(), StreamOptions.basic()).collect().join();
    rill.stream(request(), options().build()).collect().join();
    assertThat(clientWide.events.stream().filter(e -> e.equals("complete"))).hasSize(2);
    assertThat(recorder.events.stream().filter(e -> e.equals("complete"))).hasSize(1);
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

  /** Records listener events as strings. */
  static final class Recorder implements StreamListener {
    final List<String> events = new CopyOnWriteArrayList<>();
    final List<String> retries = new CopyOnWriteArrayList<>();
    final List<String> fallbacks = new CopyOnWriteArrayList<>();
    final List<String> warnings = new CopyOnWriteArrayList<>();

    @Override public void onStart(CallInfo call) { events.add("start"); }
    @Override public void onFirstChunk(CallInfo call, Duration d) { events.add("firstChunk"); }
    @Override public void onRetry(CallInfo call, int next, Duration delay, RillException e) {
      events.add("retry");
      retries.add("attempt " + next + " after " + delay + ": " + e.kind());
    }
    @Override public void onFallback(CallInfo call, String spec, RillException e) {
      events.add("fallback");
      fallbacks.add(spec + " after " + e.kind());
    }
    @Override public void onWarning(CallInfo call, String w) { warnings.add(w); }
    @Override public void onError(CallInfo call, RillException e) { events.add("error"); }
    @Override public void onComplete(CallInfo call, ChatResponse r) { events.add("complete"); }
  }
}
