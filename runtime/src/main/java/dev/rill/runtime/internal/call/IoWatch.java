package dev.rill.runtime.internal.call;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Notices consumer code that holds one of the client's I/O threads too long (Vert.x's blocked-thread checker is
 * the model). Each I/O thread that delivers chunks gets a slot; delivery marks it busy and then idle again, and the
 * client's timer thread looks at the slots every half threshold. A slot busy for longer than the threshold logs one
 * warning per episode, naming the thread and the fix: a delivery executor. Cost on the fast path: a thread-local
 * read, two clock reads and two volatile writes per delivery run, not per chunk.
 */
public final class IoWatch {
  private static final System.Logger LOG = System.getLogger("dev.rill.runtime.BlockedThread");

  /** One I/O thread's state. */
  private static final class Slot {
    final Thread thread;
    volatile long busySince; // 0: idle
    long warnedFor;

    Slot(Thread thread) {
      this.thread = thread;
    }
  }

  private final long thresholdNanos;
  private final List<Slot> slots = new CopyOnWriteArrayList<>();
  private final ThreadLocal<Slot> mine = ThreadLocal.withInitial(this::register);
  private final ScheduledFuture<?> checker;

  /** Watches with {@code threshold} (null or zero: never warns), checking on {@code timer}. */
  public IoWatch(Duration threshold, ScheduledExecutorService timer) {
    this.thresholdNanos = threshold == null ? 0 : threshold.toNanos();
    if (thresholdNanos > 0) {
      long period = Math.max(10_000_000L, thresholdNanos / 2);
      this.checker = timer.scheduleAtFixedRate(this::check, period, period, TimeUnit.NANOSECONDS);
    } else {
      this.checker = null;
    }
  }

  private Slot register() {
    Slot s = new Slot(Thread.currentThread());
    slots.add(s);
    return s;
  }

  /** The calling I/O thread starts running consumer code. */
  public void enter() {
    if (thresholdNanos > 0) {
      long now = System.nanoTime();
      mine.get().busySince = now == 0 ? 1 : now;
    }
  }

  /** The calling I/O thread is back in the client's hands. */
  public void exit() {
    if (thresholdNanos > 0) {
      mine.get().busySince = 0;
    }
  }

  private void check() {
    long now = System.nanoTime();
    for (Slot s : slots) {
      long since = s.busySince;
      if (since != 0 && now - since >= thresholdNanos && s.warnedFor != since) {
        s.warnedFor = since;
        LOG.log(System.Logger.Level.WARNING, "a stream consumer has held Rill's I/O thread " + s.thread.getName()
            + " for " + TimeUnit.NANOSECONDS.toMillis(now - since) + " ms: chunks, forEach actions, subscribers and"
            + " interceptors run on the I/O thread by default, and every other stream on that thread waits. Move"
            + " slow work off it with Rill.builder().deliveryExecutor(executor) or"
            + " StreamOptions.Builder.deliveryExecutor(executor).");
      }
    }
  }

  /** Stops checking. */
  public void close() {
    if (checker != null) {
      checker.cancel(false);
    }
  }
}
