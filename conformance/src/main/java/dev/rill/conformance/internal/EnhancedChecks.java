// Why one file of about 450 lines: the kit's checks of the runtime's enhanced features share one loopback set-up
// and the timeout scenario helpers; each rule is one static method.

package dev.rill.conformance.internal;

import dev.rill.api.ChatAccumulator;
import dev.rill.api.ChatResponse;
import dev.rill.api.ErrorKind;
import dev.rill.api.Framing;
import dev.rill.api.RillException;
import dev.rill.api.StreamChunk;
import dev.rill.api.TimeoutPhase;
import dev.rill.conformance.TestSubscriber;
import dev.rill.conformance.rules.RuleId;
import dev.rill.runtime.CallInfo;
import dev.rill.runtime.RetryPolicy;
import dev.rill.runtime.StreamListener;
import dev.rill.runtime.StreamOptions;
import dev.rill.testkit.golden.Golden;
import dev.rill.testkit.server.Response;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Rules L4.10 to L4.12: the plugin behind the runtime's enhanced pipeline ({@link StreamOptions#enhancedBuilder()})
 * over a fault-injecting loopback server: timeouts by phase, retry only before output, and listeners; over HTTP/1.1
 * (L4.n) and HTTP/2 (L6.n).
 */
final class EnhancedChecks {

  private EnhancedChecks() {}

  /** Rules L4.10 to L4.12 over HTTP/1.1, and the same over HTTP/2 as L6.10 to L6.12. */
  static void register(Map<RuleId, RuleCheck> checks) {
    for (Transport t : Transport.values()) {
      checks.put(t.rule(10), ctx -> timeoutsByPhase(ctx, t));
      checks.put(t.rule(11), ctx -> retryOnlyBeforeOutput(ctx, t));
      checks.put(t.rule(12), ctx -> listenersSeeEveryPhase(ctx, t));
    }
  }

  /** Enhanced options with every timer and retry off and no metadata, so a scenario switches on only what it tests. */
  static StreamOptions.Builder plain() {
    return StreamOptions.enhancedBuilder().metadata(false).firstChunkTimeout(null).idleTimeout(null)
        .totalTimeout(null).retry(RetryPolicy.NONE).continuityWarnings(false);
  }

  /** The phase timeout the scenarios use: short, but well above a loopback round trip. */
  static Duration phaseTimeout(RuleContext ctx) {
    return Duration.ofMillis(Math.max(300, ctx.environment().quiet().toMillis() * 3 / 2));
  }

  /** Bytes of one keep-alive in the plugin's framing, or null when the framing has none. */
  static byte[] keepAlive(Framing framing) {
    return switch (framing) {
      case SSE -> ": keep-alive\n\n".getBytes(StandardCharsets.US_ASCII);
      case NDJSON -> "\n".getBytes(StandardCharsets.US_ASCII);
      default -> null;
    };
  }

  // ---- L4.10

  static void timeoutsByPhase(RuleContext ctx, Transport over) throws InterruptedException {
    Golden g = LifecycleChecks.richGolden(ctx);
    LifecycleChecks.Split split = LifecycleChecks.splitAfterFirstChunk(ctx, g);
    Duration t = phaseTimeout(ctx);
    List<String> failures = new ArrayList<>();
    try (Loopback lb = new Loopback(ctx, over)) {
      int disconnects = 0;
      lb.server().enqueue(lb.head().stallForever());
      expectTimeout(ctx, lb, g, plain().firstChunkTimeout(t).build(), TimeoutPhase.FIRST_CHUNK, false,
          ++disconnects, "a server that sends the head and then nothing", failures);

      lb.server().enqueue(lb.head().write(split.head()).stallForever());
      expectTimeout(ctx, lb, g, plain().firstChunkTimeout(t.multipliedBy(20)).idleTimeout(t).build(),
          TimeoutPhase.IDLE, true, ++disconnects, "a server that stalls after the first chunk", failures);

      lb.server().enqueue(lb.head().write(split.head()).pause(lb.longStall()).write(split.tail()));
      expectTimeout(ctx, lb, g, plain().totalTimeout(t.multipliedBy(2)).build(), TimeoutPhase.TOTAL, true,
          ++disconnects, "a call still streaming at the total limit", failures);

      byte[] ping = keepAlive(ctx.framing());
      if (ping != null && split.tail().length > 0) {
        // keep-alives every t/3 for 3t, with an idle timeout of 2t: only keep-alives can keep the call alive. A
        // starved machine can hold the server's or the client's thread past 2t once; a stream that failed is run
        // again with keep-alives for 9t and an idle timeout of 6t, which a runtime ignoring keep-alives fails too.
        String first = keepAlivesResetIdle(ctx, lb, g, split, ping, 9, 2);
        String failure = first == null ? null : keepAlivesResetIdle(ctx, lb, g, split, ping, 27, 6);
        if (failure != null) {
          failures.add(failure + " (and before that: " + first + ")");
        }
      }
      lb.assertNoLeasedConnections("after the timeout scenarios");
    }
    if (!failures.isEmpty()) {
      throw new AssertionError(String.join("\n", failures));
    }
  }

  /** One keep-alive scenario: {@code pings} keep-alives t/3 apart, idle timeout {@code idleTimes} t; null if it passed. */
  private static String keepAlivesResetIdle(RuleContext ctx, Loopback lb, Golden g, LifecycleChecks.Split split,
      byte[] ping, int pings, int idleTimes) throws InterruptedException {
    Duration t = phaseTimeout(ctx);
    Response r = lb.head().write(split.head());
    Duration gap = t.dividedBy(3);
    Duration idle = t.multipliedBy(idleTimes);
    for (int i = 0; i < pings; i++) {
      r = r.pause(gap).write(ping);
    }
    r = r.write(split.tail());
    TestSubscriber s = new TestSubscriber(0).start(lb.serverEnqueue(r).open(ctx.request(g),
        plain().idleTimeout(idle).build()), Long.MAX_VALUE);
    if (!s.awaitTerminal(ctx.environment().timeout())) {
      s.cancel();
      return "keep-alives every " + gap.toMillis() + " ms for " + gap.multipliedBy(pings).toMillis()
          + " ms with an idle timeout of " + idle.toMillis() + " ms: no terminal signal";
    }
    if (!s.completed()) {
      return "keep-alives every " + gap.toMillis() + " ms did not reset the idle timeout of " + idle.toMillis()
          + " ms: the stream failed with " + s.error();
    }
    String diff = Outcomes.chunkDifference(ctx.baseline(g).chunks(), s.chunks());
    return diff == null ? null : "with keep-alives between events the chunks differ from the offline decode: " + diff;
  }

  private static void expectTimeout(RuleContext ctx, Loopback lb, Golden g, StreamOptions options,
      TimeoutPhase phase, boolean afterOutput, int disconnects, String scenario, List<String> failures)
      throws InterruptedException {
    TestSubscriber s = new TestSubscriber(0).start(lb.open(ctx.request(g), options), Long.MAX_VALUE);
    // the timeout must fire within its limit plus a generous margin, not merely within the environment's timeout
    Duration wait = limit(options, phase).multipliedBy(4).plusSeconds(2);
    if (wait.compareTo(ctx.environment().timeout()) > 0) {
      wait = ctx.environment().timeout();
    }
    if (!s.awaitTerminal(wait)) {
      s.cancel();
      failures.add(scenario + ": no terminal signal within " + wait.toMillis()
          + " ms; expected TIMEOUT (" + phase + ") after " + limit(options, phase).toMillis() + " ms");
      lb.assertDisconnects(disconnects, scenario);
      return;
    }
    if (!(s.error() instanceof RillException e) || e.kind() != ErrorKind.TIMEOUT
        || e.timeoutPhase().orElse(null) != phase) {
      failures.add(scenario + ": expected TIMEOUT (" + phase + ") but got "
          + (s.error() == null ? "completion with " + s.chunks().size() + " chunks" : s.error()));
    } else if (afterOutput) {
      if (s.chunks().isEmpty()) {
        failures.add(scenario + ": the first chunk never reached the subscriber before the timeout");
      }
      String partial = e.partial() == null ? "" : e.partial().text();
      if (e.partial() == null || !g.expect().text().startsWith(partial)) {
        failures.add(scenario + ": the TIMEOUT's partial response " + (e.partial() == null ? "is missing"
            : Jsons.quote(partial) + " is not a prefix of the golden's text"));
      }
    }
    lb.assertDisconnects(disconnects, scenario + " (TIMEOUT " + phase + ")");
    lb.assertNoLeasedConnections(scenario);
  }

  private static Duration limit(StreamOptions o, TimeoutPhase phase) {
    Duration d = switch (phase) {
      case FIRST_CHUNK -> o.firstChunkTimeout();
      case IDLE -> o.idleTimeout();
      default -> o.totalTimeout();
    };
    return d == null ? Duration.ZERO : d;
  }

  // ---- L4.11

  /** The Retry-After the retry scenario sends, in milliseconds; the back-off is far shorter. */
  static final long RETRY_AFTER_MILLIS = 400;

  static RetryPolicy quickRetries() {
    return new RetryPolicy(3, Duration.ofMillis(10), Duration.ofMillis(10), 1.0, 0.0, Duration.ofSeconds(30));
  }

  static Response overloaded(long retryAfterMillis) {
    return Response.status(503).header("Content-Type", "text/plain")
        .header("retry-after-ms", Long.toString(retryAfterMillis)).write("Service Unavailable").contentLength();
  }

  static Response unauthorized() {
    return Response.json(401, "{\"error\":{\"message\":\"invalid key\",\"type\":\"authentication_error\"}}");
  }

  static void retryOnlyBeforeOutput(RuleContext ctx, Transport over) throws InterruptedException {
    Golden g = LifecycleChecks.richGolden(ctx);
    LifecycleChecks.Split split = LifecycleChecks.splitAfterFirstChunk(ctx, g);
    List<String> failures = new ArrayList<>();
    StreamOptions options = plain().retry(quickRetries()).build();
    try (Loopback lb = new Loopback(ctx, over)) {
      // 1. a 503 with retry-after-ms, then the golden: retried once, after the hinted delay
      lb.server().enqueue(overloaded(RETRY_AFTER_MILLIS)).enqueue(lb.ok(g.wire()));
      long start = System.nanoTime();
      TestSubscriber s = run(ctx, lb, g, options);
      long millis = (System.nanoTime() - start) / 1_000_000;
      if (!s.completed()) {
        failures.add("a 503 before any output (retry-after-ms " + RETRY_AFTER_MILLIS + ") was not retried into the "
            + "golden: " + (s.error() == null ? "no terminal signal" : s.error()));
      } else {
        String diff = Outcomes.chunkDifference(ctx.baseline(g).chunks(), s.chunks());
        if (diff != null) {
          failures.add("after the retry the chunks differ from the offline decode: " + diff);
        }
        if (millis < RETRY_AFTER_MILLIS * 8 / 10) {
          failures.add("the retry came after " + millis + " ms: the Retry-After hint of " + RETRY_AFTER_MILLIS
              + " ms was not honoured (the back-off is 10 ms)");
        }
      }
      if (lb.server().requestCount() != 2) {
        failures.add("a 503 then success made " + lb.server().requestCount() + " requests, expected 2");
      }

      // 2. a 401: not retried
      int before = lb.server().requestCount();
      lb.server().enqueue(unauthorized());
      s = run(ctx, lb, g, options);
      lb.quiet();
      if (!(s.error() instanceof RillException e) || e.kind() != ErrorKind.AUTHENTICATION) {
        failures.add("a 401 gave " + (s.error() == null ? "completion" : s.error()) + " instead of AUTHENTICATION");
      }
      if (lb.server().requestCount() - before != 1) {
        failures.add("a 401 was sent " + (lb.server().requestCount() - before) + " times: it must not be retried");
      }

      // 3. broken after the first chunk: not retried, not retryable, partial kept
      before = lb.server().requestCount();
      lb.server().enqueue(lb.head().write(split.head()).pause(Duration.ofMillis(50)).closeMidStream());
      s = run(ctx, lb, g, options);
      lb.quiet();
      if (!(s.error() instanceof RillException e)) {
        failures.add("a connection broken after the first chunk gave " + (s.error() == null ? "completion with "
            + s.chunks().size() + " chunks" : s.error()) + " instead of a RillException");
      } else {
        if (e.retryable()) {
          failures.add("a failure after output is marked retryable (" + e.kind() + ")");
        }
        if (e.partial() == null || !g.expect().text().startsWith(e.partial().text())) {
          failures.add("a failure after output: the partial response " + (e.partial() == null ? "is missing"
              : Jsons.quote(e.partial().text()) + " is not a prefix of the golden's text"));
        }
      }
      if (s.chunks().isEmpty()) {
        failures.add("the first chunk never reached the subscriber before the connection broke");
      }
      if (lb.server().requestCount() - before != 1) {
        failures.add("a failure after output made " + (lb.server().requestCount() - before)
            + " requests: output had reached the subscriber, so it must not be retried");
      }
      lb.assertNoLeasedConnections("after the retry scenarios");
    }
    if (!failures.isEmpty()) {
      throw new AssertionError(String.join("\n", failures));
    }
  }

  private static TestSubscriber run(RuleContext ctx, Loopback lb, Golden g, StreamOptions options)
      throws InterruptedException {
    TestSubscriber s = new TestSubscriber(0).start(lb.open(ctx.request(g), options), Long.MAX_VALUE);
    if (!s.awaitTerminal(ctx.environment().timeout())) {
      s.cancel();
    }
    return s;
  }

  // ---- L4.12

  /** Records every listener call of one stream. */
  static final class RecordingListener implements StreamListener {
    final List<String> events = new ArrayList<>();
    final List<StreamChunk> chunks = new ArrayList<>();
    final CountDownLatch outcome = new CountDownLatch(1);
    volatile ChatResponse completed;
    volatile RillException failed;

    @Override
    public synchronized void onStart(CallInfo call) {
      events.add("onStart");
    }

    @Override
    public synchronized void onFirstChunk(CallInfo call, Duration sinceStart) {
      events.add("onFirstChunk");
    }

    @Override
    public synchronized void onChunk(CallInfo call, StreamChunk chunk) {
      events.add("onChunk");
      chunks.add(chunk);
    }

    @Override
    public synchronized void onRetry(CallInfo call, int nextAttempt, Duration delay, RillException cause) {
      events.add("onRetry");
    }

    @Override
    public synchronized void onFallback(CallInfo call, String nextSpec, RillException cause) {
      events.add("onFallback");
    }

    @Override
    public synchronized void onError(CallInfo call, RillException error) {
      events.add("onError");
      failed = error;
      outcome.countDown();
    }

    @Override
    public synchronized void onComplete(CallInfo call, ChatResponse response) {
      events.add("onComplete");
      completed = response;
      outcome.countDown();
    }

    synchronized List<String> events() {
      return List.copyOf(events);
    }

    synchronized List<StreamChunk> chunks() {
      return List.copyOf(chunks);
    }

    long count(String event) {
      return events().stream().filter(event::equals).count();
    }
  }

  static void listenersSeeEveryPhase(RuleContext ctx, Transport over) throws InterruptedException {
    Golden g = LifecycleChecks.richGolden(ctx);
    List<String> failures = new ArrayList<>();
    try (Loopback lb = new Loopback(ctx, over)) {
      // 1. success
      RecordingListener ok = new RecordingListener();
      lb.server().enqueue(lb.ok(g.wire()));
      TestSubscriber s = run(ctx, lb, g, plain().listener(ok).build());
      checkSuccess(ctx, "a successful stream", s, ok, false, failures);

      // 2. a retried 503, then success
      RecordingListener retried = new RecordingListener();
      lb.server().enqueue(overloaded(10)).enqueue(lb.ok(g.wire()));
      s = run(ctx, lb, g, plain().retry(quickRetries()).listener(retried).build());
      checkSuccess(ctx, "a 503 retried into success", s, retried, true, failures);

      // 3. a 401
      RecordingListener denied = new RecordingListener();
      lb.server().enqueue(unauthorized());
      s = run(ctx, lb, g, plain().listener(denied).build());
      awaitOutcome(ctx, denied);
      lb.quiet();
      List<String> expected = List.of("onStart", "onError");
      if (!denied.events().equals(expected)) {
        failures.add("a 401: the listener saw " + denied.events() + ", expected " + expected);
      } else if (denied.failed == null || !(s.error() instanceof RillException e) || denied.failed.kind() != e.kind()) {
        failures.add("a 401: onError got " + denied.failed + " but the subscriber got " + s.error());
      }
    }
    if (!failures.isEmpty()) {
      throw new AssertionError(String.join("\n", failures));
    }
  }

  private static void checkSuccess(RuleContext ctx, String scenario, TestSubscriber s, RecordingListener l,
      boolean retried, List<String> failures) throws InterruptedException {
    if (!s.completed()) {
      failures.add(scenario + ": the stream did not complete: " + s.error());
      return;
    }
    if (!awaitOutcome(ctx, l)) {
      failures.add(scenario + ": no onComplete or onError within " + ctx.environment().timeout().toMillis()
          + " ms; the listener saw " + summary(l.events()));
      return;
    }
    Thread.sleep(ctx.environment().quiet().toMillis() / 2);
    List<String> events = l.events();
    List<String> problems = new ArrayList<>();
    if (events.isEmpty() || !events.get(0).equals("onStart") || l.count("onStart") != 1) {
      problems.add("onStart must come first, once");
    }
    if (l.count("onComplete") != 1 || !events.get(events.size() - 1).equals("onComplete") || l.count("onError") != 0) {
      problems.add("the one outcome must be onComplete, last");
    }
    if (l.count("onRetry") != (retried ? 1 : 0)) {
      problems.add("onRetry came " + l.count("onRetry") + " times, expected " + (retried ? 1 : 0));
    }
    if (l.chunks().size() != s.chunks().size() || !l.chunks().equals(s.chunks())) {
      problems.add("onChunk saw " + l.chunks().size() + " chunks, the subscriber " + s.chunks().size());
    }
    int firstOutput = -1;
    for (int i = 0; i < s.chunks().size() && firstOutput < 0; i++) {
      if (s.chunks().get(i).hasOutput()) {
        firstOutput = i;
      }
    }
    long firsts = l.count("onFirstChunk");
    if (firstOutput >= 0) {
      int chunkEvents = 0;
      int at = -1;
      for (int i = 0; i < events.size() && at < 0; i++) {
        if (events.get(i).equals("onChunk") && chunkEvents++ == firstOutput) {
          at = i;
        }
      }
      if (firsts != 1 || at < 1 || !events.get(at - 1).equals("onFirstChunk")) {
        problems.add("onFirstChunk must come once, right before the first chunk with output (chunk " + firstOutput
            + ")");
      }
    } else if (firsts != 0) {
      problems.add("onFirstChunk came although no chunk carries output");
    }
    if (l.completed != null) {
      ChatAccumulator acc = new ChatAccumulator(ctx.id(), null);
      s.chunks().forEach(acc::add);
      if (!l.completed.text().equals(acc.response().text())) {
        problems.add("onComplete's response text " + Jsons.quote(l.completed.text()) + " is not the fold "
            + Jsons.quote(acc.response().text()));
      }
    }
    if (!problems.isEmpty()) {
      failures.add(scenario + ": " + String.join("; ", problems) + "; the listener saw " + summary(events));
    }
  }

  private static boolean awaitOutcome(RuleContext ctx, RecordingListener l) throws InterruptedException {
    return l.outcome.await(ctx.environment().timeout().toMillis(), TimeUnit.MILLISECONDS);
  }

  /** The events with runs of onChunk collapsed: {@code [onStart, onFirstChunk, onChunk x5, onComplete]}. */
  static String summary(List<String> events) {
    List<String> out = new ArrayList<>();
    int run = 0;
    for (int i = 0; i <= events.size(); i++) {
      String e = i < events.size() ? events.get(i) : null;
      if ("onChunk".equals(e)) {
        run++;
        continue;
      }
      if (run > 0) {
        out.add(run == 1 ? "onChunk" : "onChunk x" + run);
        run = 0;
      }
      if (e != null) {
        out.add(e);
      }
    }
    return out.toString();
  }
}
