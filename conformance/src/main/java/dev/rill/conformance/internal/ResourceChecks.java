package dev.rill.conformance.internal;

import dev.rill.api.StreamChunk;
import dev.rill.conformance.TestSubscriber;
import dev.rill.conformance.rules.RuleId;
import dev.rill.runtime.ChatStream;
import dev.rill.testkit.golden.Golden;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Flow;

/** Rules L4.14 and L6.14 (HTTP/2): the runtime closes the decoder of every stream exactly once, whichever way the stream ends. */
public final class ResourceChecks {

  private ResourceChecks() {}

  /** Rule L4.14 over HTTP/1.1, and the same over HTTP/2 as L6.14. */
  static void register(Map<RuleId, RuleCheck> checks) {
    for (Transport t : Transport.values()) {
      checks.put(t.rule(14), ctx -> decoderClosedOnce(ctx, t));
    }
  }

  static void decoderClosedOnce(RuleContext ctx, Transport over) throws InterruptedException {
    Golden g = LifecycleChecks.richGolden(ctx);
    CountingProvider counting = new CountingProvider(ctx.provider());
    List<String> endings = new ArrayList<>();
    try (Loopback lb = new Loopback(counting, ctx.environment(), ctx.streams(), ctx.options(), "", over, false)) {
      byte[] wire = g.wire();
      int cut = LifecycleChecks.middleOfAnEvent(ctx, g);
      // 1. the whole golden, to its end
      endings.add("completion");
      consume(lb, ctx, g, lb.ok(wire));
      // 2. a body cut in the middle of an event that then ends (truncated, or malformed)
      endings.add("a body that ends mid-event");
      consume(lb, ctx, g, lb.head().write(Arrays.copyOf(wire, cut)));
      // 3. a connection closed mid-stream
      endings.add("a connection closed mid-stream");
      consume(lb, ctx, g, lb.head().write(Arrays.copyOf(wire, cut)).closeMidStream());
      // 4. the subscriber cancels its subscription while the server stalls
      endings.add("the subscriber's cancel");
      lb.server().enqueue(lb.head().write(Arrays.copyOf(wire, cut)).stallForever());
      TestSubscriber s = new TestSubscriber(0).start(lb.open(ctx.request(g)), Long.MAX_VALUE);
      awaitDecoders(lb, counting, 4, ctx);
      s.cancel();
      // 5. the stream's own cancel (ChatStream.cancel) while the server stalls
      endings.add("the stream's cancel");
      lb.server().enqueue(lb.head().write(Arrays.copyOf(wire, cut)).stallForever());
      Flow.Publisher<StreamChunk> stream = lb.open(ctx.request(g));
      TestSubscriber s2 = new TestSubscriber(0).start(stream, Long.MAX_VALUE);
      awaitDecoders(lb, counting, 5, ctx);
      if (stream instanceof ChatStream cs) {
        cs.cancel();
      } else {
        s2.cancel();
      }

      long deadline = System.nanoTime() + ctx.environment().timeout().toNanos();
      while (System.nanoTime() < deadline && !allClosed(counting)) {
        Thread.sleep(10);
      }
      List<String> problems = new ArrayList<>();
      for (int i = 0; i < counting.decoders.size(); i++) {
        CountingProvider.Counted d = counting.decoders.get(i);
        String ending = i < endings.size() ? endings.get(i) : "stream " + (i + 1);
        if (d.closes.get() != 1) {
          problems.add("after " + ending + " the decoder was closed " + d.closes.get() + " times");
        }
        if (d.usesAfterClose.get() > 0) {
          problems.add("after " + ending + " the decoder was used " + d.usesAfterClose.get() + " times after close");
        }
      }
      if (counting.decoders.size() != endings.size()) {
        problems.add(endings.size() + " streams made " + counting.decoders.size() + " decoders");
      }
      if (!problems.isEmpty()) {
        throw new AssertionError(String.join("; ", problems) + " (within " + ctx.environment().timeout().toMillis()
            + " ms)");
      }
    }
  }

  private static void consume(Loopback lb, RuleContext ctx, Golden g, dev.rill.testkit.server.Response response)
      throws InterruptedException {
    lb.server().enqueue(response);
    TestSubscriber s = new TestSubscriber(0).start(lb.open(ctx.request(g)), Long.MAX_VALUE);
    if (!s.awaitTerminal(ctx.environment().timeout())) {
      s.cancel();
      throw new AssertionError("a stream gave no terminal signal within " + ctx.environment().timeout().toMillis()
          + " ms");
    }
  }

  private static void awaitDecoders(Loopback lb, CountingProvider counting, int count, RuleContext ctx)
      throws InterruptedException {
    long deadline = System.nanoTime() + ctx.environment().timeout().toNanos();
    while (counting.decoders.size() < count && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    if (counting.decoders.size() < count) {
      throw new AssertionError("the runtime made no decoder for stream " + count + " within "
          + ctx.environment().timeout().toMillis() + " ms");
    }
    lb.quiet();
  }

  private static boolean allClosed(CountingProvider counting) {
    for (CountingProvider.Counted d : counting.decoders) {
      if (d.closes.get() == 0) {
        return false;
      }
    }
    return true;
  }
}
