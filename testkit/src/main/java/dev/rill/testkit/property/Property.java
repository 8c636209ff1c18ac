package dev.rill.testkit.property;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A property check: a generator, a number of cases and the property each value must have. Runs the edge cases given
 * with {@link #examples} first, then {@link #tries} generated cases; on the first failure it shrinks the failing case
 * and throws a {@link PropertyFailure} that names the seed, the first and the smallest failing value, and how to
 * replay that case alone. Quiet when the property holds.
 *
 * <pre>{@code
 * Property.forAll(Partitions.of(body)).tries(200).check(p -> assertSameChunks(body, p));
 * }</pre>
 *
 * <p>The seed comes from {@link #seed(Seed)}, else from {@code -Drill.property.seed=<run>[:<case>]}, else it is new
 * for each run. Immutable: each setter returns a copy.
 *
 * @param <T> the type of the values
 */
public final class Property<T> {
  /** The most choices one case may draw. */
  static final int CHOICE_LIMIT = 1 << 20;

  /** The property itself: returns normally when {@code value} has it, throws (an assertion) when not. */
  @FunctionalInterface
  public interface Check<T> {
    /** Checks one value. */
    void check(T value) throws Exception;
  }

  private final Gen<T> gen;
  private final int tries;
  private final List<T> examples;
  private final Seed seed;
  private final String replayProperty;
  private final int shrinkRuns;
  private final Duration shrinkTime;

  private Property(Gen<T> gen, int tries, List<T> examples, Seed seed, String replayProperty, int shrinkRuns,
      Duration shrinkTime) {
    this.gen = Objects.requireNonNull(gen, "gen");
    if (tries < 1) {
      throw new IllegalArgumentException("tries must be at least 1: " + tries);
    }
    this.tries = tries;
    this.examples = List.copyOf(examples);
    this.seed = seed;
    this.replayProperty = Objects.requireNonNull(replayProperty, "replayProperty");
    this.shrinkRuns = shrinkRuns;
    this.shrinkTime = Objects.requireNonNull(shrinkTime, "shrinkTime");
  }

  /** A check of the values of {@code gen}: 100 cases, at most 2000 shrinking runs in at most 30 seconds. */
  public static <T> Property<T> forAll(Gen<T> gen) {
    return new Property<>(gen, 100, List.of(), null, Seed.PROPERTY, 2000, Duration.ofSeconds(30));
  }

  /** A copy that checks {@code n} generated cases. */
  public Property<T> tries(int n) {
    return new Property<>(gen, n, examples, seed, replayProperty, shrinkRuns, shrinkTime);
  }

  /** A copy that first checks each of {@code values} (edge cases that every run must meet; not shrunk). */
  public Property<T> examples(List<? extends T> values) {
    return new Property<>(gen, tries, List.copyOf(values), seed, replayProperty, shrinkRuns, shrinkTime);
  }

  /** A copy that runs with {@code value} whatever the system property says. */
  public Property<T> seed(Seed value) {
    return new Property<>(gen, tries, examples, Objects.requireNonNull(value, "seed"), replayProperty, shrinkRuns,
        shrinkTime);
  }

  /** A copy whose failure message tells to replay with {@code -D<systemProperty>=<seed>} (the kit's own knob). */
  public Property<T> replayWith(String systemProperty) {
    return new Property<>(gen, tries, examples, seed, systemProperty, shrinkRuns, shrinkTime);
  }

  /** A copy that stops shrinking after {@code maxRuns} replays or {@code maxTime}, whichever comes first. */
  public Property<T> shrinking(int maxRuns, Duration maxTime) {
    return new Property<>(gen, tries, examples, seed, replayProperty, maxRuns, maxTime);
  }

  /**
   * Checks the property.
   *
   * @throws PropertyFailure when a value does not have it
   */
  public void check(Check<? super T> property) {
    Seed run = seed != null ? seed : Seed.fromSystemProperty();
    if (!run.isOneCase()) {
      for (int i = 0; i < examples.size(); i++) {
        T value = examples.get(i);
        Throwable failure = failure(property, value);
        if (failure != null) {
          throw new PropertyFailure("Property failed on edge case " + (i + 1) + " of " + examples.size() + " (edge "
              + "cases run first, whatever the seed): " + Show.value(value) + "\nFailure (the cause below): "
              + firstLine(failure), null, value, failure);
        }
      }
    }
    int first = run.isOneCase() ? run.only() : 1;
    int last = run.isOneCase() ? run.only() : tries;
    for (int i = first; i <= last; i++) {
      Choices choices = Choices.generating(run.caseRandom(i), CHOICE_LIMIT);
      T value = gen.generate(choices);
      Throwable failure = failure(property, value);
      if (failure != null) {
        throw shrunk(run, i, new Shrinker.Attempt<>(choices.drawn(), value, failure), property);
      }
    }
  }

  private PropertyFailure shrunk(Seed run, int number, Shrinker.Attempt<T> first, Check<? super T> property) {
    Shrinker<T> shrinker = new Shrinker<>(choices -> {
      Choices replay = Choices.replaying(choices, CHOICE_LIMIT);
      T value;
      try {
        value = gen.generate(replay);
      } catch (Choices.Overrun e) {
        return null;
      }
      return new Shrinker.Attempt<>(replay.drawn(), value, failure(property, value));
    }, first, shrinkRuns, shrinkTime.toNanos());
    Shrinker.Attempt<T> smallest = shrinker.shrink();
    Seed one = run.onlyCase(number);
    String where = run.isOneCase() ? "case " + one : "case " + number + " of " + tries + " (seed " + run.run() + ")";
    StringBuilder m = new StringBuilder("Property failed on ").append(where).append(".\n");
    if (smallest == first) {
      m.append("Failing value (no smaller one found in ").append(shrinker.runs()).append(" runs): ")
          .append(Show.value(first.value())).append('\n');
    } else {
      m.append("Smallest failing value (").append(shrinker.shrinks()).append(" shrinks in ").append(shrinker.runs())
          .append(" runs").append(shrinker.exhausted() ? ", stopped at the limit" : "").append("): ")
          .append(Show.value(smallest.value())).append('\n');
      m.append("First failing value: ").append(Show.value(first.value())).append('\n');
    }
    m.append("Replay this case alone: -D").append(replayProperty).append('=').append(one);
    if (!run.isOneCase()) {
      m.append("  (the whole run: -D").append(replayProperty).append('=').append(run.run()).append(')');
    }
    m.append("\nFailure (the cause below): ").append(firstLine(smallest.failure()));
    return new PropertyFailure(m.toString(), one, smallest.value(), smallest.failure());
  }

  /** The failure's type and the first non-blank line of its message. */
  private static String firstLine(Throwable t) {
    String message = t.getMessage() == null ? "" : t.getMessage().strip();
    int end = message.indexOf('\n');
    String first = end < 0 ? message : message.substring(0, end).strip() + " ...";
    return t.getClass().getName() + (first.isEmpty() ? "" : ": " + first);
  }

  private static <T> Throwable failure(Check<? super T> property, T value) {
    try {
      property.check(value);
      return null;
    } catch (VirtualMachineError e) {
      throw e;
    } catch (Throwable t) {
      return t;
    }
  }
}
