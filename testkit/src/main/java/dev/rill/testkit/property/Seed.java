package dev.rill.testkit.property;

import java.util.SplittableRandom;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The seed of a property run, written {@code <run>} (every case of the run) or {@code <run>:<case>} (that case
 * only). Case {@code i} of a run draws from its own random source derived from the run and {@code i}, so a case
 * replays alone, exactly as it ran among the others.
 *
 * @param run the run's number
 * @param only the one case to run (1-based), or 0 for every case
 */
public record Seed(long run, int only) {
  /** The system property that replays a run or one case of it in plain tests: {@code -Drill.property.seed=...}. */
  public static final String PROPERTY = "rill.property.seed";

  private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

  /** Checks and normalises the components (see the class comment). */
  public Seed {
    if (only < 0) {
      throw new IllegalArgumentException("a seed's case number must not be negative: " + only);
    }
  }

  /** A new random seed for a whole run. */
  public static Seed random() {
    return new Seed(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE, 0);
  }

  /**
   * Reads {@code 8135093} or {@code 8135093:17}.
   *
   * @throws IllegalArgumentException naming the expected form when {@code text} is neither
   */
  public static Seed parse(String text) {
    String s = text.strip();
    int colon = s.indexOf(':');
    try {
      if (colon < 0) {
        return new Seed(Long.parseLong(s), 0);
      }
      int only = Integer.parseInt(s.substring(colon + 1));
      if (only < 1) {
        throw new IllegalArgumentException("case numbers start at 1: '" + text + "'");
      }
      return new Seed(Long.parseLong(s.substring(0, colon)), only);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("a seed is <run> or <run>:<case> with decimal numbers, e.g. 8135093 or "
          + "8135093:17; got '" + text + "'", e);
    }
  }

  /** The seed in {@code -Drill.property.seed}, or a new random one when it is not set. */
  public static Seed fromSystemProperty() {
    String s = System.getProperty(PROPERTY);
    return s == null || s.isBlank() ? random() : parse(s);
  }

  /** The seed that runs only case {@code number} of this run. */
  public Seed onlyCase(int number) {
    return new Seed(run, number);
  }

  /** Whether this seed runs one case only. */
  public boolean isOneCase() {
    return only > 0;
  }

  /** The random source of case {@code number} (1-based) of this run. */
  SplittableRandom caseRandom(int number) {
    return new SplittableRandom(mix(run + number * GOLDEN_GAMMA));
  }

  /** {@code <run>} or {@code <run>:<case>}, as {@link #parse} reads it. */
  @Override
  public String toString() {
    return only == 0 ? Long.toString(run) : run + ":" + only;
  }

  private static long mix(long z) { // Stafford's variant 13 of MurmurHash3's finaliser, as SplittableRandom uses
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
