package dev.rill.conformance.internal;

import dev.rill.api.ChatRequest;
import dev.rill.conformance.TestSubscriber;
import dev.rill.testkit.golden.Golden;
import dev.rill.testkit.server.RecordedRequest;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/** Rules L4.4 and L6.4: what a cancel leaves behind, over HTTP/1.1 and over HTTP/2 (shared connections included). */
final class CancelChecks {

  private CancelChecks() {}

  /**
   * L4.4 and L6.4: a cancel before the response head, after it and in the middle of an event ends the exchange (the
   * server sees the connection close, or over HTTP/2 the stream reset or its connection close) and leaves no leased
   * connection; over HTTP/2 a following stream then completes, and on a shared connection a cancel resets its own
   * stream alone while a concurrent stream goes on and the connection stays.
   */
  static void cancelEndsTheExchange(RuleContext ctx, Transport over) throws InterruptedException {
    Golden g = LifecycleChecks.richGolden(ctx);
    ChatRequest request = ctx.request(g);
    try (Loopback lb = new Loopback(ctx, over)) {
      // 1. before the response head
      lb.server().enqueue(lb.ok(g.wire()).stallBeforeHeaders(lb.longStall()));
      TestSubscriber before = new TestSubscriber(0).start(lb.open(request), Long.MAX_VALUE);
      if (!lb.server().awaitRequests(1, ctx.environment().timeout())) {
        throw new AssertionError("the request never reached the server");
      }
      before.cancel();
      cancelled(lb, 0, "cancel before the response");

      // 2. after the response head, before any body byte
      lb.server().enqueue(lb.head().pause(lb.longStall()).write(g.wire()));
      TestSubscriber head = new TestSubscriber(0).start(lb.open(request), Long.MAX_VALUE);
      if (!lb.server().awaitRequests(2, ctx.environment().timeout())) {
        throw new AssertionError("the second request never reached the server");
      }
      lb.quiet();
      head.cancel();
      cancelled(lb, 1, "cancel after the response head");

      // 3. in the middle of an event
      byte[] wire = g.wire();
      int cut = LifecycleChecks.middleOfAnEvent(ctx, g);
      lb.server().enqueue(lb.head().write(Arrays.copyOf(wire, cut)).stallForever());
      TestSubscriber mid = new TestSubscriber(0).start(lb.open(request), Long.MAX_VALUE);
      if (!lb.server().awaitRequests(3, ctx.environment().timeout())) {
        throw new AssertionError("the third request never reached the server");
      }
      lb.quiet();
      mid.cancel();
      cancelled(lb, 2, "cancel in the middle of an event");

      if (over == Transport.HTTP_2) {
        // 4. the client is still usable: the next stream completes
        Loopback.Result after = lb.run(request, lb.ok(g.wire()));
        if (after.error() != null) {
          throw new AssertionError("a stream after the three cancels failed: " + after.error(), after.error());
        }
        lb.assertNoLeasedConnections("a stream after the cancels");
      }
    }
    if (over == Transport.HTTP_2) {
      cancelOnASharedConnection(ctx, g);
    }
  }

  private static void cancelled(Loopback lb, int stream, String when) throws InterruptedException {
    lb.assertDisconnects(stream + 1, when);
    lb.assertNoLeasedConnections(when);
    lb.quiet();
  }

  /** Attempts at getting two concurrent streams onto one shared connection before the rule gives up. */
  private static final int SHARING_ATTEMPTS = 3;

  /**
   * Over HTTP/2 with shared connections: a stream cancelled in the middle of an event is reset alone; a concurrent
   * stream on the same connection goes on to its end. HttpClient 5.6's pool may still open a second connection for
   * the second concurrent stream (it shares a connection only once it knows it speaks HTTP/2), which says nothing of
   * the plugin: the stage then starts again on a fresh client, up to {@value #SHARING_ATTEMPTS} times, and fails only
   * when the streams never share.
   */
  private static void cancelOnASharedConnection(RuleContext ctx, Golden g) throws InterruptedException {
    String apart = null;
    for (int attempt = 0; attempt < SHARING_ATTEMPTS; attempt++) {
      apart = cancelOnASharedConnectionOnce(ctx, g);
      if (apart == null) {
        return;
      }
    }
    throw new AssertionError("shared connection: in " + SHARING_ATTEMPTS + " attempts " + apart);
  }

  /** One attempt; null when it passed, else how the two streams came apart (the attempt proved nothing). */
  private static String cancelOnASharedConnectionOnce(RuleContext ctx, Golden g) throws InterruptedException {
    ChatRequest request = ctx.request(g);
    try (Loopback lb = new Loopback(ctx.provider(), ctx.environment(), ctx.streams(), ctx.options(), "",
        Transport.HTTP_2, true)) {
      // a first stream, so the pool knows the connection speaks HTTP/2 and shares it (HttpClient 5.6)
      Loopback.Result warm = lb.run(request, lb.ok(g.wire()));
      if (warm.error() != null) {
        throw new AssertionError("shared connection: the first stream failed: " + warm.error(), warm.error());
      }
      lb.assertNoLeasedConnections("shared connection, after the first stream");
      byte[] wire = g.wire();
      int cut = LifecycleChecks.middleOfAnEvent(ctx, g);
      CountDownLatch release = new CountDownLatch(1);
      lb.server().enqueue(lb.head().write(Arrays.copyOf(wire, cut)).stallForever());
      TestSubscriber doomed = new TestSubscriber(0).start(lb.open(request), Long.MAX_VALUE);
      if (!lb.server().awaitRequests(2, ctx.environment().timeout())) {
        throw new AssertionError("shared connection: the second request never reached the server");
      }
      lb.server().enqueue(lb.head().write(Arrays.copyOf(wire, cut)).awaitSignal(release, lb.longStall())
          .write(Arrays.copyOfRange(wire, cut, wire.length)));
      TestSubscriber kept = new TestSubscriber(0).start(lb.open(request), Long.MAX_VALUE);
      if (!lb.server().awaitRequests(3, ctx.environment().timeout())) {
        throw new AssertionError("shared connection: the third request never reached the server");
      }
      List<RecordedRequest> sent = lb.server().requests();
      if (sent.get(1).connection() != sent.get(2).connection()) {
        doomed.cancel();
        kept.cancel();
        release.countDown();
        return "the two concurrent streams came on connections " + sent.get(1).connection() + " and "
            + sent.get(2).connection() + ", not one shared connection";
      }
      lb.quiet();
      doomed.cancel();
      lb.assertStreamReset(1, "shared connection: cancel in the middle of an event");
      release.countDown();
      if (!kept.awaitTerminal(ctx.environment().timeout()) || !kept.completed()) {
        throw new AssertionError("shared connection: the stream beside the cancelled one did not complete: "
            + (kept.error() == null ? "no terminal signal" : kept.error()), kept.error());
      }
      String diff = Outcomes.chunkDifference(ctx.baseline(g).chunks(), kept.chunks());
      if (diff != null) {
        throw new AssertionError("shared connection: the stream beside the cancelled one gave other chunks: " + diff);
      }
      // the connection stays: the next stream goes on it. (No lease check here: HttpClient 5.6 keeps counting a
      // shared connection as leased after a stream on it was reset; see docs/conformance.md.)
      Loopback.Result next = lb.run(request, lb.ok(g.wire()));
      if (next.error() != null) {
        throw new AssertionError("shared connection: the stream after the cancel failed: " + next.error(),
            next.error());
      }
      int used = lb.server().requests().get(3).connection();
      if (used != sent.get(1).connection() || lb.server().openConnections() != 1) {
        throw new AssertionError("shared connection: after the cancel the next stream came on connection " + used
            + " (the shared one was " + sent.get(1).connection() + "), " + lb.server().openConnections()
            + " connection(s) open: a cancel on a shared connection must not close it");
      }
      return null;
    }
  }
}
