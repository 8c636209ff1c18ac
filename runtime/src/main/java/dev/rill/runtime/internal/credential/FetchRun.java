package dev.rill.runtime.internal.credential;

import dev.rill.api.Credential;
import java.util.concurrent.CompletionStage;

/**
 * One run of a source's {@code fetch()}, cancellable once its timeout passed: {@link #cancel()} interrupts the thread
 * while it is inside {@code fetch()} (never after it left: the interrupt is for this fetch only) and cancels the stage
 * {@code fetch()} returned, so an abandoned fetch does not keep a credential thread or a connection.
 */
final class FetchRun {
  private Thread thread; // guarded by this; the thread inside fetch(), or null
  private CompletionStage<Credential> stage; // guarded by this
  private boolean cancelled; // guarded by this

  /** The calling thread enters {@code fetch()}; false when the run was cancelled before it started. */
  synchronized boolean begin() {
    if (cancelled) {
      return false;
    }
    thread = Thread.currentThread();
    return true;
  }

  /** The calling thread left {@code fetch()}: no interrupt reaches it from now on, and one that came is cleared. */
  synchronized void end() {
    thread = null;
    Thread.interrupted(); // a pooled thread must not carry this fetch's interrupt into its next task
  }

  /** {@code fetch()} returned {@code answer}: cancelled at once when the run was cancelled meanwhile. */
  void answered(CompletionStage<Credential> answer) {
    boolean cancelNow;
    synchronized (this) {
      stage = answer;
      cancelNow = cancelled;
    }
    if (cancelNow) {
      cancel(answer);
    }
  }

  /** Stops the run: interrupts {@code fetch()} if it is still running, cancels the stage it returned. */
  void cancel() {
    CompletionStage<Credential> s;
    synchronized (this) {
      cancelled = true;
      if (thread != null) {
        thread.interrupt();
      }
      s = stage;
    }
    if (s != null) {
      cancel(s);
    }
  }

  private static void cancel(CompletionStage<Credential> s) {
    try {
      s.toCompletableFuture().cancel(true);
    } catch (UnsupportedOperationException e) {
      // a stage that cannot be cancelled: its answer is ignored (the fetch was settled by the timeout)
    }
  }
}
