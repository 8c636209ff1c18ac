package dev.rill.testkit.property;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The partitions of one body into reads, as a {@link Gen}: each case is, in turn, a few cuts anywhere (up to
 * {@link #maxCuts}), cuts among the body's {@link WireCuts#interesting interesting points} (inside CRLF, inside UTF-8
 * characters, inside event-stream preludes), reads of 1 to {@value #DENSE_READ} bytes all through the body, or one
 * byte per read. With {@link #emptyReads(boolean) empty reads}, cuts may repeat or sit at either end.
 *
 * <p>Every partition is recorded as its list of cuts, so a failing one shrinks to fewer cuts first, then to cuts
 * further left: a failure is reported as its smallest partition. {@link #edgeCases()} gives the partitions every run
 * should check.
 */
public final class Partitions implements Gen<Partition> {
  /** The longest read of a dense partition. */
  public static final int DENSE_READ = 64;

  private final byte[] body;
  private final int[] interesting;
  private final int maxCuts;
  private final boolean emptyReads;
  private final int everyByteUpTo;

  private Partitions(byte[] body, int[] interesting, int maxCuts, boolean emptyReads, int everyByteUpTo) {
    this.body = body;
    this.interesting = interesting;
    this.maxCuts = maxCuts;
    this.emptyReads = emptyReads;
    this.everyByteUpTo = everyByteUpTo;
  }

  /** The partitions of {@code body} (not copied; not modified): up to 48 random cuts, no empty reads. */
  public static Partitions of(byte[] body) {
    return new Partitions(body, WireCuts.interesting(body), 48, false, Integer.MAX_VALUE);
  }

  /** A copy with at most {@code n} cuts in its sparse and interesting partitions. */
  public Partitions maxCuts(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("maxCuts must be at least 1: " + n);
    }
    return new Partitions(body, interesting, n, emptyReads, everyByteUpTo);
  }

  /** A copy whose partitions may hold empty reads (a repeated cut, a cut at 0 or at the end). */
  public Partitions emptyReads(boolean allowed) {
    return new Partitions(body, interesting, maxCuts, allowed, everyByteUpTo);
  }

  /** A copy that splits into one byte per read only bodies of at most {@code length} bytes (a long body is slow so). */
  public Partitions everyByteUpTo(int length) {
    return new Partitions(body, interesting, maxCuts, emptyReads, length);
  }

  /** The body. */
  public byte[] body() {
    return body;
  }

  /**
   * The partitions a run should always check: one byte per read (within {@link #everyByteUpTo}), a cut at every
   * interesting point at once, and with empty reads, empty reads first, in the middle and last.
   */
  public List<Partition> edgeCases() {
    List<Partition> out = new ArrayList<>();
    int n = body.length;
    if (n >= 2 && n <= everyByteUpTo) {
      out.add(Partition.everyByte(n));
    }
    if (interesting.length > 0) {
      out.add(new Partition(n, interesting));
    }
    if (emptyReads) {
      out.add(new Partition(n, new int[] {0, 0, n / 2, n / 2, n}));
    }
    return out;
  }

  @Override
  public Partition generate(Choices c) {
    int n = body.length;
    int lo = emptyReads ? 0 : 1;
    int hi = emptyReads ? n : n - 1;
    if (hi < lo) {
      return Partition.whole(n);
    }
    int[] plan = c.generating() ? plan(c.steer(10), c.random(), lo, hi) : new int[0];
    int cap = maxCuts + n + 1;
    List<Integer> cuts = new ArrayList<>();
    while (cuts.size() < cap) {
      int k = cuts.size();
      if (c.draw(1, r -> k < plan.length ? 1 : 0) == 0) {
        break;
      }
      cuts.add(lo + (int) c.draw(hi - lo, r -> k < plan.length ? plan[k] - lo : 0));
    }
    int[] points = cuts.stream().mapToInt(Integer::intValue).sorted().toArray();
    return new Partition(n, emptyReads ? points : Arrays.stream(points).distinct().toArray());
  }

  /** The cuts a new case proposes: sparse (0-2), interesting (3-5), dense (6-8) or one byte per read (9). */
  private int[] plan(int variant, SplittableRandom r, int lo, int hi) {
    int n = body.length;
    if (variant == 9 && n > everyByteUpTo) {
      variant = 6;
    }
    if (variant >= 3 && variant <= 5 && interesting.length == 0) {
      variant = 0;
    }
    List<Integer> cuts = new ArrayList<>();
    switch (variant) {
      case 9 -> {
        for (int i = 1; i < n; i++) {
          cuts.add(i);
        }
      }
      case 6, 7, 8 -> {
        for (int at = r.nextInt(DENSE_READ) + 1; at < n; at += r.nextInt(DENSE_READ) + 1) {
          cuts.add(at);
        }
      }
      case 3, 4, 5 -> {
        int count = 1 + (int) Gens.edgy(r, Math.min(interesting.length, maxCuts) - 1, 0);
        for (int i = 0; i < count; i++) {
          cuts.add(interesting[r.nextInt(interesting.length)]);
        }
      }
      default -> {
        int count = 1 + (int) Gens.edgy(r, maxCuts - 1, 0);
        for (int i = 0; i < count; i++) {
          cuts.add(lo + (int) Gens.edgy(r, hi - lo, 0));
        }
      }
    }
    if (emptyReads) {
      for (int i = 0; i < cuts.size(); i++) {
        if (r.nextInt(10) == 0) {
          cuts.add(i, cuts.get(i)); // the same cut twice: an empty read
          i++;
        }
      }
    }
    return cuts.stream().mapToInt(Integer::intValue).toArray();
  }
}
