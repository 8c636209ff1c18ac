package dev.rill.runtime;

import dev.rill.runtime.internal.chain.Fallback;
import dev.rill.runtime.internal.chain.ResponseChecks;
import dev.rill.runtime.internal.chain.Retry;
import dev.rill.runtime.internal.chain.TotalTimeout;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The built-in {@link Interceptor}s. {@link StreamOptions} assembles them from its settings (the enhanced pipeline
 * is a preset of them); add one to a basic chain, or order your own between them, with
 * {@link StreamOptions.Builder#interceptor}.
 *
 * <pre>{@code
 * StreamOptions options = StreamOptions.basicBuilder()
 *     .interceptor(Interceptors.retry(RetryPolicy.attempts(2)))
 *     .build();
 * }</pre>
 *
 * @since 0.1
 */
public final class Interceptors {
  private Interceptors() {}

  /** Retries transient failures before any output (see {@link RetryPolicy}). */
  public static Interceptor retry(RetryPolicy policy) {
    return new Retry(Objects.requireNonNull(policy, "policy"));
  }

  /** Moves on to these model specs, in order, when the call fails transiently before any output. */
  public static Interceptor fallback(String... specs) {
    return new Fallback(List.of(specs));
  }

  /** Fails the call with {@code TIMEOUT} ({@code TOTAL}) after {@code timeout}, retries included. */
  public static Interceptor totalTimeout(Duration timeout) {
    return new TotalTimeout(positive(timeout));
  }

  /** Fails an attempt with {@code TIMEOUT} ({@code FIRST_CHUNK}) when no chunk with output came within it. */
  public static Interceptor firstChunkTimeout(Duration timeout) {
    Duration t = positive(timeout);
    return (chain, downstream) -> chain.withFirstChunkTimeout(t).proceed(chain.request(), downstream);
  }

  /** Fails an attempt with {@code TIMEOUT} ({@code IDLE}) after this much silence once output started. */
  public static Interceptor idleTimeout(Duration timeout) {
    Duration t = positive(timeout);
    return (chain, downstream) -> chain.withIdleTimeout(t).proceed(chain.request(), downstream);
  }

  /** Attaches {@link dev.rill.api.ChunkMetadata} to every chunk. */
  public static Interceptor metadata() {
    return (chain, downstream) -> chain.withMetadata(true).proceed(chain.request(), downstream);
  }

  /** Applies {@code policy} to events the plugin cannot read. */
  public static Interceptor malformedEvents(MalformedEventPolicy policy) {
    Objects.requireNonNull(policy, "policy");
    return (chain, downstream) -> chain.withMalformedEvents(policy).proceed(chain.request(), downstream);
  }

  /** Shows the exchange's raw bytes to {@code tap}. */
  public static Interceptor wireTap(WireTap tap) {
    Objects.requireNonNull(tap, "tap");
    return (chain, downstream) -> chain.withWireTap(tap).proceed(chain.request(), downstream);
  }

  /**
   * Adds continuity warnings (no finish reason, tool arguments that are not JSON, a LENGTH finish) and the call's
   * timing to the response; with {@code lengthIsError}, a LENGTH finish fails the call with {@code TRUNCATED}.
   */
  public static Interceptor responseChecks(boolean continuityWarnings, boolean lengthIsError) {
    return new ResponseChecks(continuityWarnings, lengthIsError);
  }

  private static Duration positive(Duration d) {
    Objects.requireNonNull(d, "timeout");
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException("a timeout must be positive: " + d);
    }
    return d;
  }
}
