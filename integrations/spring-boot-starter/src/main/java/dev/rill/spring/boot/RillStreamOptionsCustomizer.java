package dev.rill.spring.boot;

import dev.rill.runtime.StreamOptions;

/**
 * A bean that adjusts the auto-configured client's default {@link StreamOptions} after the {@code rill.mode} and
 * {@code rill.stream.*} properties and the {@code StreamListener} beans were applied: a fallback list, a malformed
 * event policy, a wire tap. Customizers run in {@code @Order}.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface RillStreamOptionsCustomizer {
  /** Adjusts {@code builder}. */
  void customize(StreamOptions.Builder builder);
}
