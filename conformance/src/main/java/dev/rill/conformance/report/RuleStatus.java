package dev.rill.conformance.report;

/**
 * The outcome of one rule for one plugin.
 *
 * @since 0.1
 */
public enum RuleStatus {
  /** The rule was checked and holds. */
  PASS,
  /** A required or stochastic rule was checked and does not hold: the plugin is not certified. */
  FAIL,
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
