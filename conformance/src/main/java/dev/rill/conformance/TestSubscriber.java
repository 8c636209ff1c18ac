package dev.rill.conformance;

import dev.rill.api.StreamChunk;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * A subscriber that records every signal and the Reactive Streams violations it sees, like the TCK's
 * {@code TestEnvironment.flop}: a violation on the delivering thread is recorded, and the test asserts
 * {@link #violations()} is empty at the end. Demand is driven by the test ({@link #request}, {@link #cancel}).
 *
 * <p>Recorded violations: a second {@code onSubscribe}, {@code onNext} beyond demand, any signal after a terminal
 * one, any signal after {@link #cancel()} was called from inside a signal, overlapping signals on two threads
 * (RS §1.3).
 *
 * @since 0.1
 */
public final class TestSubscriber implements Flow.Subscriber<StreamChunk> {
  private final List<StreamChunk> chunks = new CopyOnWriteArrayList<>();
  private final List<String> violations = new CopyOnWriteArrayList<>();
  private final AtomicInteger terminals = new AtomicInteger();
  private final AtomicLong demand = new AtomicLong();
  private final AtomicReference<Thread> owner = new AtomicReference<>();
  private static final int MAX_VIOLATIONS = 10;
  private final AtomicInteger violationCount = new AtomicInteger();
  private int depth;
  private final AtomicBoolean cancelled = new AtomicBoolean();
  private final AtomicInteger signalsAfterCancel = new AtomicInteger();
  private final CountDownLatch subscribed = new CountDownLatch(1);
  private final CountDownLatch terminated = new CountDownLatch(1);
  private final long initialRequest;
  private volatile Consumer<TestSubscriber> onNextHook = s -> {};
  private volatile Flow.Subscription subscription;
  private volatile boolean cancelledInSignal;
  private volatile Throwable error;
  private volatile boolean completed;
  private volatile CountDownLatch chunkLatch = new CountDownLatch(1);

  /** A subscriber that requests {@code initialRequest} in {@code onSubscribe} (0: none). */
  public TestSubscriber(long initialRequest) {
    this.initialRequest = initialRequest;
  }

  /**
   * Subscribes to {@code publisher}, then requests {@code initialRequest} from the calling thread once
   * {@code onSubscribe} has returned: unlike a request made inside {@code onSubscribe}, this cannot race the first
   * {@code onNext} with {@code onSubscribe}, so a check about something else is not disturbed by that race (which
   * rule L4.9 checks on its own).
   */
  public TestSubscriber start(Flow.Publisher<StreamChunk> publisher, long initialRequest)
      throws InterruptedException {
    publisher.subscribe(this);
    if (initialRequest > 0) {
      if (!awaitSubscription(Duration.ofSeconds(10))) {
        violate("no onSubscribe within 10 s of subscribe (RS §1.9)");
        return this;
      }
      request(initialRequest);
    }
    return this;
  }

  /** Runs {@code hook} inside each {@code onNext}, after recording the chunk (e.g. to cancel from there). */
  public TestSubscriber onNextDo(Consumer<TestSubscriber> hook) {
    this.onNextHook = hook;
    return this;
  }

  @Override
  public void onSubscribe(Flow.Subscription s) {
    boolean entered = enter("onSubscribe");
    try {
      if (subscription != null) {
        violate("onSubscribe called twice (RS §2.5)");
        return;
      }
      subscription = s;
      subscribed.countDown();
      if (initialRequest > 0) {
        request(initialRequest);
      }
    } finally {
      leave(entered);
    }
  }

  @Override
  public void onNext(StreamChunk item) {
    boolean entered = enter("onNext");
    try {
      if (cancelled.get()) {
        signalsAfterCancel.incrementAndGet();
        if (cancelledInSignal) {
          violate("onNext after cancel() was called from a signal (RS §3.12): " + item);
        }
      }
      if (terminals.get() > 0) {
        violate("onNext after a terminal signal (RS §1.7)");
      }
      if (demand.get() != Long.MAX_VALUE && demand.decrementAndGet() < 0) {
        violate("onNext beyond demand (RS §1.1)");
      }
      chunks.add(item);
      chunkLatch.countDown();
      onNextHook.accept(this);
    } finally {
      leave(entered);
    }
  }

  @Override
  public void onError(Throwable t) {
    boolean entered = enter("onError");
    try {
      if (cancelled.get()) {
        signalsAfterCancel.incrementAndGet();
        if (cancelledInSignal) {
          violate("onError after cancel() was called from a signal (RS §3.12): " + t);
        }
      }
      if (terminals.incrementAndGet() > 1) {
        violate("a second terminal signal: onError(" + t + ") (RS §1.7)");
      }
      error = t;
      terminated.countDown();
    } finally {
      leave(entered);
    }
  }

  @Override
  public void onComplete() {
    boolean entered = enter("onComplete");
    try {
      if (cancelled.get()) {
        signalsAfterCancel.incrementAndGet();
        if (cancelledInSignal) {
          violate("onComplete after cancel() was called from a signal (RS §3.12)");
        }
      }
      if (terminals.incrementAndGet() > 1) {
        violate("a second terminal signal: onComplete (RS §1.7)");
      }
      completed = true;
      terminated.countDown();
    } finally {
      leave(entered);
    }
  }

  private boolean enter(String signal) {
    Thread me = Thread.currentThread();
    if (owner.get() == me) {
      depth++;
      return true;
    }
    if (!owner.compareAndSet(null, me)) {
      Thread other = owner.get();
      violate(signal + " on " + me.getName() + " overlapped a signal still running on "
          + (other == null ? "another thread" : other.getName()) + " (RS §1.3)");
      return false;
    }
    depth = 1;
    return true;
  }

  private void leave(boolean entered) {
    if (entered && --depth == 0) {
      owner.set(null);
    }
  }

  private void violate(String message) {
    int n = violationCount.incrementAndGet();
    if (n <= MAX_VIOLATIONS) {
      violations.add(message);
    } else if (n == MAX_VIOLATIONS + 1) {
      violations.add("... more violations not listed");
    }
  }

  /** Requests {@code n} more chunks. */
  public void request(long n) {
    demand.accumulateAndGet(n, (a, b) -> a + b < 0 ? Long.MAX_VALUE : a + b);
    subscription.request(n);
  }

  /**
   * Cancels. Called from inside a signal (serially), any later signal is a violation; called from another thread,
   * signals already in flight may still arrive, and {@link #signalsAfterCancel()} counts them.
   */
  public void cancel() {
    cancelledInSignal = owner.get() == Thread.currentThread();
    subscription.cancel();
    cancelled.set(true);
  }

  /** Waits for {@code onSubscribe}. */
  public boolean awaitSubscription(Duration timeout) throws InterruptedException {
    return subscribed.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Waits for a terminal signal. */
  public boolean awaitTerminal(Duration timeout) throws InterruptedException {
    return terminated.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Waits until at least {@code count} chunks arrived. */
  public boolean awaitChunks(int count, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (chunks.size() < count) {
      CountDownLatch latch = new CountDownLatch(1);
      chunkLatch = latch;
      if (chunks.size() >= count) {
        break;
      }
      long left = deadline - System.nanoTime();
      if (left <= 0 || (!latch.await(Math.min(left, 50_000_000L), TimeUnit.NANOSECONDS)
          && System.nanoTime() >= deadline)) {
        return chunks.size() >= count;
      }
    }
    return true;
  }

  /** The chunks received, in order. */
  public List<StreamChunk> chunks() { return List.copyOf(chunks); }

  /** The Reactive Streams rules it saw broken, one line each. */
  public List<String> violations() { return List.copyOf(violations); }

  /** The error received, or null. */
  public Throwable error() { return error; }

  /** Whether {@code onComplete} arrived. */
  public boolean completed() { return completed; }

  /** How many terminal signals arrived (one is right). */
  public int terminalSignals() { return terminals.get(); }

  /** How many signals arrived after it cancelled. */
  public int signalsAfterCancel() { return signalsAfterCancel.get(); }

  /** The subscription it received. */
  public Flow.Subscription subscription() { return subscription; }

  /** The concatenated content of the chunks received. */
  public String text() {
    StringBuilder sb = new StringBuilder();
    chunks.forEach(c -> sb.append(c.content()));
    return sb.toString();
  }
}
