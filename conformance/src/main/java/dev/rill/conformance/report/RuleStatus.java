package dev.rill.conformance.report;

/**
 * The outcome of one rule for one plugin.
 *
 * @since 0.1
 */
public enum RuleStatus {
  /** The rule was checked and holds. */
  PASS,
  /**
   * A required rule was checked and does not hold, or a stochastic timed rule measured beyond its regression bound
   * (far outside noise) in every measurement: the plugin is not certified.
   */
  FAIL,
  /**
   * A stochastic timed rule (P5.1, P5.3, P5.4) missed its bound but stayed inside its regression bound: reported with
   * its figures and never blocking certification on its own, as the Reactive Streams TCK reports its stochastic tests
   * (another process on a shared machine can slow one side of a timed comparison).
   */
  STOCHASTIC_MISS,
  /** The plugin does not declare the capability or framing the rule needs. */
  SKIPPED_CAPABILITY,
  /** The plugin declares what the rule needs but ships nothing the rule can be checked on (e.g. no error golden). */
  SKIPPED_NOT_APPLICABLE,
  /** An optional rule does not hold; reported, never a failure. */
  SKIPPED_OPTIONAL,
  /** The rule is listed in the catalogue but not checked yet (see its reason). */
  SKIPPED_UNTESTED,
  /** The run was restricted with {@code rill.conformance.rules} and did not select the rule. */
  SKIPPED_NOT_SELECTED;

  /** Whether this status blocks certification. */
  public boolean blocksCertification() {
    return this == FAIL;
  }
}
