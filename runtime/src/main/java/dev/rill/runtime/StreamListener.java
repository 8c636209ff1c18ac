package dev.rill.runtime;

import dev.rill.api.ChatResponse;
import dev.rill.api.RillException;
import dev.rill.api.StreamChunk;
import java.time.Duration;

/**
 * Observes calls, in the basic and the enhanced pipeline alike: metrics, tracing and logs hook in here. Every
 * method has an empty default. Listeners are registered per call or in the client's options
 * ({@link StreamOptions.Builder#listener}), or discovered through {@link java.util.ServiceLoader} when
 * {@link StreamOptions.Builder#discoverListeners} is on.
 *
 * <p>The events of one call form this tree: {@code onStart}, then per attempt either chunks or a failure that
 * leads to {@code onRetry} or {@code onFallback}, and finally exactly one of {@code onComplete} or
 * {@code onError}. {@code onFirstChunk} comes once, with the first chunk that carries output.
 *
 * <p>Rules: be fast and never block (most events arrive on an I/O thread); never call back into the stream.
 * A listener that throws does not break the stream: the exception is logged and the call goes on.
 *
 * @since 0.1
 */
public interface StreamListener {

  /** The call starts its first attempt. */
  default void onStart(CallInfo call) {}

  /**
   * The attempt's request waits for a pooled connection: all {@code route.max()} connections the pool allows to
   * the host are busy. It waits up to the client's pool timeout ({@link Rill.Builder#poolTimeout}), then fails with
   * {@code TIMEOUT} ({@code POOL}); raise the pool with {@link Rill.Builder#maxConnections}.
   */
  default void onPoolWait(CallInfo call, PoolStats route) {}

  /** The first chunk with output arrived, {@code sinceStart} after the request was sent. */
  default void onFirstChunk(CallInfo call, Duration sinceStart) {}

  /** A chunk is about to reach the subscriber. */
  default void onChunk(CallInfo call, StreamChunk chunk) {}

  /** An attempt failed and the same spec will be tried again after {@code delay}. */
  default void onRetry(CallInfo call, int nextAttempt, Duration delay, RillException cause) {}

  /** An attempt failed and the call moves on to the next model spec. */
  default void onFallback(CallInfo call, String nextSpec, RillException cause) {}

  /** Something worth attention that does not fail the call (a skipped event, a missing finish reason...). */
  default void onWarning(CallInfo call, String warning) {}

  /** The call failed; this is its outcome. */
  default void onError(CallInfo call, RillException error) {}

  /** The call completed; this is its outcome. */
  default void onComplete(CallInfo call, ChatResponse response) {}
}
