package dev.rill.testkit.property;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class GensTest {

  private static final Seed SEED = new Seed(77, 0);

  private static <T> List<T> sample(Gen<T> gen, int n) {
    List<T> out = new ArrayList<>();
    Property.forAll(gen).tries(n).seed(SEED).check(out::add);
    return out;
  }

  @Test
  void stringsMeetTheEdgesOfText() {
    List<String> all = sample(Gens.strings(), 1000);

    assertThat(all).contains("", " ", "\r\n", "\u0000");
    assertThat(all).anySatisfy(s -> assertThat(s.codePoints().anyMatch(Character::isSupplementaryCodePoint)).isTrue());
    assertThat(all).anySatisfy(s -> assertThat(s.codePoints().anyMatch(cp -> cp >= 0x4E00 && cp <= 0x9FFF)).isTrue());
    assertThat(all).anySatisfy(s -> assertThat(s.codePointCount(0, s.length())).isGreaterThan(100));
    assertThat(all).allSatisfy(s -> assertThat(s.codePointCount(0, s.length())).isLessThanOrEqualTo(Gens.STRING_MAX));
    assertThat(all).allSatisfy(s -> {
      for (int i = 0; i < s.length(); i++) {
        char ch = s.charAt(i);
        if (Character.isHighSurrogate(ch)) {
          assertThat(Character.isLowSurrogate(s.charAt(++i))).as("a paired surrogate").isTrue();
        } else {
          assertThat(Character.isLowSurrogate(ch)).as("a lone low surrogate").isFalse();
        }
      }
    });
  }

  @Test
  void intsStayInTheirBoundsAndMeetThem() {
    List<Integer> all = sample(Gens.ints(-3, 400), 500);

    assertThat(all).allSatisfy(i -> assertThat(i).isBetween(-3, 400)).contains(-3, 0, 400);
    assertThat(sample(Gens.ints(), 200)).contains(Integer.MIN_VALUE, Integer.MAX_VALUE, 0);
  }

  @Test
  void listsStayInTheirBoundsAndMeetThem() {
    List<List<Integer>> all = sample(Gens.ints(0, 3).list(2, 12), 300);

    assertThat(all).allSatisfy(l -> assertThat(l).hasSizeBetween(2, 12));
    assertThat(all).anySatisfy(l -> assertThat(l).hasSize(2)).anySatisfy(l -> assertThat(l).hasSize(12));
  }

  @Test
  void bytesFavourTheBytesFramersTripOn() {
    List<byte[]> all = sample(Gens.byteArrays(0, 64), 300);

    assertThat(all).anySatisfy(b -> assertThat(b).isEmpty());
    assertThat(all).anySatisfy(b -> assertThat(b).hasSize(64));
    assertThat(all).anySatisfy(b -> assertThat(b).contains((byte) 0xFF, (byte) 0x80, (byte) '\r', (byte) '\n'));
  }

  @Test
  void frequencyFollowsTheWeights() {
    List<String> all = sample(Gens.frequency(Gens.weight(9, Gens.constant("often")),
        Gens.weight(1, Gens.constant("rarely"))), 1000);

    long rarely = all.stream().filter("rarely"::equals).count();
    assertThat(rarely).isBetween(50L, 150L);
  }

  @Test
  void seedsReadAndWriteTheSameWay() {
    assertThat(Seed.parse("8135093")).isEqualTo(new Seed(8135093, 0));
    assertThat(Seed.parse(" 8135093:17 ")).isEqualTo(new Seed(8135093, 17));
    assertThat(new Seed(5, 3)).hasToString("5:3");
    assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> Seed.parse("abc")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("<run>:<case>");
    assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> Seed.parse("5:0")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void showEscapesTextAndWritesBytesReadably() {
    assertThat(Show.value("a\r\n\u0000\"")).isEqualTo("\"a\\r\\n\\u0000\\\"\"");
    assertThat(Show.value(new byte[] {'h', 'i'})).isEqualTo("2 bytes \"hi\"");
    assertThat(Show.value(new byte[] {'a', (byte) 0xFF, '\n', (byte) 0xC3})).isEqualTo("4 bytes \"a\\xFF\\n\\xC3\"");
    assertThat(Show.value(List.of("x", new byte[0]))).isEqualTo("[\"x\", 0 bytes \"\"]");
  }
}
