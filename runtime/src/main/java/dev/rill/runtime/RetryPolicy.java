package dev.rill.runtime;

import java.time.Duration;
import java.util.Objects;

/**
 * How the enhanced pipeline retries a transient failure that happened before any chunk reached the
 * subscriber: exponential back-off with jitter, capped attempts and a total time budget. A provider's
 * {@code Retry-After} (or its own reset headers, as the plugin reads them) replaces the back-off when given;
 * a delay that does not fit the remaining budget ends the retries.
 *
 * @param maxAttempts attempts per model spec, the first included (1 means no retry)
 * @param initialBackoff the first back-off
 * @param maxBackoff the longest single back-off
 * @param multiplier the growth factor between back-offs
 * @param jitter the random fraction (0 to 1) subtracted from each back-off, so clients spread out
 * @param budget the most time spent waiting across all retries of a call
 * @since 0.1
 */
public record RetryPolicy(
    int maxAttempts, Duration initialBackoff, Duration maxBackoff, double multiplier, double jitter, Duration budget) {

  /** No retries. */
  public static final RetryPolicy NONE =
      new RetryPolicy(1, Duration.ZERO, Duration.ZERO, 1, 0, Duration.ZERO);

  /** Three attempts, 500 ms doubling to 8 s, 20 % jitter, one minute in all. */
  public static final RetryPolicy DEFAULT =
      new RetryPolicy(3, Duration.ofMillis(500), Duration.ofSeconds(8), 2.0, 0.2, Duration.ofMinutes(1));

  /** Checks and normalises the components (see the class comment). */
  public RetryPolicy {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1");
    }
    Objects.requireNonNull(initialBackoff, "initialBackoff");
    Objects.requireNonNull(maxBackoff, "maxBackoff");
    Objects.requireNonNull(budget, "budget");
    if (multiplier < 1 || jitter < 0 || jitter > 1) {
      throw new IllegalArgumentException("multiplier must be >= 1 and jitter in [0, 1]");
    }
  }

  /** {@code attempts} attempts with the default back-off. */
  public static RetryPolicy attempts(int attempts) {
    return new RetryPolicy(attempts, DEFAULT.initialBackoff, DEFAULT.maxBackoff, DEFAULT.multiplier, DEFAULT.jitter,
        DEFAULT.budget);
  }

  /** A copy with other back-off bounds. */
  public RetryPolicy withBackoff(Duration initial, Duration max) {
    return new RetryPolicy(maxAttempts, initial, max, multiplier, jitter, budget);
  }

  /** A copy with another budget. */
  public RetryPolicy withBudget(Duration total) {
    return new RetryPolicy(maxAttempts, initialBackoff, maxBackoff, multiplier, jitter, total);
  }

  /** The back-off before retry number {@code retry} (1 for the first retry), before jitter. */
  public Duration backoff(int retry) {
    double nanos = initialBackoff.toNanos() * Math.pow(multiplier, Math.max(0, retry - 1));
    long capped = (long) Math.min(nanos, maxBackoff.toNanos());
    return Duration.ofNanos(Math.max(0, capped));
  }
}
