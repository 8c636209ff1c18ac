package dev.rill.spring.boot;

import dev.rill.runtime.Rill;

/**
 * A bean that adjusts the auto-configured client's builder after the {@code rill.*} properties were applied: register
 * a provider, add an interceptor, set a delivery executor or a clock. Customizers run in {@code @Order}.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface RillBuilderCustomizer {
  /** Adjusts {@code builder}. */
  void customize(Rill.Builder builder);
}
