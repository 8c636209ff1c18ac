package dev.rill.conformance.internal;

/**
 * The implementation of one catalogue rule. It returns normally when the rule holds, throws an
 * {@link AssertionError} saying what broke it, or aborts with {@code Assumptions.abort(reason)} when the plugin
 * ships nothing the rule can be checked on.
 */
@FunctionalInterface
public interface RuleCheck {
  /** Checks the rule against the plugin in {@code context}. */
  void check(RuleContext context) throws Exception;
}
