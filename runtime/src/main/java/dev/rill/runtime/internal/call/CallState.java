package dev.rill.runtime.internal.call;

import dev.rill.runtime.CallInfo;
import dev.rill.runtime.StreamListener;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the layers of one call share: its id, its listeners as one, where chunks are delivered, how many HTTP
 * attempts were sent, its credential and header overrides, and the attempt that runs now (for the listeners' {@link CallInfo}).
 */
public final class CallState {
  private final long id;
  private final StreamListener listener;
  private final Executor executor;
  private final AtomicInteger attempts = new AtomicInteger();
  private final CallOverrides overrides;
  private volatile CallInfo current;

  public CallState(long id, StreamListener listener, Executor executor, CallInfo first) {
    this(id, listener, executor, first, CallOverrides.NONE);
  }

  public CallState(long id, StreamListener listener, Executor executor, CallInfo first, CallOverrides overrides) {
    this.overrides = overrides;
    this.id = id;
    this.listener = listener;
    this.executor = executor;
    this.current = first;
  }

  public long id() {
    return id;
  }

  /** The credentials and headers this call sets per provider. */
  public CallOverrides overrides() {
    return overrides;
  }

  /** The call's listeners as one; a no-op when there are none. */
  public StreamListener listener() {
    return listener;
  }

  /** Where chunks are delivered, or null for the I/O thread. */
  public Executor executor() {
    return executor;
  }

  /** HTTP requests sent so far. */
  public int attempts() {
    return attempts.get();
  }

  /** An attempt's request is about to be sent. */
  public void attemptSent(CallInfo info) {
    current = info;
    attempts.incrementAndGet();
  }

  /** The attempt that runs now (or ran last). */
  public CallInfo current() {
    return current;
  }
}
