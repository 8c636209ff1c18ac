package dev.rill.conformance.internal;

import dev.rill.conformance.ConformanceEnvironment;
import dev.rill.testkit.property.Gen;
import dev.rill.testkit.property.Property;
import dev.rill.testkit.property.PropertyFailure;
import dev.rill.testkit.property.Seed;
import java.time.Duration;
import java.util.List;

/**
 * Runs a property inside a rule with the testkit's property runner ({@link Property}): the edge cases first, then
 * {@code tries} values of a generator drawn from the run's seed ({@link ConformanceEnvironment#seed()}). A failure is
 * shrunk to its smallest case (a split to fewer cuts, a fuzzed body to fewer mutations) and names that case's seed:
 * {@code -Drill.conformance.seed=<run>:<case>} replays it alone, and the rule's report line carries it.
 */
public final class PropertyRun {
  /** At most this many replays while shrinking a failure... */
  static final int SHRINK_RUNS = 500;
  /** ...and at most this long: a hang (rule E3.7) costs a decode timeout per replay. */
  static final Duration SHRINK_TIME = Duration.ofSeconds(10);

  private PropertyRun() {}

  /**
   * Checks {@code property} on each of {@code examples} (edge cases every run tries), then on {@code tries} values
   * of {@code gen}, and records the seed for the rule's report.
   *
   * @throws PropertyFailure naming the seed of the failing case and its smallest value
   */
  public static <T> void check(RuleContext ctx, int tries, List<T> examples, Gen<T> gen,
      Property.Check<? super T> property) {
    Seed seed = Seed.parse(ctx.environment().seed());
    ctx.usedSeed(seed.toString());
    try {
      Property.forAll(gen).tries(tries).examples(examples).seed(seed)
          .replayWith(ConformanceEnvironment.PREFIX + "seed").shrinking(SHRINK_RUNS, SHRINK_TIME).check(property);
    } catch (PropertyFailure f) {
      if (f.seed() != null) {
        ctx.usedSeed(f.seed().toString());
      }
      throw f;
    }
  }
}
