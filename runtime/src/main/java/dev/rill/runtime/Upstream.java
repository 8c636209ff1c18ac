package dev.rill.runtime;

import dev.rill.api.RillException;

/**
 * What a layer of the {@link Interceptor} chain can ask of the layers below it: demand, and the two ways to stop.
 * Returned by {@link Interceptor.Chain#proceed}; all methods are thread-safe, idempotent and never block.
 *
 * @since 0.1
 */
public interface Upstream {

  /** Asks for {@code n} more chunks ({@code n > 0}; demand saturates at {@link Long#MAX_VALUE}). */
  void request(long n);

  /** Stops the call silently: the connection is released and nothing more is signalled downstream. */
  void cancel();

  /**
   * Stops the call with an outcome: the connection is released and {@code reason}, with the partial response
   * attached, reaches the downstream's {@link Downstream#onError} at once (chunks still waiting for demand are
   * dropped). Does nothing once the call has its outcome. The built-in deadlines and
   * {@link ChatStream#cancel()} end calls this way.
   */
  void abort(RillException reason);
}
