package dev.rill.runtime.internal.exchange;

import dev.rill.api.ChatResponse;
import dev.rill.api.RillException;
import dev.rill.api.StreamChunk;
import dev.rill.runtime.Downstream;
import dev.rill.runtime.internal.call.IoWatch;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The demand queue of one exchange: decoded chunks wait here until the layer above asks for them, and a drain
 * loop delivers them, and then exactly one outcome, to the chain's {@link Downstream}.
 *
 * <p>Signals are serial whichever thread runs the loop: the loop is guarded by a work-in-progress counter, so the
 * I/O thread that decoded a chunk and a thread that calls {@link #request} never deliver at the same time (the
 * missed-signal pattern of RxJava and Reactor). With an executor the loop always runs on it, so no consumer code
 * runs on the I/O thread. Warnings need no demand but keep their place among the chunks. The outcome follows the
 * queued chunks, or, for an abort, replaces them at once.
 *
 * <p>An exception thrown by the downstream (a consumer's {@code onNext}, an interceptor) is handed to
 * {@code consumerFailed}, which ends the exchange with an error that is delivered here as the outcome.
 */
final class ChunkQueue {
  /** A warning waiting in line with the chunks. */
  private record Warning(String text) {}

  private final Downstream downstream;
  private final Executor executor;
  private final IoWatch watch;
  private final Runnable afterDelivery;
  private final Consumer<Throwable> consumerFailed;
  private final Queue<Object> items = new ConcurrentLinkedQueue<>();
  private final AtomicInteger chunks = new AtomicInteger();
  private final AtomicLong requested = new AtomicLong();
  private final AtomicInteger wip = new AtomicInteger();
  private final Runnable loop = this::loop;
  private volatile Object outcome; // ChatResponse or RillException, set once by the exchange
  private volatile boolean discard;
  private volatile boolean cancelled;
  private boolean delivered; // the outcome went out (loop-confined)

  /**
   * @param downstream where signals go
   * @param executor where the loop runs, or null for the calling thread
   * @param watch times the loop when it runs on an I/O thread
   * @param afterDelivery runs after the loop delivered chunks (the exchange returns read credit)
   * @param consumerFailed ends the exchange when the downstream throws
   */
  ChunkQueue(Downstream downstream, Executor executor, IoWatch watch, Runnable afterDelivery,
      Consumer<Throwable> consumerFailed) {
    this.downstream = downstream;
    this.executor = executor;
    this.watch = watch;
    this.afterDelivery = afterDelivery;
    this.consumerFailed = consumerFailed;
  }

  /** Queues a chunk; the producer (the I/O thread) calls {@link #drain} after a batch. */
  void offer(StreamChunk chunk) {
    if (cancelled) {
      return;
    }
    items.offer(chunk);
    chunks.incrementAndGet();
  }

  /** Queues a warning. */
  void warn(String warning) {
    if (cancelled) {
      return;
    }
    items.offer(new Warning(warning));
  }

  /** Chunks waiting for demand. */
  int waiting() {
    return chunks.get();
  }

  /** The outcome: delivered after the queued chunks. Called once, then {@link #drain}. */
  void complete(ChatResponse response) {
    outcome = response;
  }

  /** The outcome: delivered after the queued chunks, or at once when {@code discardQueued}. Called once. */
  void fail(RillException error, boolean discardQueued) {
    if (discardQueued) {
      discard = true;
    }
    outcome = error;
  }

  /** Adds demand (RS 3.17: saturating) and delivers what it allows. */
  void request(long n) {
    long r;
    long next;
    do {
      r = requested.get();
      if (r == Long.MAX_VALUE) {
        break;
      }
      next = r + n;
      if (next < 0) {
        next = Long.MAX_VALUE;
      }
    } while (!requested.compareAndSet(r, next));
    drain(false);
  }

  /** Drops the chunks waiting for demand (to free memory before an outcome that replaces them). */
  void dropQueued() {
    discard = true;
    clear();
  }

  /** Stops all delivery; queued chunks are dropped by the next loop. */
  void cancel() {
    cancelled = true;
    drain(false);
  }

  /** Runs the loop unless it is running; {@code onIoThread} when an I/O callback calls it (for the watch). */
  void drain(boolean onIoThread) {
    if (wip.getAndIncrement() != 0) {
      return;
    }
    if (executor == null) {
      if (onIoThread) {
        watch.enter();
        try {
          loop();
        } finally {
          watch.exit();
        }
      } else {
        loop();
      }
      return;
    }
    try {
      executor.execute(loop);
    } catch (RejectedExecutionException e) {
      loop(); // the executor is shutting down: deliver here rather than lose the outcome
    }
  }

  private void loop() {
    int missed = 1;
    for (;;) {
      if (cancelled) {
        clear();
        return;
      }
      boolean sent = false;
      long r = requested.get();
      long e = 0;
      for (;;) {
        if (cancelled) {
          clear();
          return;
        }
        Object done = outcome;
        if (done != null && discard) {
          clear();
        }
        Object item = items.peek();
        if (item == null) {
          if (done != null) {
            signalOutcome(done);
            return;
          }
          break;
        }
        if (item instanceof Warning w) {
          items.poll();
          if (!deliver(w)) {
            return;
          }
          continue;
        }
        if (e == r) {
          break;
        }
        items.poll();
        chunks.decrementAndGet();
        if (!deliver(item)) {
          return;
        }
        sent = true;
        e++;
      }
      if (e != 0 && r != Long.MAX_VALUE) {
        requested.addAndGet(-e);
      }
      if (sent) {
        afterDelivery.run();
      }
      missed = wip.addAndGet(-missed);
      if (missed == 0) {
        return;
      }
    }
  }

  /** Delivers a chunk or a warning; false when the downstream threw (the exchange is ending). */
  private boolean deliver(Object item) {
    try {
      if (item instanceof Warning w) {
        downstream.onWarning(w.text());
      } else {
        downstream.onChunk((StreamChunk) item);
      }
      return true;
    } catch (Throwable t) {
      // SubmissionPublisher's rule: an exception from onNext cancels and is reported. The exchange sets the
      // outcome (discarding the queue) and drains again; the counter keeps this loop the only one running.
      consumerFailed.accept(t);
      if (t instanceof VirtualMachineError vme && !(t instanceof OutOfMemoryError)) {
        throw vme;
      }
      return true;
    }
  }

  private void signalOutcome(Object done) {
    if (delivered) {
      return;
    }
    delivered = true;
    cancelled = true; // nothing after the outcome
    clear();
    try {
      if (done instanceof RillException error) {
        downstream.onError(error);
      } else {
        downstream.onComplete((ChatResponse) done);
      }
    } catch (Throwable t) {
      System.getLogger(ChunkQueue.class.getName()).log(System.Logger.Level.WARNING,
          "a consumer threw from " + (done instanceof RillException ? "onError" : "onComplete") + "; ignored", t);
    }
  }

  private void clear() {
    items.clear();
    chunks.set(0);
  }
}
