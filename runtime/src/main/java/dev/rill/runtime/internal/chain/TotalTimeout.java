package dev.rill.runtime.internal.chain;

import dev.rill.api.ChatResponse;
import dev.rill.api.ErrorKind;
import dev.rill.api.RillException;
import dev.rill.api.TimeoutPhase;
import dev.rill.runtime.Downstream;
import dev.rill.runtime.ForwardingDownstream;
import dev.rill.runtime.Interceptor;
import dev.rill.runtime.Upstream;
import java.time.Duration;
import java.util.concurrent.Future;

/**
 * Bounds the whole call, retries and fallbacks included: when {@code timeout} passes, the call is aborted with
 * {@code TIMEOUT} ({@code TOTAL}), which is never retried, keeping the partial response.
 *
 * @param timeout the limit
 */
public record TotalTimeout(Duration timeout) implements Interceptor {

  @Override
  public Upstream intercept(Chain chain, Downstream downstream) {
    Future<?>[] timer = new Future<?>[1];
    Upstream upstream = chain.proceed(chain.request(), new ForwardingDownstream(downstream) {
      @Override
      public void onComplete(ChatResponse response) {
        stop(timer);
        super.onComplete(response);
      }

      @Override
      public void onError(RillException error) {
        stop(timer);
        super.onError(error);
      }
    });
    String provider = chain.call().provider();
    String model = chain.call().model();
    synchronized (timer) {
      timer[0] = chain.schedule(timeout, () -> upstream.abort(RillException.builder(ErrorKind.TIMEOUT)
          .timeoutPhase(TimeoutPhase.TOTAL).provider(provider).model(model).retryable(false)
          .message("the call took longer than " + timeout.toMillis() + " ms in all").build()));
    }
    return new Upstream() {
      @Override public void request(long n) { upstream.request(n); }
      @Override public void cancel() { stop(timer); upstream.cancel(); }
      @Override public void abort(RillException reason) { stop(timer); upstream.abort(reason); }
    };
  }

  private static void stop(Future<?>[] timer) {
    synchronized (timer) {
      if (timer[0] != null) {
        timer[0].cancel(false);
      }
    }
  }
}
