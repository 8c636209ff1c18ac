package dev.rill.conformance.internal;

import dev.rill.api.ErrorKind;
import dev.rill.api.RillException;
import dev.rill.api.StreamChunk;
import dev.rill.conformance.TestSubscriber;
import dev.rill.conformance.rules.RuleId;
import dev.rill.testkit.golden.Golden;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Flow;
import org.junit.jupiter.api.Assumptions;

/**
 * Rules L4.2 to L4.9: the plugin behind the real runtime over a loopback server; each runs over HTTP/1.1 (L4.n) and
 * HTTP/2 (L6.n).
 */
public final class LifecycleChecks {

  private LifecycleChecks() {}

  /** Rules L4.2 to L4.8 over HTTP/1.1, and the same rules over HTTP/2 as L6.2 to L6.8 (with L6.9's cancel race). */
  static void register(Map<RuleId, RuleCheck> checks) {
    for (Transport t : Transport.values()) {
      checks.put(t.rule(2), ctx -> coldPublisher(ctx, t));
      checks.put(t.rule(3), ctx -> demandRespected(ctx, t));
      checks.put(t.rule(4), ctx -> CancelChecks.cancelEndsTheExchange(ctx, t));
      checks.put(t.rule(5), ctx -> noSignalAfterCancel(ctx, t));
      checks.put(t.rule(6), ctx -> unicast(ctx, t));
      checks.put(t.rule(7), ctx -> truncatedBodyIsAnError(ctx, t));
      checks.put(t.rule(8), ctx -> firstEventNotDelayed(ctx, t));
    }
    // L4.9 is the Reactive Streams TCK's stochastic rule plus this race (ProviderVerification); over HTTP/2, the race
    checks.put(Transport.HTTP_2.rule(9), ctx -> concurrentCancelStaysSerial(ctx, Transport.HTTP_2));
  }

  /** The clean golden with the most chunks (at least two), for the lifecycle scenarios. */
  static Golden richGolden(RuleContext ctx) {
    Golden best = null;
    for (Golden g : ctx.requireCleanGoldens("the lifecycle rules stream a golden")) {
      if (best == null || ctx.baseline(g).chunks().size() > ctx.baseline(best).chunks().size()) {
        best = g;
      }
    }
    if (best == null || ctx.baseline(best).chunks().size() < 2) {
      Assumptions.abort("no golden of '" + ctx.id() + "' gives two chunks or more");
    }
    return best;
  }

  static void assertNoViolations(TestSubscriber s, String when) {
    if (!s.violations().isEmpty()) {
      throw new AssertionError(when + ": " + String.join("; ", s.violations()));
    }
  }

  static void coldPublisher(RuleContext ctx, Transport over) throws InterruptedException {
    Golden g = richGolden(ctx);
    try (Loopback lb = new Loopback(ctx, over)) {
      lb.server().enqueue(lb.ok(g.wire()));
      Flow.Publisher<StreamChunk> stream = lb.open(ctx.request(g));
      lb.quiet();
      if (lb.server().requestCount() > 0) {
        throw new AssertionError("opening the stream sent a request before any subscriber");
      }
      TestSubscriber s = new TestSubscriber(0);
      stream.subscribe(s);
      if (!s.awaitSubscription(ctx.environment().timeout())) {
        throw new AssertionError("no onSubscribe within " + ctx.environment().timeout().toMillis() + " ms");
      }
      lb.quiet();
      if (lb.server().requestCount() > 0) {
        throw new AssertionError("subscribing without demand sent the request: the publisher is not cold");
      }
      if (!s.chunks().isEmpty() || s.terminalSignals() > 0) {
        throw new AssertionError("signals arrived before any request: " + s.chunks().size() + " chunks, "
            + s.terminalSignals() + " terminal");
      }
      s.request(Long.MAX_VALUE);
      if (!s.awaitTerminal(ctx.environment().timeout())) {
        throw new AssertionError("the stream did not end after request(Long.MAX_VALUE)");
      }
      String diff = Outcomes.chunkDifference(ctx.baseline(g).chunks(), s.chunks());
      if (diff != null || !s.completed()) {
        throw new AssertionError("after demand the stream gave other chunks than the offline decode: "
            + (diff != null ? diff : "it failed with " + s.error()));
      }
      assertNoViolations(s, "cold stream");
      lb.assertNoLeasedConnections("after the cold stream");
    }
  }

  static void demandRespected(RuleContext ctx, Transport over) throws InterruptedException {
    Golden g = richGolden(ctx);
    List<StreamChunk> expected = ctx.baseline(g).chunks();
    try (Loopback lb = new Loopback(ctx, over)) {
      lb.server().enqueue(lb.ok(g.wire()));
      TestSubscriber s = new TestSubscriber(0).start(lb.open(ctx.request(g)), 1);
      int received = 0;
      while (true) {
        if (!s.awaitChunks(received + 1, ctx.environment().timeout())) {
          if (s.terminalSignals() > 0) {
            break;
          }
          throw new AssertionError("with demand " + (received + 1) + " only " + s.chunks().size()
              + " chunks arrived within " + ctx.environment().timeout().toMillis() + " ms");
        }
        received++;
        if (received == 1 || received == 2) {
          lb.quiet();
        }
        if (s.chunks().size() > received) {
          throw new AssertionError("with demand " + received + " the subscriber got " + s.chunks().size()
              + " chunks (RS §1.1)");
        }
        if (s.terminalSignals() > 0) {
          break;
        }
        s.request(1);
      }
      if (!s.awaitTerminal(ctx.environment().timeout())) {
        throw new AssertionError("no terminal signal after " + s.chunks().size() + " chunks one at a time");
      }
      assertNoViolations(s, "one chunk at a time");
      String diff = Outcomes.chunkDifference(expected, s.chunks());
      if (diff != null || !s.completed()) {
        throw new AssertionError("one chunk at a time gave other chunks than the offline decode: "
            + (diff != null ? diff : "it failed with " + s.error()));
      }
    }
  }

  /** A byte offset inside the second event of a golden (or its middle, for a binary framing). */
  static int middleOfAnEvent(RuleContext ctx, Golden g) {
    List<Replay.EventTrace> events = ctx.baseline(g).events();
    if (events.size() >= 2) {
      int offset = events.get(0).event().wireSize();
      int second = events.get(1).event().wireSize();
      if (offset + second / 2 > 0 && offset + second / 2 < g.wire().length) {
        return offset + Math.max(1, second / 2);
      }
    }
    return Math.max(1, g.wire().length / 2);
  }

  static void noSignalAfterCancel(RuleContext ctx, Transport over) throws InterruptedException {
    ChunkBodies.Template t = ChunkBodies.find(ctx).orElse(null);
    if (t == null) {
      Assumptions.abort("no golden of '" + ctx.id() + "' can be repeated into a long stream");
    }
    try (Loopback lb = new Loopback(ctx, over)) {
      lb.server().enqueue(t.appendTo(lb.head(), 100_000));
      TestSubscriber s = new TestSubscriber(0).onNextDo(sub -> {
        if (sub.chunks().size() == 3) {
          sub.cancel();
        }
      }).start(lb.open(ctx.request(t.golden())), Long.MAX_VALUE);
      if (!s.awaitChunks(3, ctx.environment().timeout())) {
        throw new AssertionError("fewer than 3 chunks arrived");
      }
      lb.quiet();
      lb.quiet();
      if (s.signalsAfterCancel() > 0 || !s.violations().isEmpty()) {
        throw new AssertionError("after cancel() in the third onNext: " + String.join("; ", s.violations()));
      }
    }
  }

  static void unicast(RuleContext ctx, Transport over) throws InterruptedException {
    Golden g = richGolden(ctx);
    try (Loopback lb = new Loopback(ctx, over)) {
      lb.server().fallback(lb.ok(g.wire()));
      Flow.Publisher<StreamChunk> stream = lb.open(ctx.request(g));
      TestSubscriber first = new TestSubscriber(0);
      stream.subscribe(first);
      TestSubscriber second = new TestSubscriber(1);
      stream.subscribe(second);
      if (!second.awaitTerminal(ctx.environment().timeout())) {
        throw new AssertionError("a second subscriber got no terminal signal: a ChatStream is unicast and must "
            + "reject it with onError(IllegalStateException)");
      }
      if (second.subscription() == null) {
        throw new AssertionError("the second subscriber got onError without onSubscribe first (RS §1.9)");
      }
      if (!(second.error() instanceof IllegalStateException)) {
        throw new AssertionError("a second subscriber got " + (second.error() == null ? "onComplete with "
            + second.chunks().size() + " chunks" : second.error()) + " instead of onError(IllegalStateException)");
      }
      first.request(Long.MAX_VALUE);
      if (!first.awaitTerminal(ctx.environment().timeout()) || !first.completed()) {
        throw new AssertionError("the first subscriber did not complete: " + first.error());
      }
      String diff = Outcomes.chunkDifference(ctx.baseline(g).chunks(), first.chunks());
      if (diff != null) {
        throw new AssertionError("the first subscriber's chunks changed: " + diff);
      }
      assertNoViolations(first, "first subscriber");
    }
  }

  static void truncatedBodyIsAnError(RuleContext ctx, Transport over) throws InterruptedException {
    List<String> failures = new ArrayList<>();
    Golden withTerminator = null;
    for (Golden g : ctx.requireCleanGoldens("")) {
      if (ctx.baseline(g).endedByTerminator() && TextWire.supports(ctx.framing())) {
        withTerminator = g;
        break;
      }
    }
    Golden g = richGolden(ctx);
    try (Loopback lb = new Loopback(ctx, over)) {
      if (withTerminator != null) {
        Replay.Outcome base = ctx.baseline(withTerminator);
        TextWire w = ctx.textWire(withTerminator);
        int record = w.recordOfEvent(base.terminatorIndex());
        List<TextWire.Record> records = new ArrayList<>(w.records().subList(0, record));
        byte[] body = w.withRecords(records).withClosed(true).render();
        Loopback.Result r = lb.run(ctx.request(withTerminator), lb.ok(body).contentLength());
        if (!(r.error() instanceof RillException e) || e.kind() != ErrorKind.TRUNCATED) {
          failures.add(withTerminator.name() + " without its terminator: expected TRUNCATED but "
              + (r.error() == null ? "the stream completed" : "got " + r.error()));
        } else if (!withTerminator.expect().text().startsWith(e.partial().text())) {
          failures.add(withTerminator.name() + " without its terminator: the partial text "
              + Jsons.quote(e.partial().text()) + " is not a prefix of the golden's text");
        }
        lb.assertNoLeasedConnections("after a truncated body");
      }
      int cut = middleOfAnEvent(ctx, g);
      Loopback.Result r = lb.run(ctx.request(g), lb.head().write(Arrays.copyOf(g.wire(), cut)).closeMidStream());
      if (!(r.error() instanceof RillException e)) {
        failures.add(g.name() + " closed mid-stream: expected an error but "
            + (r.error() == null ? "the stream completed" : "got " + r.error()));
      } else if (!g.expect().text().startsWith(e.partial().text())) {
        failures.add(g.name() + " closed mid-stream: the partial text " + Jsons.quote(e.partial().text())
            + " is not a prefix of the golden's text");
      }
      lb.assertNoLeasedConnections("after a connection closed mid-stream");
    }
    if (!failures.isEmpty()) {
      throw new AssertionError(String.join("\n", failures));
    }
  }

  static void firstEventNotDelayed(RuleContext ctx, Transport over) throws InterruptedException {
    Golden g = richGolden(ctx);
    byte[] prefix = splitAfterFirstChunk(ctx, g).head();
    try (Loopback lb = new Loopback(ctx, over)) {
      lb.server().enqueue(lb.head().write(prefix).stallForever());
      TestSubscriber s = new TestSubscriber(0).start(lb.open(ctx.request(g)), Long.MAX_VALUE);
      boolean arrived = s.awaitChunks(1, ctx.environment().timeout());
      s.cancel();
      if (!arrived) {
        throw new AssertionError("the first event's chunk did not arrive while the server stalled after it ("
            + ctx.environment().timeout().toMillis() + " ms): something waits for more bytes");
      }
    }
  }

  /**
   * A golden's body cut right after the event that carries its first output.
   *
   * @param head the bytes up to and including that event
   * @param tail the rest of the body
   */
  public record Split(byte[] head, byte[] tail) {}

  /**
   * Cuts a golden after the event that carries its first text: found by its JSON string when the wire shows it, else
   * the first event the decoder made a chunk with output of (reasoning, a tool call...), else any chunk. Text framings are cut between records; binary ones by the events'
   * wire sizes.
   */
  public static Split splitAfterFirstChunk(RuleContext ctx, Golden g) {
    Replay.Outcome base = ctx.baseline(g);
    if (!TextWire.supports(ctx.framing())) {
      int offset = 0;
      boolean anyOutput = base.chunks().stream().anyMatch(StreamChunk::hasOutput);
      for (Replay.EventTrace t : base.events()) {
        offset += t.event().wireSize();
        if (anyOutput ? t.chunks().stream().anyMatch(StreamChunk::hasOutput) : !t.chunks().isEmpty()) {
          break;
        }
      }
      offset = Math.min(offset, g.wire().length);
      return new Split(Arrays.copyOf(g.wire(), offset), Arrays.copyOfRange(g.wire(), offset, g.wire().length));
    }
    TextWire w = ctx.textWire(g);
    int record = -1;
    String first = base.chunks().stream().map(StreamChunk::content).filter(c -> !c.isEmpty()).findFirst()
        .orElse(null);
    if (first != null) {
      String literal = Jsons.quote(first);
      for (int i = 0; i < w.records().size() && record < 0; i++) {
        TextWire.Record r = w.records().get(i);
        if (r.dispatches() && w.data(r).contains(literal)) {
          record = i;
        }
      }
    }
    for (Replay.EventTrace t : base.events()) {
      if (record < 0 && t.chunks().stream().anyMatch(StreamChunk::hasOutput)) {
        record = w.recordOfEvent(t.index());
      }
    }
    for (Replay.EventTrace t : base.events()) {
      if (record < 0 && !t.chunks().isEmpty()) {
        record = w.recordOfEvent(t.index());
      }
    }
    if (record < 0) {
      return new Split(g.wire(), new byte[0]);
    }
    List<TextWire.Record> all = w.records();
    byte[] head = w.withRecords(all.subList(0, record + 1)).withClosed(true).render();
    byte[] tail = record + 1 >= all.size() ? new byte[0]
        : w.withRecords(all.subList(record + 1, all.size())).withClosed(w.closed()).render();
    return new Split(head, tail);
  }

  public static void concurrentCancelStaysSerial(RuleContext ctx) throws InterruptedException {
    concurrentCancelStaysSerial(ctx, Transport.HTTP_1_1);
  }

  /** The cancel race of rule L4.9 over {@code t}. */
  static void concurrentCancelStaysSerial(RuleContext ctx, Transport over) throws InterruptedException {
    ChunkBodies.Template t = ChunkBodies.find(ctx).orElse(null);
    if (t == null) {
      Assumptions.abort("no golden of '" + ctx.id() + "' can be repeated into a long stream");
    }
    try (Loopback lb = new Loopback(ctx, over)) {
      for (int round = 0; round < 5; round++) {
        lb.server().enqueue(t.appendTo(lb.head(), 50_000));
        // requested inside onSubscribe on purpose: the race of onNext with onSubscribe is part of this rule
        TestSubscriber s = new TestSubscriber(Long.MAX_VALUE);
        lb.open(ctx.request(t.golden())).subscribe(s);
        if (!s.awaitChunks(1 + round * 7, ctx.environment().timeout())) {
          throw new AssertionError("round " + round + ": chunks stopped arriving");
        }
        Thread canceller = new Thread(s::cancel, "rill-conformance-cancel");
        canceller.start();
        canceller.join(ctx.environment().timeout().toMillis());
        lb.quiet();
        int settled = s.signalsAfterCancel();
        lb.quiet();
        if (s.signalsAfterCancel() != settled) {
          throw new AssertionError("round " + round + ": signals kept coming " + ctx.environment().quiet().toMillis()
              + " ms after a concurrent cancel() (" + s.signalsAfterCancel() + " so far; RS §3.12)");
        }
        assertNoViolations(s, "round " + round + " of cancel racing delivery");
      }
    }
  }
}
