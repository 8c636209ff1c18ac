package dev.rill.testkit.property;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.ToLongFunction;

/**
 * The source a {@link Gen} draws from: a sequence of non-negative numbers, each in a range the generator names.
 * While a case is generated, each number is proposed by the generator from a seeded {@link SplittableRandom} (so it
 * can favour edge values) and recorded; while a case is replayed or shrunk, the recorded numbers are read back (a
 * number larger than the range asks for is clamped, and past the end every number is 0). A value is a function of its
 * numbers alone, so a smaller sequence (fewer or smaller numbers) gives a simpler value: that is what shrinking
 * searches for, whatever the generator.
 *
 * <p>Not thread-safe: one instance per generated case.
 */
public final class Choices {
  /** Thrown when a case asks for more numbers than a case may hold; the runner treats that case as invalid. */
  static final class Overrun extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Overrun() {
      super("more than the allowed number of choices", null, false, false);
    }
  }

  private static final SplittableRandom REPLAY = new SplittableRandom(0);

  private final SplittableRandom random;
  private final long[] prefix;
  private final int limit;
  private long[] drawn = new long[32];
  private int size;

  private Choices(SplittableRandom random, long[] prefix, int limit) {
    this.random = random;
    this.prefix = prefix;
    this.limit = limit;
  }

  /** Choices proposed by the generators from {@code random}. */
  static Choices generating(SplittableRandom random, int limit) {
    return new Choices(random, new long[0], limit);
  }

  /** Choices read back from {@code recorded}. */
  static Choices replaying(long[] recorded, int limit) {
    return new Choices(null, recorded, limit);
  }

  /** A number in {@code [0, max]}, uniform while generating. */
  public long draw(long max) {
    return draw(max, r -> uniform(r, max));
  }

  /**
   * A number in {@code [0, max]}: while generating, {@code proposal}'s (clamped into the range); while replaying, the
   * recorded one. 0 is the simplest number: shrinking moves numbers towards it.
   */
  public long draw(long max, ToLongFunction<SplittableRandom> proposal) {
    if (max < 0) {
      throw new IllegalArgumentException("max must not be negative: " + max);
    }
    if (size >= limit) {
      throw new Overrun();
    }
    long value;
    if (random != null) {
      value = Math.max(0, Math.min(max, proposal.applyAsLong(random)));
    } else {
      value = size < prefix.length ? Math.min(max, prefix[size]) : 0;
    }
    if (size == drawn.length) {
      drawn = Arrays.copyOf(drawn, size * 2);
    }
    drawn[size++] = value;
    return value;
  }

  /** True with probability {@code p} while generating; replays as recorded, shrinks to false. */
  public boolean coin(double p) {
    return draw(1, r -> r.nextDouble() < p ? 1 : 0) == 1;
  }

  /**
   * A number in {@code [0, n)} that steers how the next numbers are proposed (which variant of a value to propose,
   * how long a list to aim for) but is not recorded: random while generating, 0 while replaying, where it must not
   * matter because the recorded numbers alone decide the value.
   */
  public int steer(int n) {
    return random == null ? 0 : random.nextInt(n);
  }

  /** Whether numbers are being proposed (a new case) rather than read back. */
  public boolean generating() {
    return random != null;
  }

  /** The random source while generating; a fixed one while replaying (whatever it gives is not recorded). */
  SplittableRandom random() {
    return random == null ? REPLAY : random;
  }

  /** The numbers drawn so far. */
  long[] drawn() {
    return Arrays.copyOf(drawn, size);
  }

  static long uniform(SplittableRandom r, long max) {
    return max == Long.MAX_VALUE ? r.nextLong() & Long.MAX_VALUE : r.nextLong(max + 1);
  }
}
