package dev.rill.framing;

import dev.rill.api.WireEvent;

/**
 * Receives what a {@link Framer} cuts from a body.
 *
 * @since 0.1
 */
public interface EventHandler {

  /**
   * One complete event. The event's data array may be reused after this returns (see {@link WireEvent}).
   *
   * @return {@code true} to go on, {@code false} to stop framing (the rest of the input is ignored)
   */
  boolean onEvent(WireEvent event);

  /**
   * Bytes that carried no event: an SSE comment ({@code : ping}), a blank line that dispatched nothing, an
   * NDJSON blank line. Liveness only; the runtime's idle timer is reset by these.
   */
  default void onKeepAlive(int bytes) {}
}
