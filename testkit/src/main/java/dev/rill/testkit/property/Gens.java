package dev.rill.testkit.property;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * The common generators. Numbers favour their edges (the bounds, zero, small values) while generating and shrink
 * towards their lower bound; choices among options shrink towards the first option; lists and strings shrink
 * towards fewer elements.
 */
public final class Gens {
  /** The longest string {@link #strings()} draws. */
  public static final int STRING_MAX = 255;

  /** Strings every text property should meet: empty, whitespace, line ends, NUL, a BOM, surrogate pairs. */
  public static final List<String> EDGE_STRINGS = List.of("", " ", "  ", "\t", "\n", "\r", "\r\n", "\u0000", "\uFEFF",
      "\u00a0", "\u2028", "\uD83D\uDE00", "e\u0301", "\uFFFD", "\"", "\\", "{", "}", "[]", "-0", "1e999", "null");

  private Gens() {}

  /** Always {@code value}. */
  public static <T> Gen<T> constant(T value) {
    return c -> value;
  }

  /** Integers in {@code [min, max]}, often a bound, 0 or a value next to a bound; shrinking towards {@code min}. */
  public static Gen<Integer> ints(int min, int max) {
    if (min > max) {
      throw new IllegalArgumentException("min > max: " + min + " > " + max);
    }
    long range = (long) max - min;
    return c -> (int) (min + c.draw(range, r -> edgy(r, range, -(long) min)));
  }

  /** Any int. */
  public static Gen<Integer> ints() {
    return ints(Integer.MIN_VALUE, Integer.MAX_VALUE);
  }

  /** A proposal in {@code [0, range]} that favours 0, {@code range}, {@code zero} and values near the ends. */
  static long edgy(SplittableRandom r, long range, long zero) {
    int pick = r.nextInt(16);
    long small = Math.min(range, 8);
    return switch (pick) {
      case 0 -> 0;
      case 1 -> range;
      case 2 -> zero >= 0 && zero <= range ? zero : 0;
      case 3 -> r.nextLong(small + 1);
      case 4 -> range - r.nextLong(small + 1);
      default -> Choices.uniform(r, range);
    };
  }

  /** Doubles in {@code [0, 1)}, shrinking towards 0. */
  public static Gen<Double> unitDoubles() {
    long steps = 1L << 53;
    return c -> c.draw(steps - 1) / (double) steps;
  }

  /** true or false, even odds; shrinks to false. */
  public static Gen<Boolean> booleans() {
    return c -> c.coin(0.5);
  }

  /** One of {@code values}, even odds; shrinks towards the first. */
  public static <T> Gen<T> elements(List<? extends T> values) {
    List<T> copy = List.copyOf(values);
    if (copy.isEmpty()) {
      throw new IllegalArgumentException("no values to choose from");
    }
    return c -> copy.get((int) c.draw(copy.size() - 1));
  }

  /** One of {@code values}, even odds; shrinks towards the first. */
  @SafeVarargs
  public static <T> Gen<T> elements(T... values) {
    return elements(Arrays.asList(values));
  }

  /** A constant of {@code type}, even odds. */
  public static <E extends Enum<E>> Gen<E> enums(Class<E> type) {
    return elements(type.getEnumConstants());
  }

  /** A value of one of {@code gens}, even odds; shrinks towards the first. */
  @SafeVarargs
  public static <T> Gen<T> oneOf(Gen<? extends T>... gens) {
    List<Gen<? extends T>> all = List.of(gens);
    return c -> all.get((int) c.draw(all.size() - 1)).generate(c);
  }

  /** A generator with its weight in {@link #frequency}. */
  public record Weighted<T>(int weight, Gen<? extends T> gen) {
    /** Checks and normalises the components (see the class comment). */
    public Weighted {
      if (weight < 1) {
        throw new IllegalArgumentException("weight must be positive: " + weight);
      }
      Objects.requireNonNull(gen, "gen");
    }
  }

  /** {@code gen} with {@code weight}, for {@link #frequency}. */
  public static <T> Weighted<T> weight(int weight, Gen<? extends T> gen) {
    return new Weighted<>(weight, gen);
  }

  /** A value of one of the options, each drawn in proportion to its weight; shrinks towards the first option. */
  @SafeVarargs
  public static <T> Gen<T> frequency(Weighted<? extends T>... options) {
    List<Weighted<? extends T>> all = List.of(options);
    int total = all.stream().mapToInt(Weighted::weight).sum();
    return c -> {
      int index = (int) c.draw(all.size() - 1, r -> {
        int ticket = r.nextInt(total);
        for (int i = 0; i < all.size(); i++) {
          ticket -= all.get(i).weight();
          if (ticket < 0) {
            return i;
          }
        }
        return all.size() - 1;
      });
      return all.get(index).gen().generate(c);
    };
  }

  /**
   * Lists of {@code min} to {@code max} elements: a length at a bound a fifth of the time, short lengths favoured.
   * Each element after the first {@code min} is preceded by a "one more" choice, so shrinking removes elements.
   */
  public static <T> Gen<List<T>> lists(Gen<T> element, int min, int max) {
    if (min < 0 || min > max) {
      throw new IllegalArgumentException("bad list bounds: " + min + ".." + max);
    }
    return c -> {
      int target = targetLength(c, min, max);
      List<T> out = new ArrayList<>();
      while (out.size() < max && (out.size() < min || c.draw(1, r -> out.size() < target ? 1 : 0) == 1)) {
        out.add(element.generate(c));
      }
      return out;
    };
  }

  private static int targetLength(Choices c, int min, int max) {
    int range = max - min;
    int pick = c.steer(10);
    SplittableRandom r = c.random();
    return switch (pick) {
      case 0 -> min;
      case 1 -> max;
      case 2, 3, 4, 5 -> min + r.nextInt(range + 1);
      default -> min + (int) (range * Math.pow(r.nextDouble(), 3));
    };
  }

  /**
   * Code points of every kind a text meets: printable ASCII most often, then controls and odd white space, Latin and
   * other BMP letters, CJK, and characters outside the BMP (surrogate pairs). Never a lone surrogate or a
   * noncharacter.
   */
  public static Gen<Integer> codePoints() {
    Gen<Integer> bmp = ints(0xA0, 0xFFFD).map(cp -> isValid(cp) ? cp : 0xFFFD);
    return frequency(
        weight(6, ints(0x20, 0x7E)),
        weight(2, elements(0x00, 0x09, 0x0A, 0x0D, 0x1F, 0x7F, 0x85, 0xA0, 0x2028, 0x2029, 0x3000, 0xFEFF, 0x200B)),
        weight(1, ints(0x00, 0x1F)),
        weight(3, bmp),
        weight(1, ints(0x4E00, 0x9FFF)),
        weight(2, ints(0x10000, 0x10FFFF).map(cp -> isValid(cp) ? cp : 0x1F600)));
  }

  private static boolean isValid(int cp) {
    boolean surrogate = cp >= 0xD800 && cp <= 0xDFFF;
    boolean nonCharacter = (cp >= 0xFDD0 && cp <= 0xFDEF) || (cp & 0xFFFE) == 0xFFFE;
    return !surrogate && !nonCharacter;
  }

  /** Strings of {@code min} to {@code max} code points of {@code codePoints}; they shrink to fewer code points. */
  public static Gen<String> strings(Gen<Integer> codePoints, int min, int max) {
    return lists(codePoints, min, max).map(cps -> {
      StringBuilder sb = new StringBuilder(cps.size() + 8);
      cps.forEach(sb::appendCodePoint);
      return sb.toString();
    });
  }

  /**
   * Any string: up to {@link #STRING_MAX} {@link #codePoints()}, or one of {@link #EDGE_STRINGS} (an eighth of the
   * time). Shrinks towards shorter strings of simpler characters.
   */
  public static Gen<String> strings() {
    return frequency(weight(7, strings(codePoints(), 0, STRING_MAX)), weight(1, elements(EDGE_STRINGS)));
  }

  /** Bytes, favouring 0x00, 0xFF, 0x80 (a UTF-8 continuation), CR, LF and '{'; shrinking towards 0x00. */
  public static Gen<Byte> bytes() {
    return c -> (byte) c.draw(255, r -> switch (r.nextInt(12)) {
      case 0 -> 0x00;
      case 1 -> 0xFF;
      case 2 -> 0x80;
      case 3 -> '\r';
      case 4 -> '\n';
      case 5 -> '{';
      default -> r.nextInt(256);
    });
  }

  /** Byte arrays of {@code min} to {@code max} {@link #bytes()}. */
  public static Gen<byte[]> byteArrays(int min, int max) {
    return lists(bytes(), min, max).map(list -> {
      byte[] out = new byte[list.size()];
      for (int i = 0; i < out.length; i++) {
        out[i] = list.get(i);
      }
      return out;
    });
  }

  /** A generator made when first used: for recursive values. */
  public static <T> Gen<T> lazy(Supplier<Gen<T>> gen) {
    return c -> gen.get().generate(c);
  }
}
