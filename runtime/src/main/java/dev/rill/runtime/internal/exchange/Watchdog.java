package dev.rill.runtime.internal.exchange;

import dev.rill.api.TimeoutPhase;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The deadlines of one exchange, checked on the client's timer thread with one pending task at a time, rescheduled
 * to the next deadline rather than touched per event:
 * <ul>
 *   <li>connection: from sending to the request going out on a connection, the pool's wait plus the connect
 *       timeout (HttpCore's pool fails an expired lease only when the pool is next touched, so it cannot be relied
 *       on to end a wait by itself);
 *   <li>first chunk: from sending the request to the first chunk with output;
 *   <li>idle: once output started, the longest time without a wire event or keep-alive (before output it applies
 *       only when there is no first-chunk deadline, since a reasoning model may think silently);
 *   <li>error body: from an error status's head to the end of its (capped) body, so a body that trickles without
 *       end still ends the call, with the status it announced.
 * </ul>
 * Basic mode sets no idle deadline, so the fast path costs one volatile write at the first chunk with output.
 */
final class Watchdog implements Runnable {

  /** What the exchange does when a deadline passes; runs on the timer thread. */
  interface Deadlines {
    void timedOut(TimeoutPhase phase, long limitNanos);

    void errorBodyTimedOut();
  }

  private final ScheduledExecutorService timer;
  private final long firstChunkNanos;
  private final long idleNanos;
  private final long connectionNanos;
  private volatile boolean connected;
  private final Deadlines deadlines;
  private volatile long sentNanos;
  private volatile long lastWireNanos;
  private volatile boolean sawOutput;
  private volatile long errorBodyDeadline; // 0: none
  private ScheduledFuture<?> pending; // guarded by this
  private boolean stopped; // guarded by this

  /** Deadlines of {@code firstChunkNanos}, {@code idleNanos} and {@code connectionNanos} (0 for none). */
  Watchdog(ScheduledExecutorService timer, long firstChunkNanos, long idleNanos, long connectionNanos,
      Deadlines deadlines) {
    this.timer = timer;
    this.firstChunkNanos = firstChunkNanos;
    this.idleNanos = idleNanos;
    this.connectionNanos = connectionNanos;
    this.deadlines = deadlines;
  }

  /** Whether wire activity must be reported ({@link #wire}): only with an idle deadline. */
  boolean tracksWire() {
    return idleNanos > 0;
  }

  /** The request was sent now. */
  void start() {
    long now = System.nanoTime();
    sentNanos = now;
    lastWireNanos = now;
    reschedule(now);
  }

  /** The request went out on a connection: the connection deadline is met. */
  void connected() {
    connected = true;
  }

  /** A wire event or keep-alive arrived. */
  void wire() {
    lastWireNanos = System.nanoTime();
  }

  /** The first chunk with output arrived: the first-chunk deadline is met; the idle one begins. */
  void output() {
    if (sawOutput) {
      return;
    }
    sawOutput = true;
    long now = System.nanoTime();
    lastWireNanos = now;
    reschedule(now);
  }

  /** An error status arrived: its body must end within {@code nanos}. */
  void errorBody(long nanos) {
    long now = System.nanoTime();
    errorBodyDeadline = now + nanos;
    reschedule(now);
  }

  /** The exchange is over. */
  synchronized void stop() {
    stopped = true;
    if (pending != null) {
      pending.cancel(false);
      pending = null;
    }
  }

  @Override
  public void run() {
    synchronized (this) {
      if (stopped) {
        return;
      }
      pending = null;
    }
    long now = System.nanoTime();
    long eb = errorBodyDeadline;
    if (eb != 0 && now - eb >= 0) {
      deadlines.errorBodyTimedOut();
      return;
    }
    if (!connected && connectionNanos > 0 && now - sentNanos >= connectionNanos) {
      deadlines.timedOut(TimeoutPhase.POOL, connectionNanos);
      return;
    }
    if (!sawOutput && firstChunkNanos > 0 && now - sentNanos >= firstChunkNanos) {
      deadlines.timedOut(TimeoutPhase.FIRST_CHUNK, firstChunkNanos);
      return;
    }
    if ((sawOutput || firstChunkNanos <= 0) && idleNanos > 0 && now - lastWireNanos >= idleNanos) {
      deadlines.timedOut(TimeoutPhase.IDLE, idleNanos);
      return;
    }
    reschedule(now);
  }

  /** Replaces the pending check with one at the next deadline, if any. */
  private void reschedule(long now) {
    long delay = Long.MAX_VALUE;
    long eb = errorBodyDeadline;
    if (eb != 0) {
      delay = eb - now;
    } else {
      if (!connected && connectionNanos > 0) {
        delay = Math.min(delay, sentNanos + connectionNanos - now);
      }
      if (!sawOutput && firstChunkNanos > 0) {
        delay = Math.min(delay, sentNanos + firstChunkNanos - now);
      }
      if ((sawOutput || firstChunkNanos <= 0) && idleNanos > 0) {
        delay = Math.min(delay, lastWireNanos + idleNanos - now);
      }
    }
    synchronized (this) {
      if (pending != null) {
        pending.cancel(false);
        pending = null;
      }
      if (stopped || delay == Long.MAX_VALUE) {
        return;
      }
      try {
        pending = timer.schedule(this, Math.max(delay, 1_000_000L), TimeUnit.NANOSECONDS);
      } catch (RejectedExecutionException e) {
        // the client is closing; its close fails the stream
      }
    }
  }
}
