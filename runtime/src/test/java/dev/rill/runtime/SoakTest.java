package dev.rill.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rill.api.ChatRequest;
import dev.rill.api.ChatResponse;
import dev.rill.api.RillException;
import dev.rill.api.StreamChunk;
import dev.rill.framing.FramingLimits;
import dev.rill.testkit.server.RecordedRequest;
import dev.rill.testkit.server.Response;
import dev.rill.testkit.server.WireServer;
import java.io.File;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A loopback soak: streams through one client, each with a fault drawn from the whole matrix (a stall at each phase,
 * a drip, a reset, a close mid-event, every status, malformed and oversized events, an error event mid-stream, a
 * truncated body) and a consumer drawn at random (fast, slow, one at a time and cancelling, cancelled from another
 * thread, an iterator closed early), in basic and enhanced mode. Every stream must end with exactly one outcome in
 * bounded time, every chunk delivered before a failure must be in that failure's partial response, and afterwards
 * the client holds no connection and the process is back to its baseline of threads, file descriptors and heap.
 *
 * <p>500 streams in the normal build; {@code -Drill.soak.streams=10000} for the full run (figures in
 * {@code docs/reliability.md}). The seed is printed and can be fixed with {@code -Drill.soak.seed=N}.
 */
class SoakTest {
  static final int STREAMS = Integer.getInteger("rill.soak.streams", 500);
  static final int IN_FLIGHT = 48;
  static final Duration OUTCOME_WITHIN = Duration.ofSeconds(20);

  enum Fault {
    CLEAN, STALL_BEFORE_HEADERS, STALL_AFTER_FIRST_CHUNK, DRIP, RESET, CLOSE_MID_EVENT, STATUS, MALFORMED, OVERSIZED,
    ERROR_EVENT, TRUNCATED
  }

  enum Consumer { COLLECT, SLOW_FOR_EACH, ONE_AT_A_TIME_CANCELLING, CANCELLED_FROM_OUTSIDE, ITERATOR_CLOSED_EARLY }

  /** What one stream was given and what it saw. */
  record Outcome(int id, Fault fault, Consumer consumer, boolean enhanced, String delivered, int terminals,
      Throwable error, ChatResponse response, boolean silentlyCancelled) {}

  static final int[] STATUSES = {400, 401, 403, 404, 408, 409, 413, 422, 429, 500, 502, 503, 504, 529};

  @Test
  void thousandsOfFaultyStreamsEachEndOnceAndLeaveNothingBehind() throws Exception {
    long seed = Long.getLong("rill.soak.seed", System.nanoTime());
    System.out.println("SoakTest: " + STREAMS + " streams, seed " + seed + " (-Drill.soak.seed=" + seed + ")");
    SplittableRandom random = new SplittableRandom(seed);
    Baseline before = Baseline.take();

    Map<Integer, Response> scripts = new ConcurrentHashMap<>();
    List<Outcome> outcomes = java.util.Collections.synchronizedList(new ArrayList<>());
    AtomicInteger listenerOutcomes = new AtomicInteger();
    long started = System.nanoTime();
    try (WireServer server = WireServer.start()) {
      server.dispatch(request -> scripts.get(idOf(request)));
      StreamListener counting = new StreamListener() {
        @Override public void onComplete(CallInfo call, ChatResponse response) { listenerOutcomes.incrementAndGet(); }
        @Override public void onError(CallInfo call, RillException error) { listenerOutcomes.incrementAndGet(); }
      };
      ExecutorService consumers = Executors.newFixedThreadPool(IN_FLIGHT);
      try (Rill rill = Rill.builder().discover(false).register(new LineProvider())
          .baseUrl("line", server.baseUri().toString()).apiKey("line", "k")
          .maxConnections(256, 256).errorBodyTimeout(Duration.ofMillis(300))
          .framingLimits(FramingLimits.of(16 * 1024)).build()) {
        Semaphore inFlight = new Semaphore(IN_FLIGHT);
        List<Future<?>> running = new ArrayList<>();
        for (int id = 0; id < STREAMS; id++) {
          Fault fault = Fault.values()[random.nextInt(Fault.values().length)];
          Consumer consumer = Consumer.values()[random.nextInt(Consumer.values().length)];
          boolean enhanced = random.nextBoolean();
          long streamSeed = random.nextLong();
          scripts.put(id, script(fault, new SplittableRandom(streamSeed)));
          StreamOptions.Builder options = (enhanced ? StreamOptions.enhancedBuilder()
              .idleTimeout(Duration.ofMillis(400))
              .retry(RetryPolicy.attempts(2).withBackoff(Duration.ofMillis(5), Duration.ofMillis(20))
                  .withBudget(Duration.ofMillis(200)))
              : StreamOptions.basicBuilder()).firstChunkTimeout(Duration.ofMillis(600))
              .totalTimeout(Duration.ofSeconds(3)).listener(counting);
          int streamId = id;
          inFlight.acquire();
          running.add(consumers.submit(() -> {
            try {
              outcomes.add(run(rill, streamId, fault, consumer, enhanced, options, new SplittableRandom(streamSeed)));
            } finally {
              inFlight.release();
            }
            return null;
          }));
        }
        for (Future<?> f : running) {
          f.get(OUTCOME_WITHIN.toMillis() * 2, TimeUnit.MILLISECONDS);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (rill.poolStats().leased() > 0 && System.nanoTime() < deadline) {
          Thread.sleep(20);
        }
        assertThat(rill.poolStats().leased()).as("leased connections after the soak").isZero();
        assertThat(server.awaitNoActiveResponses(Duration.ofSeconds(15))).as("responses still being served").isTrue();
        // Listeners hear one outcome per call, a subscriber's silent cancel included.
        long waitListeners = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (listenerOutcomes.get() < STREAMS && System.nanoTime() < waitListeners) {
          Thread.sleep(10);
        }
        assertThat(listenerOutcomes.get()).as("listener outcomes").isEqualTo(STREAMS);
      } finally {
        consumers.shutdownNow();
      }
    }
    long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

    assertThat(outcomes).hasSize(STREAMS);
    Map<String, Integer> kinds = new TreeMap<>();
    for (Outcome o : outcomes) {
      String where = "stream " + o.id() + " (" + o.fault() + ", " + o.consumer() + (o.enhanced() ? ", enhanced" : "")
          + ")";
      if (o.silentlyCancelled()) {
        assertThat(o.terminals()).as(where + ": signals after its own cancel").isLessThanOrEqualTo(1);
        kinds.merge("cancelled by the subscriber", 1, Integer::sum);
        continue;
      }
      assertThat(o.terminals()).as(where + ": terminal signals").isEqualTo(1);
      if (o.error() != null) {
        assertThat(o.error()).as(where).isInstanceOf(RillException.class);
        assertThat(o.response()).as(where + ": the listener's outcome").isNull();
        RillException e = (RillException) o.error();
        assertThat(e.partial().text()).as(where + ": the partial holds every chunk delivered before the failure")
            .startsWith(o.delivered());
        kinds.merge(e.kind().name(), 1, Integer::sum);
      } else {
        assertThat(o.response()).as(where + ": the listener's outcome").isNotNull();
        assertThat(o.response().text()).as(where + ": the fold is what was delivered").isEqualTo(o.delivered());
        kinds.merge("completed", 1, Integer::sum);
      }
    }

    // What the test itself keeps (each stream's script, outcome and partial) goes before the heap is measured.
    int streams = outcomes.size();
    outcomes.clear();
    scripts.clear();
    Baseline after = Baseline.settle(before);
    System.out.println("SoakTest: " + streams + " streams in " + tookMillis + " ms; outcomes " + kinds + "; threads "
        + before.threads() + " -> " + after.threads() + ", fds " + before.fds() + " -> " + after.fds()
        + ", heap after GC " + before.heapMiB() + " -> " + after.heapMiB() + " MiB");
    assertThat(after.threads()).as("threads back to the baseline").isLessThanOrEqualTo(before.threads() + 2);
    if (before.fds() >= 0) {
      assertThat(after.fds()).as("file descriptors back to the baseline").isLessThanOrEqualTo(before.fds() + 4);
    }
    assertThat(after.heapMiB()).as("heap after GC back to the baseline").isLessThanOrEqualTo(before.heapMiB() + 24);
  }

  static int idOf(RecordedRequest request) {
    String body = request.bodyText();
    int at = body.lastIndexOf("soak:");
    return at < 0 ? -1 : Integer.parseInt(body.substring(at + 5).strip());
  }

  static Response script(Fault fault, SplittableRandom r) {
    int n = 2 + r.nextInt(20);
    List<String> events = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      events.add("t:w" + i + " ");
    }
    String head = "data: t:first \n\n";
    return switch (fault) {
      case CLEAN -> sse(events, true);
      case STALL_BEFORE_HEADERS -> sse(events, true).stallBeforeHeaders(Duration.ofSeconds(30));
      case STALL_AFTER_FIRST_CHUNK -> Response.sse(head).stallForever();
      case DRIP -> Response.status(200).header("Content-Type", "text/event-stream")
          .drip((head + "data: t:dripped\n\ndata: [DONE]\n\n").getBytes(), Duration.ofMillis(1));
      case RESET -> Response.sse(head, "data: t:then\n\n").reset();
      case CLOSE_MID_EVENT -> Response.sse(head, "data: t:cut in the mid").closeMidStream();
      case STATUS -> Response.json(STATUSES[r.nextInt(STATUSES.length)], "{\"error\":{\"message\":\"soak\"}}");
      case MALFORMED -> Response.sse(head, "data: x\n\n", "data: [DONE]\n\n");
      case OVERSIZED -> Response.sse(head, "data: t:" + "o".repeat(20_000) + "\n\n", "data: [DONE]\n\n");
      case ERROR_EVENT -> Response.sse(head, "data: e:OVERLOADED\n\n");
      case TRUNCATED -> sse(events, false);
    };
  }

  static Response sse(List<String> events, boolean done) {
    List<String> all = new ArrayList<>(events);
    if (done) {
      all.add("[DONE]");
    }
    return Response.sseData(all.toArray(new String[0]));
  }

  /** The call's own outcome, as its listener heard it. */
  static final class Capture implements StreamListener {
    volatile ChatResponse response;

    @Override public void onComplete(CallInfo call, ChatResponse r) { response = r; }
  }

  static Outcome run(Rill rill, int id, Fault fault, Consumer consumer, boolean enhanced,
      StreamOptions.Builder options, SplittableRandom r) throws Exception {
    Capture capture = new Capture();
    ChatStream stream = rill.stream(ChatRequest.builder("line:m").user("soak:" + id).build(),
        options.listener(capture).build());
    if (consumer == Consumer.CANCELLED_FROM_OUTSIDE) {
      Thread canceller = new Thread(() -> {
        ThreadsTest.sleepQuietly(r.nextInt(30));
        stream.cancel();
      }, "soak-canceller");
      canceller.setDaemon(true);
      canceller.start();
    }
    if (consumer == Consumer.ITERATOR_CLOSED_EARLY) {
      return iterate(stream, id, fault, enhanced, r.nextInt(6), capture);
    }
    Counting s = new Counting(consumer, r);
    stream.subscribe(s);
    if (!s.done.await(OUTCOME_WITHIN.toMillis(), TimeUnit.MILLISECONDS) && !s.cancelledByMe) {
      throw new AssertionError("stream " + id + " (" + fault + ", " + consumer + ") had no outcome within "
          + OUTCOME_WITHIN.toMillis() + " ms");
    }
    if (s.cancelledByMe) {
      Thread.sleep(5); // a signal after the cancel would show up here
    } else {
      awaitListener(capture, s.error == null);
    }
    return new Outcome(id, fault, consumer, enhanced, s.text.toString(), s.terminals.get(), s.error,
        capture.response, s.cancelledByMe);
  }

  /** The listener hears the outcome just before the subscriber; wait for it when a completion is expected. */
  static void awaitListener(Capture capture, boolean completed) throws InterruptedException {
    for (int i = 0; i < 200 && completed && capture.response == null; i++) {
      Thread.sleep(5);
    }
  }

  static Outcome iterate(ChatStream stream, int id, Fault fault, boolean enhanced, int take, Capture capture)
      throws InterruptedException {
    StringBuilder text = new StringBuilder();
    ChunkIterator it = stream.iterator();
    try {
      int seen = 0;
      while (it.hasNext()) {
        text.append(it.next().content());
        if (++seen == take) {
          it.close();
          return new Outcome(id, fault, Consumer.ITERATOR_CLOSED_EARLY, enhanced, text.toString(), 0, null, null,
              true);
        }
      }
      awaitListener(capture, true);
      return new Outcome(id, fault, Consumer.ITERATOR_CLOSED_EARLY, enhanced, text.toString(), 1, null,
          capture.response, false);
    } catch (RillException e) {
      return new Outcome(id, fault, Consumer.ITERATOR_CLOSED_EARLY, enhanced, text.toString(), 1, e, null, false);
    }
  }

  /** A subscriber that counts terminal signals and behaves as its consumer kind says. */
  static final class Counting implements Flow.Subscriber<StreamChunk> {
    final Consumer kind;
    final SplittableRandom random;
    final StringBuilder text = new StringBuilder();
    final AtomicInteger terminals = new AtomicInteger();
    final CountDownLatch done = new CountDownLatch(1);
    final int cancelAfter;
    volatile Flow.Subscription subscription;
    volatile Throwable error;
    volatile boolean cancelledByMe;
    int seen;

    Counting(Consumer kind, SplittableRandom random) {
      this.kind = kind;
      this.random = random;
      this.cancelAfter = 1 + random.nextInt(4);
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
      subscription = s;
      s.request(kind == Consumer.ONE_AT_A_TIME_CANCELLING ? 1 : Long.MAX_VALUE);
    }

    @Override
    public void onNext(StreamChunk chunk) {
      text.append(chunk.content());
      seen++;
      if (kind == Consumer.SLOW_FOR_EACH) {
        ThreadsTest.sleepQuietly(1);
      }
      if (kind == Consumer.ONE_AT_A_TIME_CANCELLING) {
        if (seen == cancelAfter) {
          cancelledByMe = true;
          subscription.cancel();
          done.countDown();
        } else {
          subscription.request(1);
        }
      }
    }

    @Override
    public void onError(Throwable t) {
      error = t;
      terminals.incrementAndGet();
      done.countDown();
    }

    @Override
    public void onComplete() {
      terminals.incrementAndGet();
      done.countDown();
    }
  }

  /** Threads, file descriptors and heap after a full GC. */
  record Baseline(int threads, long fds, long heapMiB) {
    static Baseline take() {
      System.gc();
      System.gc();
      Runtime rt = Runtime.getRuntime();
      String[] fds = new File("/proc/self/fd").list();
      return new Baseline(Thread.getAllStackTraces().size(), fds == null ? -1 : fds.length,
          (rt.totalMemory() - rt.freeMemory()) >> 20);
    }

    /** Waits up to ten seconds for threads and descriptors to fall back to {@code to}. */
    static Baseline settle(Baseline to) throws InterruptedException {
      Baseline now = take();
      for (int i = 0; i < 100 && (now.threads() > to.threads() + 2 || now.fds() > to.fds() + 4); i++) {
        Thread.sleep(100);
        now = take();
      }
      return now;
    }
  }
}
