package dev.rill.runtime.internal.chain;

import dev.rill.api.ChatResponse;
import dev.rill.api.RillException;
import dev.rill.api.StreamChunk;
import dev.rill.runtime.Downstream;
import dev.rill.runtime.ForwardingDownstream;
import dev.rill.runtime.Interceptor;
import dev.rill.runtime.StreamListener;
import dev.rill.runtime.Upstream;
import dev.rill.runtime.internal.call.CallState;
import java.time.Duration;

/**
 * Tells the call's {@link StreamListener}s what happens: the start, the first chunk with output, every chunk,
 * warnings and the one outcome (retries, fallbacks and pool waits are reported by the layers that see them). It
 * sits above every other built-in, so the outcome it reports is the call's; a subscriber's own cancel, silent
 * downstream, reaches the listeners as {@code CANCELLED}.
 */
public final class ListenerInterceptor implements Interceptor {

  @Override
  public Upstream intercept(Chain chain, Downstream downstream) {
    StreamListener listener = chain.listener();
    CallState state = ((RealChain) chain).state();
    long start = System.nanoTime();
    listener.onStart(chain.call());
    java.util.concurrent.atomic.AtomicBoolean outcome = new java.util.concurrent.atomic.AtomicBoolean();
    Upstream upstream = chain.proceed(chain.request(), new ForwardingDownstream(downstream) {
      private boolean firstSeen;

      @Override
      public void onChunk(StreamChunk chunk) {
        if (!firstSeen && chunk.hasOutput()) {
          firstSeen = true;
          listener.onFirstChunk(state.current(), Duration.ofNanos(System.nanoTime() - start));
        }
        listener.onChunk(state.current(), chunk);
        super.onChunk(chunk);
      }

      @Override
      public void onWarning(String warning) {
        listener.onWarning(state.current(), warning);
        super.onWarning(warning);
      }

      @Override
      public void onComplete(ChatResponse response) {
        if (outcome.compareAndSet(false, true)) {
          listener.onComplete(state.current(), response);
        }
        super.onComplete(response);
      }

      @Override
      public void onError(RillException error) {
        RillException e = error.attempts() < state.attempts()
            ? error.toBuilder().attempts(state.attempts()).build() : error;
        if (outcome.compareAndSet(false, true)) {
          listener.onError(state.current(), e);
        }
        super.onError(e);
      }
    });
    // A subscriber's own cancel is silent downstream, but the listeners still hear one outcome (a metric or a
    // span must end): CANCELLED, once, unless the call already had its outcome.
    return new Upstream() {
      @Override public void request(long n) { upstream.request(n); }
      @Override public void abort(RillException reason) { upstream.abort(reason); }

      @Override
      public void cancel() {
        upstream.cancel();
        if (outcome.compareAndSet(false, true)) {
          listener.onError(state.current(), RillException.builder(dev.rill.api.ErrorKind.CANCELLED)
              .provider(state.current().provider()).model(state.current().model()).retryable(false)
              .attempts(state.attempts()).message("the subscriber cancelled the stream").build());
        }
      }
    };
  }
}
