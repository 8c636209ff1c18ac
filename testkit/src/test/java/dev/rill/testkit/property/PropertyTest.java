package dev.rill.testkit.property;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PropertyTest {

  private static final Seed SEED = new Seed(8135093, 0);

  @Test
  void runsTheExamplesThenTheGeneratedCasesAndIsQuietWhenThePropertyHolds() {
    List<Integer> seen = new ArrayList<>();
    Property.forAll(Gens.ints(0, 9)).examples(List.of(-1, -2)).tries(37).seed(SEED).check(seen::add);

    assertThat(seen).hasSize(39).startsWith(-1, -2);
    assertThat(seen.subList(2, 39)).allSatisfy(v -> assertThat(v).isBetween(0, 9));
  }

  @Test
  void theSameSeedGivesTheSameCases() {
    Gen<List<String>> gen = Gens.strings().list(0, 5);
    List<List<String>> first = new ArrayList<>();
    List<List<String>> second = new ArrayList<>();
    Property.forAll(gen).tries(50).seed(SEED).check(first::add);
    Property.forAll(gen).tries(50).seed(SEED).check(second::add);
    List<List<String>> other = new ArrayList<>();
    Property.forAll(gen).tries(50).seed(new Seed(SEED.run() + 1, 0)).check(other::add);

    assertThat(second).isEqualTo(first);
    assertThat(other).isNotEqualTo(first);
  }

  @Test
  void aCaseSeedRunsThatCaseAloneAsItRanAmongTheOthers() {
    List<List<Integer>> all = new ArrayList<>();
    Gen<List<Integer>> gen = Gens.ints(-1000, 1000).list(0, 20);
    Property.forAll(gen).tries(30).seed(SEED).check(all::add);
    List<List<Integer>> one = new ArrayList<>();
    Property.forAll(gen).tries(30).examples(List.of(List.of(1))).seed(SEED.onlyCase(17)).check(one::add);

    assertThat(one).containsExactly(all.get(16));
  }

  @Test
  void aFailureNamesTheSeedTheCaseAndTheSmallestValueAndItsSeedReplaysIt() {
    Gen<List<Integer>> gen = Gens.ints(0, 1000).list(0, 30);
    Property.Check<List<Integer>> sumBelow500 = list -> assertThat(list.stream().mapToInt(i -> i).sum())
        .isLessThan(500);

    PropertyFailure failure = catchThrowableOfType(PropertyFailure.class,
        () -> Property.forAll(gen).tries(200).seed(SEED).check(sumBelow500));

    assertThat(failure.seed().run()).isEqualTo(SEED.run());
    assertThat(failure.seed().isOneCase()).isTrue();
    assertThat(failure.getMessage())
        .contains("seed " + SEED.run())
        .contains("Replay this case alone: -Drill.property.seed=" + failure.seed())
        .contains("(the whole run: -Drill.property.seed=" + SEED.run() + ")")
        .contains("Smallest failing value")
        .contains("First failing value");
    assertThat(failure.getCause()).isInstanceOf(AssertionError.class);
    // One element of exactly 500 is the smallest list whose sum is not below 500.
    assertThat(failure.value()).isEqualTo(List.of(500));

    PropertyFailure replayed = catchThrowableOfType(PropertyFailure.class,
        () -> Property.forAll(gen).tries(200).seed(failure.seed()).check(sumBelow500));
    assertThat(replayed.value()).isEqualTo(failure.value());
    assertThat(replayed.getMessage()).contains("case " + failure.seed()).doesNotContain("the whole run");
  }

  @Test
  void theReplayHintNamesTheSystemPropertyItWasToldTo() {
    assertThatThrownBy(() -> Property.forAll(Gens.ints(0, 5)).seed(SEED).replayWith("rill.conformance.seed")
        .check(i -> assertThat(i).isNegative()))
        .isInstanceOf(PropertyFailure.class)
        .hasMessageContaining("-Drill.conformance.seed=" + SEED.run() + ":1");
  }

  @Test
  void aFailingEdgeCaseIsReportedAsSuchWithoutASeed() {
    PropertyFailure failure = catchThrowableOfType(PropertyFailure.class,
        () -> Property.forAll(Gens.ints(0, 5)).examples(List.of(1, 99)).seed(SEED)
            .check(i -> assertThat(i).isLessThan(10)));

    assertThat(failure.getMessage()).startsWith("Property failed on edge case 2 of 2").contains("99");
    assertThat(failure.seed()).isNull();
    assertThat(failure.value()).isEqualTo(99);
  }

  @Test
  void anExceptionOtherThanAnAssertionIsAFailureToo() {
    PropertyFailure failure = catchThrowableOfType(PropertyFailure.class,
        () -> Property.forAll(Gens.strings()).tries(200).seed(SEED).check(s -> {
          if (s.contains("\n")) {
            throw new IllegalStateException("a line end");
          }
        }));

    assertThat(failure.getCause()).isInstanceOf(IllegalStateException.class);
    assertThat(failure.value()).isEqualTo("\n");
  }

  @Test
  void shrinkingStopsAtItsLimit() {
    AtomicInteger runs = new AtomicInteger();
    PropertyFailure failure = catchThrowableOfType(PropertyFailure.class,
        () -> Property.forAll(Gens.ints(0, 1000).list(0, 50)).tries(100).seed(SEED)
            .shrinking(5, java.time.Duration.ofSeconds(30)).check(list -> {
              runs.incrementAndGet();
              assertThat(list).hasSizeLessThan(10);
            }));

    assertThat(failure.getMessage()).contains("stopped at the limit");
    assertThat(failure.getMessage()).contains(" in 5 runs");
  }

  @Test
  void fewerMutationsThenSimplerOnes() {
    record Mutation(int kind, int at, int value) {}
    Gen<Mutation> mutation = c -> new Mutation(Gens.ints(0, 4).generate(c), Gens.ints(0, 500).generate(c),
        Gens.ints(0, 255).generate(c));
    Gen<List<Mutation>> mutations = mutation.list(1, 6);

    PropertyFailure failure = catchThrowableOfType(PropertyFailure.class,
        () -> Property.forAll(mutations).tries(300).seed(SEED)
            .check(ms -> assertThat(ms).noneMatch(m -> m.kind() == 3 && m.at() >= 100)));

    assertThat(failure.value()).isEqualTo(List.of(new Mutation(3, 100, 0)));
  }
}
