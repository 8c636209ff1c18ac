package dev.rill.conformance;

import dev.rill.conformance.rules.RuleId;
import dev.rill.testkit.property.Seed;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Properties;

/**
 * The knobs of a conformance run: timeouts, property tries, the property seed and which rules to run. Like the
 * Reactive Streams TCK's {@code TestEnvironment}: defaults that suit a laptop and CI, overridable through system
 * properties, so a slow machine or a failing seed needs no code change.
 *
 * <table>
 *   <caption>System properties</caption>
 *   <tr><th>property</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>{@code rill.conformance.timeout-millis}</td><td>10000</td><td>the longest wait for a signal that must come</td></tr>
 *   <tr><td>{@code rill.conformance.quiet-millis}</td><td>200</td><td>how long to watch for a signal that must not come</td></tr>
 *   <tr><td>{@code rill.conformance.decode-timeout-millis}</td><td>2000</td><td>the longest an offline decode may take before it counts as a hang</td></tr>
 *   <tr><td>{@code rill.conformance.tries}</td><td>50</td><td>tries per property rule</td></tr>
 *   <tr><td>{@code rill.conformance.seed}</td><td>random</td><td>the seed of the property rules: {@code <run>} replays a run, {@code <run>:<case>} one failing case (the failure names it)</td></tr>
 *   <tr><td>{@code rill.conformance.tck-timeout-millis}</td><td>300</td><td>the Reactive Streams TCK's default timeout</td></tr>
 *   <tr><td>{@code rill.conformance.skip-stochastic}</td><td>false</td><td>skip stochastic rules</td></tr>
 *   <tr><td>{@code rill.conformance.rules}</td><td>(all)</td><td>comma-separated rule-id prefixes to run, e.g. {@code W1,S2.8}; {@code -L4.1} excludes</td></tr>
 * </table>
 *
 * @since 0.1
 */
public final class ConformanceEnvironment {
  /** The system-property prefix. */
  public static final String PREFIX = "rill.conformance.";

  private final Duration timeout;
  private final Duration quiet;
  private final Duration decodeTimeout;
  private final int tries;
  private final String seed;
  private final long tckTimeoutMillis;
  private final boolean skipStochastic;
  private final List<String> selection;

  private ConformanceEnvironment(Duration timeout, Duration quiet, Duration decodeTimeout, int tries, String seed,
      long tckTimeoutMillis, boolean skipStochastic, List<String> selection) {
    this.timeout = requirePositive(timeout, "timeout");
    this.quiet = requirePositive(quiet, "quiet");
    this.decodeTimeout = requirePositive(decodeTimeout, "decodeTimeout");
    if (tries < 1) {
      throw new IllegalArgumentException("tries must be at least 1: " + tries);
    }
    this.tries = tries;
    this.seed = Seed.parse(Objects.requireNonNull(seed, "seed")).toString();
    this.tckTimeoutMillis = tckTimeoutMillis;
    this.skipStochastic = skipStochastic;
    this.selection = List.copyOf(selection);
  }

  /** The defaults, overridden by the {@code rill.conformance.*} system properties. */
  public static ConformanceEnvironment fromSystemProperties() {
    return from(System.getProperties());
  }

  /** The defaults, overridden by {@code rill.conformance.*} entries of {@code p}. */
  public static ConformanceEnvironment from(Properties p) {
    String seed = p.getProperty(PREFIX + "seed");
    if (seed == null || seed.isBlank()) {
      seed = Seed.random().toString();
    }
    try {
      Seed.parse(seed);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("system property " + PREFIX + "seed: " + e.getMessage(), e);
    }
    String rules = p.getProperty(PREFIX + "rules", "");
    List<String> selection = rules.isBlank() ? List.of()
        : Arrays.stream(rules.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    return new ConformanceEnvironment(
        Duration.ofMillis(number(p, "timeout-millis", 10_000)),
        Duration.ofMillis(number(p, "quiet-millis", 200)),
        Duration.ofMillis(number(p, "decode-timeout-millis", 2_000)),
        (int) number(p, "tries", 50),
        seed.strip(),
        number(p, "tck-timeout-millis", 300),
        Boolean.parseBoolean(p.getProperty(PREFIX + "skip-stochastic", "false")),
        selection);
  }

  private static long number(Properties p, String name, long fallback) {
    String v = p.getProperty(PREFIX + name);
    if (v == null || v.isBlank()) {
      return fallback;
    }
    try {
      return Long.parseLong(v.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("system property " + PREFIX + name + " must be a number: '" + v + "'", e);
    }
  }

  private static Duration requirePositive(Duration d, String name) {
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be positive: " + d);
    }
    return d;
  }

  /** The longest wait for a signal that must come. */
  public Duration timeout() { return timeout; }

  /** How long to watch for a signal that must not come. */
  public Duration quiet() { return quiet; }

  /** The longest an offline decode may take before it counts as a hang. */
  public Duration decodeTimeout() { return decodeTimeout; }

  /** Tries per property rule. */
  public int tries() { return tries; }

  /**
   * The seed every property rule of this run starts from: {@code <run>}, or {@code <run>:<case>} to run only that
   * case of each property (how a failure's own seed replays it).
   */
  public String seed() { return seed; }

  /** The Reactive Streams TCK's default timeout, in milliseconds. */
  public long tckTimeoutMillis() { return tckTimeoutMillis; }

  /** Whether stochastic rules are skipped. */
  public boolean skipStochastic() { return skipStochastic; }

  /** The rule-id prefixes to run; empty means every rule. */
  public List<String> selection() { return selection; }

  /**
   * Whether the run selects {@code id}: {@code W1} selects W1.1 to W1.11, {@code W1.1} only W1.1, {@code W} the whole
   * group, and a leading {@code -} excludes ({@code -L4.1} runs everything but the Reactive Streams TCK).
   */
  public boolean selects(RuleId id) {
    if (selection.isEmpty()) {
      return true;
    }
    String s = id.toString();
    boolean anyInclusion = false;
    for (String prefix : selection) {
      if (prefix.startsWith("-") && matches(s, prefix.substring(1))) {
        return false;
      }
      anyInclusion |= !prefix.startsWith("-");
    }
    if (!anyInclusion) {
      return true;
    }
    for (String prefix : selection) {
      if (!prefix.startsWith("-") && matches(s, prefix)) {
        return true;
      }
    }
    return false;
  }

  private static boolean matches(String s, String prefix) {
    {
      boolean groupOnly = prefix.length() == 1 && Character.isLetter(prefix.charAt(0));
      return s.equals(prefix) || s.startsWith(prefix + ".") || (groupOnly && s.charAt(0) == prefix.charAt(0));
    }
  }

  /** A copy with another number of tries per property. */
  public ConformanceEnvironment withTries(int value) {
    return new ConformanceEnvironment(timeout, quiet, decodeTimeout, value, seed, tckTimeoutMillis, skipStochastic,
        selection);
  }

  /** A copy with another seed. */
  public ConformanceEnvironment withSeed(String value) {
    return new ConformanceEnvironment(timeout, quiet, decodeTimeout, tries, value, tckTimeoutMillis, skipStochastic,
        selection);
  }

  /** A copy that runs only the rules whose ids start with one of {@code prefixes}. */
  public ConformanceEnvironment withSelection(List<String> prefixes) {
    return new ConformanceEnvironment(timeout, quiet, decodeTimeout, tries, seed, tckTimeoutMillis, skipStochastic,
        prefixes);
  }

  /** A copy that skips (or runs) stochastic rules, with the Reactive Streams TCK timeout {@code tckMillis}. */
  public ConformanceEnvironment withStochastic(boolean skip, long tckMillis) {
    return new ConformanceEnvironment(timeout, quiet, decodeTimeout, tries, seed, tckMillis, skip, selection);
  }

  /** A copy with other timeouts. */
  public ConformanceEnvironment withTimeouts(Duration timeout, Duration quiet, Duration decodeTimeout) {
    return new ConformanceEnvironment(timeout, quiet, decodeTimeout, tries, seed, tckTimeoutMillis, skipStochastic,
        selection);
  }

  @Override
  public String toString() {
    return "ConformanceEnvironment[timeout=" + timeout.toMillis() + "ms, quiet=" + quiet.toMillis()
        + "ms, decodeTimeout=" + decodeTimeout.toMillis() + "ms, tries=" + tries + ", seed=" + seed
        + ", tckTimeout=" + tckTimeoutMillis + "ms, skipStochastic=" + skipStochastic
        + (selection.isEmpty() ? "" : ", rules=" + selection) + "]";
  }
}
