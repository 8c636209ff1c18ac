package dev.rill.micrometer;

import dev.rill.api.ChatResponse;
import dev.rill.api.RillException;
import dev.rill.runtime.CallInfo;
import io.micrometer.observation.Observation;
import java.time.Duration;

/**
 * What one call's {@link Observation} knows, for conventions and handlers: the call (request, provider, server), and
 * at the end the response (model, id, finish reasons, usage) or the error, whose partial response is
 * {@link #response()}.
 *
 * @since 0.1
 */
public final class RillObservationContext extends Observation.Context {
  private volatile CallInfo call;
  private volatile ChatResponse response;
  private volatile RillException failure;
  private volatile Duration timeToFirstChunk;

  RillObservationContext(CallInfo call) {
    this.call = call;
  }

  /** The call as the listeners last saw it: its request, and the server once the request was sent. */
  public CallInfo call() {
    return call;
  }

  /** The response when the call completed, the partial response when it failed; null before the end. */
  public ChatResponse response() {
    return response;
  }

  /** The call's failure, or null. */
  public RillException failure() {
    return failure;
  }

  /** From the start to the first chunk with output, or null when none came. */
  public Duration timeToFirstChunk() {
    return timeToFirstChunk;
  }

  void call(CallInfo latest) {
    this.call = latest;
  }

  void firstChunk(Duration d) {
    this.timeToFirstChunk = d;
  }

  void ended(ChatResponse r, RillException e) {
    this.response = r;
    this.failure = e;
  }
}
