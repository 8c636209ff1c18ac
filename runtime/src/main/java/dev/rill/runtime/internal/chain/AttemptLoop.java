package dev.rill.runtime.internal.chain;

import dev.rill.api.ChatRequest;
import dev.rill.api.ChatResponse;
import dev.rill.api.RillException;
import dev.rill.api.StreamChunk;
import dev.rill.api.TimeoutPhase;
import dev.rill.runtime.Downstream;
import dev.rill.runtime.Upstream;
import java.time.Duration;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One call of an interceptor that may run the rest of the chain again after a failure (retry, fallback): it is the
 * {@link Upstream} the layer above holds, and it swaps the attempt below it. Demand requested above and not yet
 * met is replayed onto each new attempt. A new attempt is made only while no chunk has gone down (a retry would
 * repeat output the consumer already has), and never after an {@link #abort} or {@link #cancel}.
 */
abstract class AttemptLoop implements Upstream {

  /** The next attempt: what to run, after how long, and what to tell the listeners first. */
  record Next(RealChain chain, ChatRequest request, Duration delay, Runnable announce) {}

  private final Downstream downstream;
  private final AtomicLong outstanding = new AtomicLong();
  private volatile boolean delivered;
  // Guarded by this.
  private Attempt current;
  private Future<?> pendingStart;
  private RillException abortReason;
  private boolean done;

  AttemptLoop(Downstream downstream) {
    this.downstream = downstream;
  }

  /** Decides, under the loop's lock, whether {@code failure} of the attempt just ended leads to another; or null. */
  abstract Next next(RillException failure);

  /** Starts the first attempt. */
  final Upstream start(RealChain chain, ChatRequest request) {
    launch(chain, request);
    return this;
  }

  /** Whether a failure may be worth another attempt: transient kinds, before any output. */
  static boolean isTransient(RillException e) {
    if (!e.retryable()) {
      return false;
    }
    return switch (e.kind()) {
      case TRANSPORT, RATE_LIMITED, OVERLOADED, SERVER, CONFLICT -> true;
      case TIMEOUT -> e.timeoutPhase().map(p -> p != TimeoutPhase.TOTAL && p != TimeoutPhase.POOL).orElse(true);
      default -> false;
    };
  }

  private void launch(RealChain chain, ChatRequest request) {
    Attempt a = new Attempt();
    synchronized (this) {
      if (done) {
        return;
      }
      pendingStart = null;
      current = a;
    }
    Upstream up = chain.proceed(request, a);
    long n;
    synchronized (this) {
      a.upstream = up;
      if (a != current) {
        return; // it failed while being set up, and another attempt took its place
      }
      if (done) {
        // cancelled or aborted while the attempt was being set up
        if (abortReason != null) {
          up.abort(abortReason);
        } else {
          up.cancel();
        }
        return;
      }
      n = outstanding.get();
    }
    if (n > 0) {
      up.request(n);
    }
  }

  @Override
  public final void request(long n) {
    long r;
    long next;
    do {
      r = outstanding.get();
      if (r == Long.MAX_VALUE) {
        break;
      }
      next = r + n < 0 ? Long.MAX_VALUE : r + n;
    } while (!outstanding.compareAndSet(r, next));
    Upstream up;
    synchronized (this) {
      up = current == null ? null : current.upstream;
    }
    if (up != null) {
      up.request(n);
    }
  }

  @Override
  public final void cancel() {
    Upstream up;
    synchronized (this) {
      if (done) {
        return;
      }
      done = true;
      stopPending();
      up = current == null ? null : current.upstream;
    }
    if (up != null) {
      up.cancel();
    }
  }

  @Override
  public final void abort(RillException reason) {
    Upstream up;
    synchronized (this) {
      if (abortReason != null || (done && current == null)) {
        return;
      }
      abortReason = reason;
      if (pendingStart == null) {
        up = current == null ? null : current.upstream;
        if (up != null) {
          // the live attempt ends with the reason and its partial; attemptFailed passes it on
          up.abort(reason);
          return;
        }
      }
      // between attempts: nothing below can signal, so the outcome goes out from here
      done = true;
      stopPending();
    }
    downstream.onError(reason);
  }

  private void stopPending() {
    if (pendingStart != null) {
      pendingStart.cancel(false);
      pendingStart = null;
    }
  }

  private void attemptFailed(Attempt a, RillException failure) {
    Next next = null;
    synchronized (this) {
      if (done || a != current) {
        return;
      }
      if (abortReason == null && !delivered && isTransient(failure)) {
        next = next(failure);
      }
      if (next == null) {
        done = true;
      }
    }
    if (next == null) {
      downstream.onError(failure);
      return;
    }
    next.announce().run(); // listeners hear of the retry before the next attempt can start (and finish)
    Next n = next;
    synchronized (this) {
      if (done) {
        return;
      }
      if (!n.delay().isZero()) {
        pendingStart = n.chain().schedule(n.delay(), () -> launch(n.chain(), n.request()));
        return;
      }
    }
    launch(n.chain(), n.request());
  }

  /** One attempt's downstream: passes chunks on, and reports its outcome to the loop. */
  private final class Attempt implements Downstream {
    volatile Upstream upstream;

    @Override
    public void onChunk(StreamChunk chunk) {
      delivered = true;
      if (outstanding.get() != Long.MAX_VALUE) {
        outstanding.decrementAndGet();
      }
      downstream.onChunk(chunk);
    }

    @Override
    public void onWarning(String warning) {
      downstream.onWarning(warning);
    }

    @Override
    public void onComplete(ChatResponse response) {
      synchronized (AttemptLoop.this) {
        if (done || this != current) {
          return;
        }
        done = true;
      }
      downstream.onComplete(response);
    }

    @Override
    public void onError(RillException error) {
      attemptFailed(this, error);
    }
  }
}
