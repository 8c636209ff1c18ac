package dev.rill.runtime.internal.chain;

import dev.rill.api.RillException;
import dev.rill.runtime.Downstream;
import dev.rill.runtime.Interceptor;
import dev.rill.runtime.RetryPolicy;
import dev.rill.runtime.Upstream;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Retries a transient failure of the same model spec before any chunk went down: exponential back-off with jitter,
 * or the provider's {@code Retry-After} when it gave one; at most {@link RetryPolicy#maxAttempts()} attempts, and
 * never waiting longer in all than the policy's budget.
 *
 * @param policy the retry policy
 */
public record Retry(RetryPolicy policy) implements Interceptor {

  @Override
  public Upstream intercept(Chain chain, Downstream downstream) {
    RealChain first = (RealChain) chain;
    return new AttemptLoop(downstream) {
      private int attempt = 1;
      private long waitedNanos;

      @Override
      Next next(RillException failure) {
        if (attempt >= policy.maxAttempts()) {
          return null;
        }
        Duration delay = delay(failure);
        if (delay.toNanos() > policy.budget().toNanos() - waitedNanos) {
          return null;
        }
        waitedNanos += delay.toNanos();
        int failed = attempt;
        attempt++;
        RealChain next = first.withAttempt(attempt);
        return new Next(next, chain.request(), delay,
            () -> chain.listener().onRetry(first.withAttempt(failed).call(), failed + 1, delay, failure));
      }

      private Duration delay(RillException e) {
        if (e.retryAfter().isPresent()) {
          return e.retryAfter().get();
        }
        Duration base = policy.backoff(attempt);
        double cut = policy.jitter() <= 0 ? 0 : ThreadLocalRandom.current().nextDouble(policy.jitter());
        return Duration.ofNanos((long) (base.toNanos() * (1 - cut)));
      }
    }.start(first, chain.request());
  }
}
