package dev.rill.testkit.property;

import java.util.Arrays;

/**
 * Shrinks a failing case by editing its recorded choices and replaying them: first removing runs of choices (a list
 * loses elements: fewer cuts, fewer mutations, shorter strings), then zeroing runs, then lowering each choice (a cut
 * moves towards the start, a number towards its lower bound). A candidate is kept when it still fails and its
 * choices are smaller (shorter, or as long and lower at the first difference); that order makes shrinking end.
 * Bounded by a number of runs and a time.
 */
final class Shrinker<T> {
  /** The outcome of one replay of choices. */
  record Attempt<T>(long[] choices, T value, Throwable failure) {}

  /** Runs a generator on choices and the property on the value. */
  interface Runner<T> {
    /** The attempt, or null when the choices give no valid value. */
    Attempt<T> run(long[] choices);
  }

  private final Runner<T> runner;
  private final int maxRuns;
  private final long deadline;
  private Attempt<T> best;
  private int runs;
  private int shrinks;

  Shrinker(Runner<T> runner, Attempt<T> failing, int maxRuns, long maxNanos) {
    this.runner = runner;
    this.best = failing;
    this.maxRuns = maxRuns;
    this.deadline = System.nanoTime() + maxNanos;
  }

  Attempt<T> shrink() {
    boolean improved = true;
    while (improved && !exhausted()) {
      improved = deleteRuns() | zeroRuns() | lowerEach();
    }
    return best;
  }

  int runs() {
    return runs;
  }

  int shrinks() {
    return shrinks;
  }

  boolean exhausted() {
    return runs >= maxRuns || System.nanoTime() - deadline > 0;
  }

  private boolean deleteRuns() {
    boolean improved = false;
    for (int k = Integer.highestOneBit(Math.max(1, best.choices().length / 2)); k > 8; k /= 2) {
      for (int i = best.choices().length - k; i >= 0 && !exhausted(); i -= k) {
        improved |= consider(without(best.choices(), i, k));
      }
    }
    for (int k = 8; k >= 1; k--) {
      for (int i = best.choices().length - k; i >= 0 && !exhausted(); i--) {
        improved |= consider(without(best.choices(), i, k));
        i = Math.min(i, best.choices().length - k + 1);
      }
    }
    return improved;
  }

  private boolean zeroRuns() {
    boolean improved = false;
    for (int k = 8; k >= 2; k /= 2) {
      for (int i = best.choices().length - k; i >= 0 && !exhausted(); i--) {
        long[] c = best.choices();
        boolean allZero = true;
        for (int j = i; j < i + k; j++) {
          allZero &= c[j] == 0;
        }
        if (!allZero) {
          long[] zeroed = c.clone();
          Arrays.fill(zeroed, i, i + k, 0);
          improved |= consider(zeroed);
        }
        i = Math.min(i, best.choices().length - k + 1);
      }
    }
    return improved;
  }

  private boolean lowerEach() {
    boolean improved = false;
    for (int i = 0; i < best.choices().length && !exhausted(); i++) {
      long value = best.choices()[i];
      if (value == 0) {
        continue;
      }
      if (consider(with(best.choices(), i, 0))) {
        improved = true;
        continue;
      }
      long lo = 0;
      long hi = value; // lo passes (or was not kept), hi fails
      while (lo + 1 < hi && !exhausted() && i < best.choices().length) {
        long mid = lo + (hi - lo) / 2;
        if (consider(with(best.choices(), i, mid))) {
          improved = true;
          hi = mid;
        } else {
          lo = mid;
        }
      }
    }
    return improved;
  }

  private boolean consider(long[] candidate) {
    if (compare(candidate, best.choices()) >= 0 || exhausted()) {
      return false;
    }
    runs++;
    Attempt<T> a = runner.run(candidate);
    if (a == null || a.failure() == null || compare(a.choices(), best.choices()) >= 0) {
      return false;
    }
    best = a;
    shrinks++;
    return true;
  }

  /** Shorter first, then lower at the first difference. */
  static int compare(long[] a, long[] b) {
    if (a.length != b.length) {
      return Integer.compare(a.length, b.length);
    }
    return Arrays.compare(a, b);
  }

  private static long[] without(long[] c, int from, int length) {
    long[] out = new long[c.length - length];
    System.arraycopy(c, 0, out, 0, from);
    System.arraycopy(c, from + length, out, from, c.length - from - length);
    return out;
  }

  private static long[] with(long[] c, int at, long value) {
    long[] out = c.clone();
    out[at] = value;
    return out;
  }
}
