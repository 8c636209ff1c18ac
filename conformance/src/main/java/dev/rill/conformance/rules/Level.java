package dev.rill.conformance.rules;

import java.util.Locale;

/**
 * How binding a rule is, as in the Reactive Streams TCK. The level is the first part of every generated test
 * name ({@code required_W1_6_sentinelMatchedExactly}).
 *
 * @since 0.1
 */
public enum Level {
  /** MUST: a failure blocks certification. */
  REQUIRED,
  /** SHOULD or MAY: a failure is reported as skipped-optional, never as a failure. */
  OPTIONAL,
  /**
   * Left partly to chance, as the Reactive Streams TCK's {@code stochastic_} tests: a race that may go unobserved (a
   * pass may be false; a failure is real and blocks certification), or a time measured on a shared machine (a miss
   * may be noise: reported as {@code STOCHASTIC_MISS} with its figures, never blocking certification on its own; only
   * a result beyond the rule's regression bound fails). The rule's reason says which. Can be switched off with
   * {@code rill.conformance.skip-stochastic}.
   */
  STOCHASTIC,
  /** Listed with the reason it is not checked yet; always reported as skipped-untested. */
  UNTESTED;

  /** The lower-case name used in the catalogue and in test names. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The level named {@code label} (case-insensitive). */
  public static Level of(String label) {
    for (Level l : values()) {
      if (l.label().equalsIgnoreCase(label.strip())) {
        return l;
      }
    }
    throw new IllegalArgumentException("unknown level '" + label + "' (required, optional, stochastic, untested)");
  }
}
