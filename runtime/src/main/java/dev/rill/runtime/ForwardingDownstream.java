package dev.rill.runtime;

import dev.rill.api.ChatResponse;
import dev.rill.api.RillException;
import dev.rill.api.StreamChunk;
import java.util.Objects;

/**
 * A {@link Downstream} that passes every signal on to another: extend it and override what an interceptor
 * observes or changes.
 *
 * <pre>{@code
 * Interceptor timing = (chain, downstream) -> {
 *   long start = System.nanoTime();
 *   return chain.proceed(chain.request(), new ForwardingDownstream(downstream) {
 *     @Override public void onComplete(ChatResponse response) {
 *       log.info("{} in {} ms", response.usage(), (System.nanoTime() - start) / 1_000_000);
 *       super.onComplete(response);
 *     }
 *   });
 * };
 * }</pre>
 *
 * @since 0.1
 */
public class ForwardingDownstream implements Downstream {
  private final Downstream delegate;

  /** Forwards to {@code delegate}. */
  public ForwardingDownstream(Downstream delegate) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
  }

  /** The downstream this forwards to. */
  protected final Downstream delegate() {
    return delegate;
  }

  @Override
  public void onChunk(StreamChunk chunk) {
    delegate.onChunk(chunk);
  }

  @Override
  public void onWarning(String warning) {
    delegate.onWarning(warning);
  }

  @Override
  public void onComplete(ChatResponse response) {
    delegate.onComplete(response);
  }

  @Override
  public void onError(RillException error) {
    delegate.onError(error);
  }
}
