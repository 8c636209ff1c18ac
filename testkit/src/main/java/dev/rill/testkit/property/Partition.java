package dev.rill.testkit.property;

import java.util.Arrays;

/**
 * A partition of a body of {@code length} bytes into reads, given by its cut points: read {@code i} runs from cut
 * {@code i - 1} (or 0) to cut {@code i} (or the end). A repeated cut, a cut at 0 or one at {@code length} gives an
 * empty read, as a read of zero bytes would. Pass {@link #cuts()} to {@code OfflineDecoder.reads(body, cuts)}.
 *
 * @param length the body's length
 * @param cuts the cut points, ascending, each in {@code [0, length]}
 */
public record Partition(int length, int[] cuts) {
  /** Checks and normalises the components (see the class comment). */
  public Partition {
    cuts = cuts.clone();
    Arrays.sort(cuts);
    for (int c : cuts) {
      if (c < 0 || c > length) {
        throw new IllegalArgumentException("cut " + c + " outside a body of " + length + " bytes");
      }
    }
  }

  /** The body in one read. */
  public static Partition whole(int length) {
    return new Partition(length, new int[0]);
  }

  /** One byte per read: the harshest partition. */
  public static Partition everyByte(int length) {
    int[] cuts = new int[Math.max(0, length - 1)];
    for (int i = 0; i < cuts.length; i++) {
      cuts[i] = i + 1;
    }
    return new Partition(length, cuts);
  }

  /** The cut points (a copy). */
  @Override
  public int[] cuts() {
    return cuts.clone();
  }

  /** How many reads the partition makes. */
  public int readCount() {
    return cuts.length + 1;
  }

  /** How many of the reads are empty. */
  public int emptyReads() {
    int empty = 0;
    int from = 0;
    for (int c : cuts) {
      empty += c == from ? 1 : 0;
      from = c;
    }
    return empty + (from == length ? 1 : 0);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Partition p && p.length == length && Arrays.equals(p.cuts, cuts);
  }

  @Override
  public int hashCode() {
    return 31 * length + Arrays.hashCode(cuts);
  }

  @Override
  public String toString() {
    if (cuts.length == 0) {
      return "one read of " + length + " bytes";
    }
    if (equals(everyByte(length))) {
      return "one byte per read (" + length + " reads)";
    }
    int empty = emptyReads();
    String points = cuts.length > 40 ? cuts.length + " points " + Arrays.toString(Arrays.copyOf(cuts, 20))
        .replace("]", ", ...]") : Arrays.toString(cuts);
    return length + " bytes cut at " + points + (empty == 0 ? "" : " (" + empty + " empty reads)");
  }
}
