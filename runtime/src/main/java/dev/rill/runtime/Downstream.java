package dev.rill.runtime;

import dev.rill.api.ChatResponse;
import dev.rill.api.RillException;
import dev.rill.api.StreamChunk;

/**
 * Receives the signals of one call from the layer below it in the {@link Interceptor} chain: chunks as demand
 * allows, warnings, and exactly one outcome, {@link #onComplete} with the folded response or {@link #onError}
 * with a {@link RillException} that carries the partial response. Nothing follows the outcome, and nothing at all
 * follows {@link Upstream#cancel()}.
 *
 * <p>Signals to one downstream never overlap. They arrive on the thread that delivers the stream: an I/O thread
 * of the client by default, a thread of the delivery executor when one is set (see
 * {@link StreamOptions.Builder#deliveryExecutor}), or the client's timer thread for a deadline. Be quick and never block there.
 *
 * @since 0.1
 */
public interface Downstream {

  /** One chunk; never more than the demand requested through {@link Upstream#request(long)}. */
  void onChunk(StreamChunk chunk);

  /** Something worth attention that does not fail the call (a skipped malformed event...); needs no demand. */
  default void onWarning(String warning) {}

  /** The call completed; {@code response} is the fold of what the provider's decoder emitted. */
  void onComplete(ChatResponse response);

  /** The call failed; the error carries the partial response. */
  void onError(RillException error);
}
