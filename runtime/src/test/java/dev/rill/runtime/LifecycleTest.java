package dev.rill.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rill.api.ChatRequest;
import dev.rill.api.ChatResponse;
import dev.rill.api.ErrorKind;
import dev.rill.api.RillException;
import dev.rill.api.StreamChunk;
import dev.rill.testkit.server.Response;
import dev.rill.testkit.server.WireServer;
import java.time.Duration;
import java.util.Iterator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * One outcome, always: cancel ends every consumer view, nothing follows an outcome, a throwable on an I/O thread
 * ends only its stream, and the plugin's decoder is closed exactly once whichever way a stream ends. Each of these
 * hung, signalled twice or leaked before the interceptor chain replaced {@code StreamExchange}.
 */
class LifecycleTest {
  static final String KEY = "sk-lifecycle-0123456789";
  static final Duration WAIT = Duration.ofSeconds(10);

  /** The two presets every lifecycle promise holds in. */
  enum Mode {
    BASIC(StreamOptions.basic()), ENHANCED(StreamOptions.enhancedBuilder().retry(RetryPolicy.NONE).build());

    final StreamOptions options;

    Mode(StreamOptions options) {
      this.options = options;
    }
  }

  WireServer server;
  LineProvider provider;
  Rill rill;

  @BeforeEach
  void start() {
    server = WireServer.start();
    provider = new LineProvider();
    rill = Rill.builder().discover(false).register(provider).baseUrl("line", server.baseUri().toString())
        .apiKey("line", KEY).build();
  }

  @AfterEach
  void stop() {
    rill.close();
    server.close();
  }

  static ChatRequest request() {
    return ChatRequest.builder("line:model-a").user("hi").build();
  }

  // ------------------------------------------------------------------ cancel ends every view

  /** A consumer view and how to wait on it from the test thread; returns what it threw. */
  enum View {
    COLLECT(s -> waitOn(s.collect())),
    TEXT(s -> waitOn(s.text())),
    FOR_EACH(s -> waitOn(s.forEach(c -> { }))),
    ITERATOR_HAS_NEXT(s -> {
      Iterator<StreamChunk> it = s.iterator();
      while (it.hasNext()) {
        it.next();
      }
      return null;
    }),
    STREAM(s -> {
      try (Stream<StreamChunk> chunks = s.stream()) {
        chunks.forEach(c -> { });
      }
      return null;
    });

    final Function<ChatStream, Object> consume;

    View(Function<ChatStream, Object> consume) {
      this.consume = consume;
    }

    private static Object waitOn(CompletableFuture<?> f) {
      return f.join();
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void cancelEndsEveryPendingViewWithCancelledAndThePartial(Mode mode) throws Exception {
    server.fallback(Response.sse("data: t:one\n\n").stallForever());
    for (int round = 0; round < 20; round++) {
      for (View view : View.values()) {
        ChatStream stream = rill.stream(request(), mode.options);
        FutureTask<Object> consumer = new FutureTask<>(() -> view.consume.apply(stream));
        Thread t = new Thread(consumer, "consumer-" + view);
        t.start();
        if (round % 2 == 0) {
          server.awaitRequests(server.requestCount() + 1, WAIT); // cancel after the request went out...
        } // ...or at once
        stream.cancel();
        Throwable thrown;
        try {
          consumer.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
          throw new AssertionError(view + " completed although cancelled");
        } catch (TimeoutException e) {
          t.interrupt();
          throw new AssertionError(mode + " " + view + " still waits " + WAIT.toMillis() + " ms after cancel()");
        } catch (ExecutionException e) {
          thrown = e.getCause() instanceof CompletionException ce ? ce.getCause() : e.getCause();
        }
        assertThat(thrown).as("%s %s", mode, view).isInstanceOfSatisfying(RillException.class,
            e -> assertThat(e.kind()).isEqualTo(ErrorKind.CANCELLED));
      }
    }
    assertNoLeasedConnections();
    assertEveryDecoderClosed();
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void theCancelledOutcomeCarriesWhatArrived(Mode mode) throws Exception {
    server.enqueue(Response.sse("data: t:one\n\n", "data: t:two\n\n").stallForever());
    ChatStream stream = rill.stream(request(), mode.options);
    CountDownLatch two = new CountDownLatch(2);
    CompletableFuture<ChatResponse> f = stream.forEach(c -> two.countDown());
    assertThat(two.await(10, TimeUnit.SECONDS)).isTrue();
    stream.cancel();
    stream.cancel(); // idempotent
    assertThatThrownBy(f::join).hasCauseInstanceOf(RillException.class).cause().satisfies(c -> {
      RillException e = (RillException) c;
      assertThat(e.kind()).isEqualTo(ErrorKind.CANCELLED);
      assertThat(e.partial().text()).isEqualTo("onetwo");
      assertThat(e.retryable()).isFalse();
    });
    assertThat(server.awaitClientDisconnects(1, WAIT)).isTrue();
  }

  @Test
  void aStreamCancelledBeforeItIsConsumedFailsEveryLaterViewAtOnce() {
    ChatStream stream = rill.stream(request());
    stream.cancel();
    assertThatThrownBy(() -> stream.collect().join()).hasCauseInstanceOf(RillException.class)
        .hasMessageContaining("CANCELLED");
    assertThat(server.requestCount()).isZero();
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void cancelAfterTheOutcomeChangesNothing(Mode mode) {
    server.enqueue(Response.sseData("t:a", "f:stop", "[DONE]"));
    ChatStream stream = rill.stream(request(), mode.options);
    ChatResponse r = stream.collect().join();
    stream.cancel();
    assertThat(r.text()).isEqualTo("a");
  }

  // ------------------------------------------------------------------ nothing after an outcome (RS 1.7, 3.6, 3.9)

  @ParameterizedTest
  @EnumSource(Mode.class)
  void requestsAfterTheOutcomeSignalNothing(Mode mode) throws Exception {
    server.enqueue(Response.sseData("t:a", "f:stop", "[DONE]"));
    RecordingSubscriber s = new RecordingSubscriber(Long.MAX_VALUE);
    rill.stream(request(), mode.options).subscribe(s);
    assertThat(s.terminated.await(10, TimeUnit.SECONDS)).isTrue();
    s.subscription.request(0);
    s.subscription.request(-1);
    s.subscription.request(5);
    s.subscription.cancel();
    Thread.sleep(200);
    assertThat(s.terminals.get()).isEqualTo(1);
    assertThat(s.completed).isTrue();
    assertThat(s.violations).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void aNonPositiveRequestMidStreamIsOneIllegalArgumentException(Mode mode) throws Exception {
    server.enqueue(Response.sse("data: t:one\n\n").stallForever());
    RecordingSubscriber s = new RecordingSubscriber(1);
    rill.stream(request(), mode.options).subscribe(s);
    assertThat(s.firstChunk.await(10, TimeUnit.SECONDS)).isTrue();
    s.subscription.request(0);
    s.subscription.request(-1);
    assertThat(s.terminated.await(10, TimeUnit.SECONDS)).isTrue();
    Thread.sleep(100);
    assertThat(s.terminals.get()).isEqualTo(1);
    assertThat(s.error).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("3.9");
    assertThat(server.awaitClientDisconnects(1, WAIT)).isTrue();
    assertNoLeasedConnections();
  }

  // ------------------------------------------------------------------ throwables on the I/O thread

  @ParameterizedTest
  @EnumSource(Mode.class)
  void anOutOfMemoryErrorInADecoderEndsOnlyItsStream(Mode mode) throws InterruptedException {
    server.enqueue(Response.sseData("t:before", "z:oom", "t:after", "[DONE]"));
    RillException e = failure(rill.stream(request(), mode.options));
    assertThat(e.kind()).isEqualTo(ErrorKind.INTERNAL);
    assertThat(e.getCause()).isInstanceOf(OutOfMemoryError.class);
    assertThat(e.partial().text()).isEqualTo("before");
    // The I/O thread survived: the same client serves the next stream.
    server.enqueue(Response.sseData("t:next", "[DONE]"));
    assertThat(rill.stream(request(), mode.options).text().join()).isEqualTo("next");
    assertEveryDecoderClosed();
  }

  @Test
  void aStackOverflowOrABugInADecoderIsAMalformedResponseWithItsEvent() {
    for (String bug : new String[] {"soe", "npe"}) {
      server.enqueue(Response.sseData("t:ok", "z:" + bug, "[DONE]"));
      RillException e = failure(rill.stream(request()));
      assertThat(e.kind()).isEqualTo(ErrorKind.MALFORMED_RESPONSE);
      assertThat(e.rawEvent()).isEqualTo("z:" + bug);
      assertThat(e.partial().text()).isEqualTo("ok");
    }
    server.enqueue(Response.sseData("t:next", "[DONE]"));
    assertThat(rill.stream(request()).text().join()).isEqualTo("next");
  }

  @Test
  void anErrorThrownByAConsumerCancelsTheCallAndReportsIt() throws Exception {
    server.enqueue(Response.sse("data: t:one\n\n").stallForever());
    CompletableFuture<ChatResponse> f = rill.stream(request()).forEach(c -> {
      throw new AssertionError("consumer bug");
    });
    assertThatThrownBy(f::join).hasCauseInstanceOf(RillException.class).cause()
        .satisfies(c -> assertThat(((RillException) c).getCause()).isInstanceOf(AssertionError.class));
    assertThat(server.awaitClientDisconnects(1, WAIT)).isTrue();
    assertNoLeasedConnections();
  }

  // ------------------------------------------------------------------ the decoder is closed exactly once

  @ParameterizedTest
  @EnumSource(Mode.class)
  void theDecoderIsClosedExactlyOnceWhicheverWayTheStreamEnds(Mode mode) throws Exception {
    StreamOptions short1 = mode.options.toBuilder().firstChunkTimeout(Duration.ofMillis(300)).build();
    Response[] endings = {
        Response.sseData("t:a", "[DONE]"),                       // the terminator
        Response.sseData("t:a"),                                  // truncated
        Response.sseData("t:a", "e:OVERLOADED"),                  // an error event
        Response.sseData("t:a", "x"),                             // malformed
        Response.sse("data: t:a\n\n").closeMidStream(),           // a broken connection
        Response.sse(": ping\n\n").stallForever(),                // the first-chunk deadline
    };
    for (Response ending : endings) {
      server.enqueue(ending);
      try {
        rill.stream(request(), short1).collect().get(10, TimeUnit.SECONDS);
      } catch (ExecutionException expected) {
        // every ending but the first fails
      }
    }
    // cancelled by the subscriber, by the stream, and by a consumer that throws
    server.enqueue(Response.sse("data: t:a\n\n").stallForever());
    RecordingSubscriber s = new RecordingSubscriber(Long.MAX_VALUE);
    rill.stream(request(), mode.options).subscribe(s);
    assertThat(s.firstChunk.await(10, TimeUnit.SECONDS)).isTrue();
    s.subscription.cancel();
    server.enqueue(Response.sse("data: t:a\n\n").stallForever());
    ChatStream cancelled = rill.stream(request(), mode.options);
    CountDownLatch one = new CountDownLatch(1);
    CompletableFuture<ChatResponse> f = cancelled.forEach(c -> one.countDown());
    assertThat(one.await(10, TimeUnit.SECONDS)).isTrue();
    cancelled.cancel();
    assertThatThrownBy(f::join).isInstanceOf(CompletionException.class);
    server.enqueue(Response.sse("data: t:a\n\n").stallForever());
    assertThatThrownBy(() -> rill.stream(request(), mode.options).forEach(c -> {
      throw new IllegalStateException("bug");
    }).join()).isInstanceOf(CompletionException.class);

    long deadline = System.nanoTime() + WAIT.toNanos();
    while (provider.closes.get() < provider.decoders.get() && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(provider.decoders.get()).isEqualTo(endings.length + 3); // every response head was a stream
    assertThat(provider.closes.get()).isEqualTo(provider.decoders.get());
    assertThat(provider.misuse.get()).as("decoders closed twice or used after close").isZero();
  }

  // ------------------------------------------------------------------ helpers

  static RillException failure(ChatStream stream) {
    try {
      stream.collect().get(20, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      assertThat(e.getCause()).isInstanceOf(RillException.class);
      return (RillException) e.getCause();
    } catch (Exception e) {
      throw new AssertionError("no outcome", e);
    }
    throw new AssertionError("the stream did not fail");
  }

  /**
   * A cancel ends the consumer's view at once; the decoder is closed when the I/O thread releases the response, which
   * may be a moment later on a loaded machine: every decoder is closed within {@code WAIT}, exactly once.
   */
  void assertEveryDecoderClosed() throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (provider.closes.get() < provider.decoders.get() && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(provider.closes.get()).isEqualTo(provider.decoders.get());
    assertThat(provider.misuse.get()).as("decoders closed twice or used after close").isZero();
  }

  void assertNoLeasedConnections() throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (rill.poolStats().leased() > 0 && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(rill.poolStats().leased()).isZero();
  }
}
