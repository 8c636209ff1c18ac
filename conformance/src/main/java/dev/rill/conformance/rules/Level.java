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
  /** May give a false pass (races, timing); can be switched off with {@code rill.conformance.skip-stochastic}. */
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
