package dev.rill.conformance.rules;

/**
 * How a rule is checked.
 *
 * @since 0.1
 */
public enum Check {
  /** A golden transcript or a fixture derived from one, decoded offline or replayed over loopback HTTP. */
  F,
  /**
   * A property: generated inputs (the testkit's seeded property runner), reproducible from the reported seed, a
   * failure shrunk to its smallest case.
   */
  P,
  /** A stateful scenario through the runtime: demand, cancel and timing driven step by step. */
  ST,
  /** The official Reactive Streams TCK. */
  RS,
  /** A JMH benchmark, run by {@code rill certify}. */
  J
}
