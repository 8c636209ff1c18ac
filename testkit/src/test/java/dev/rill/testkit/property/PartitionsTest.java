package dev.rill.testkit.property;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class PartitionsTest {

  private static final Seed SEED = new Seed(20240611, 0);
  private static final byte[] SSE = ("data: {\"text\":\"caf\u00e9 \uD83D\uDE00\"}\r\n\r\n"
      + "data: {\"text\":\"plain words here\"}\r\n\r\ndata: [DONE]\r\n\r\n").getBytes(StandardCharsets.UTF_8);

  private static List<Partition> generate(Partitions partitions, int tries) {
    List<Partition> out = new ArrayList<>();
    Property.forAll(partitions).tries(tries).seed(SEED).check(out::add);
    return out;
  }

  @Test
  void twoHundredCasesMeetEveryEdgeOfAPartition() {
    int crlf = indexOf(SSE, "\r\n") + 1;
    int inE9 = indexOf(SSE, "\u00e9") + 1;
    int inEmoji = indexOf(SSE, "\uD83D\uDE00") + 2;
    List<Partition> all = generate(Partitions.of(SSE), 200);

    assertThat(all).allSatisfy(p -> assertThat(p.emptyReads()).isZero());
    assertThat(all).anySatisfy(p -> assertThat(p).isEqualTo(Partition.everyByte(SSE.length)));
    assertThat(all).anySatisfy(p -> assertThat(p.cuts()).contains(crlf));
    assertThat(all).anySatisfy(p -> assertThat(p.cuts()).contains(inE9));
    assertThat(all).anySatisfy(p -> assertThat(p.cuts()).contains(inEmoji));
    assertThat(all).anySatisfy(p -> assertThat(p.cuts()).hasSize(1));
    assertThat(all).anySatisfy(p -> assertThat(p.cuts()).hasSizeGreaterThan(SSE.length / 64));
    assertThat(all).allSatisfy(p -> assertThat(Arrays.stream(p.cuts()).allMatch(c -> c >= 1 && c < SSE.length))
        .isTrue());
  }

  @Test
  void emptyReadsWhenAskedFor() {
    List<Partition> all = generate(Partitions.of(SSE).emptyReads(true).maxCuts(40), 200);

    assertThat(all).anySatisfy(p -> assertThat(p.cuts()).startsWith(0));
    assertThat(all).anySatisfy(p -> assertThat(p.cuts()).endsWith(SSE.length));
    assertThat(all).anySatisfy(p -> assertThat(p.emptyReads()).isGreaterThan(0)
        .isLessThan(p.cuts().length));
    assertThat(Partitions.of(SSE).emptyReads(true).edgeCases())
        .anySatisfy(p -> assertThat(p.emptyReads()).isEqualTo(4));
  }

  @Test
  void aFailingSplitIsReportedAsItsSmallestSplit() {
    int crlf = indexOf(SSE, "\r\n\r\ndata: [DONE]") + 1; // between the CR and the LF
    // A framer that loses state when a read ends inside this CRLF: any partition with that cut fails.
    PropertyFailure failure = catchThrowableOfType(PropertyFailure.class,
        () -> Property.forAll(Partitions.of(SSE)).tries(200).seed(SEED)
            .check(p -> assertThat(p.cuts()).doesNotContain(crlf)));

    Partition smallest = (Partition) failure.value();
    assertThat(smallest.cuts()).containsExactly(crlf);
    assertThat(failure.getMessage()).contains("cut at [" + crlf + "]");
  }

  @Test
  void fewerCutsFirstThenCutsMovedLeft() {
    PropertyFailure failure = catchThrowableOfType(PropertyFailure.class,
        () -> Property.forAll(Partitions.of(SSE)).tries(200).seed(SEED)
            .check(p -> assertThat(p.readCount()).isLessThan(4)));

    assertThat(((Partition) failure.value()).cuts()).containsExactly(1, 2, 3);
  }

  @Test
  void edgeCasesAreEveryByteAndEveryInterestingCut() {
    List<Partition> edges = Partitions.of(SSE).edgeCases();

    assertThat(edges).containsExactly(Partition.everyByte(SSE.length),
        new Partition(SSE.length, WireCuts.interesting(SSE)));
    assertThat(Partitions.of(SSE).everyByteUpTo(10).edgeCases()).hasSize(1);
  }

  @Test
  void aBodyTooShortToCutIsOneRead() {
    assertThat(generate(Partitions.of(new byte[1]), 20)).containsOnly(Partition.whole(1));
    assertThat(generate(Partitions.of(new byte[0]).emptyReads(true), 20))
        .allSatisfy(p -> assertThat(p.length()).isZero());
  }

  @Test
  void partitionsSayWhatTheyAre() {
    assertThat(Partition.everyByte(5)).hasToString("one byte per read (5 reads)");
    assertThat(new Partition(10, new int[] {7, 0, 7})).hasToString("10 bytes cut at [0, 7, 7] (2 empty reads)");
    assertThat(new Partition(10, new int[] {7, 0, 7}).readCount()).isEqualTo(4);
    assertThat(Partition.whole(3)).hasToString("one read of 3 bytes");
  }

  @Test
  void splitsDrawEveryBodyAndListEachBodysEdgeCases() {
    byte[] ndjson = "{\"a\":1}\n{\"b\":\"\u00e9\"}\n".getBytes(StandardCharsets.UTF_8);
    Splits<byte[]> splits = Splits.of(List.of(SSE, ndjson), b -> b, p -> p.maxCuts(4));
    List<Split<byte[]>> all = new ArrayList<>();
    Property.forAll(splits).tries(100).seed(SEED).check(all::add);

    assertThat(all).anySatisfy(s -> assertThat(s.body()).isSameAs(SSE));
    assertThat(all).anySatisfy(s -> assertThat(s.body()).isSameAs(ndjson));
    assertThat(all).allSatisfy(s -> assertThat(s.partition().length()).isEqualTo(s.body().length));
    assertThat(splits.edgeCases()).extracting(Split::partition).containsExactly(
        Partition.everyByte(SSE.length), new Partition(SSE.length, WireCuts.interesting(SSE)),
        Partition.everyByte(ndjson.length), new Partition(ndjson.length, WireCuts.interesting(ndjson)));
    assertThat(new Split<>(ndjson, new Partition(ndjson.length, new int[] {8})))
        .hasToString("19 bytes \"{\\\"a\\\":1}\\n{\\\"b\\\":\\\"\u00e9\\\"}\\n\": 19 bytes cut at [8]");
  }

  static int indexOf(byte[] body, String s) {
    byte[] needle = s.getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i + needle.length <= body.length; i++) {
      if (Arrays.equals(body, i, i + needle.length, needle, 0, needle.length)) {
        return i;
      }
    }
    throw new AssertionError("not found: " + s);
  }
}
