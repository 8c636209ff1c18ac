package dev.rill.conformance.internal;

import java.util.Random;
import java.util.function.Consumer;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.RandomGenerator;
import net.jqwik.api.sessions.JqwikSession;

/**
 * Runs a property inside a rule: draws {@code tries} values from a jqwik {@link Arbitrary} in a
 * {@link JqwikSession} started with the run's seed, and checks each. The first failing value stops the run; the
 * failure names the seed and the try so {@code -Drill.conformance.seed=<seed>} replays it.
 */
public final class PropertyRun {
  private static final int GEN_SIZE = 1000;

  private PropertyRun() {}

  /**
   * Checks {@code property} on {@code tries} values of {@code arbitrary}.
   *
   * @throws AssertionError naming the seed, the try and the value when the property fails for one
   */
  public static <T> void check(String seed, int tries, Arbitrary<T> arbitrary, Consumer<T> property) {
    check(seed, tries, java.util.List.of(), arbitrary, property);
  }

  /**
   * Checks {@code property} on each of {@code examples} first (edge cases that must always be tried), then on
   * {@code tries} values of {@code arbitrary}.
   */
  public static <T> void check(String seed, int tries, java.util.List<T> examples, Arbitrary<T> arbitrary,
      Consumer<T> property) {
    for (T example : examples) {
      try {
        property.accept(example);
      } catch (AssertionError e) {
        throw new AssertionError("property failed on the edge case " + show(example) + ":\n" + e.getMessage(), e);
      }
    }
    synchronized (SESSION_LOCK) { // jqwik's session is global: one property run at a time
      runSession(seed, tries, arbitrary, property);
    }
  }

  private static final Object SESSION_LOCK = new Object();

  private static <T> void runSession(String seed, int tries, Arbitrary<T> arbitrary, Consumer<T> property) {
    JqwikSession.start(seed);
    try {
      Random random = JqwikSession.getRandom().orElseGet(() -> new Random(seed.hashCode()));
      RandomGenerator<T> generator = arbitrary.generator(GEN_SIZE, false);
      for (int i = 0; i < tries; i++) {
        T value = generator.next(random).value();
        try {
          property.accept(value);
        } catch (AssertionError e) {
          throw new AssertionError("property failed on try " + (i + 1) + " of " + tries + " (seed " + seed
              + ", replay with -Drill.conformance.seed=" + seed + ") for " + show(value) + ":\n" + e.getMessage(), e);
        }
      }
    } finally {
      JqwikSession.finish();
    }
  }

  private static String show(Object value) {
    String s = String.valueOf(value);
    return s.length() > 300 ? s.substring(0, 300) + "..." : s;
  }
}
