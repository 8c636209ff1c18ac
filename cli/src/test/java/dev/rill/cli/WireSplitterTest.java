package dev.rill.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rill.api.Framing;
import dev.rill.testkit.golden.Golden;
import dev.rill.testkit.golden.GoldenTranscripts;
import dev.rill.testkit.property.Gen;
import dev.rill.testkit.property.Gens;
import dev.rill.testkit.property.Property;
import dev.rill.testkit.property.Show;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class WireSplitterTest {

  /** A body and the framing it is split by. */
  record Framed(Framing framing, byte[] body) {
    @Override
    public String toString() {
      return framing + " " + Show.bytes(body);
    }
  }

  @Test
  void piecesConcatenateToTheBody() {
    Gen<Framing> framings = Gens.enums(Framing.class);
    Gen<byte[]> bodies = Gens.byteArrays(0, 255);
    Property.forAll(c -> new Framed(framings.generate(c), bodies.generate(c))).tries(200).check(f -> {
      List<byte[]> pieces = WireSplitter.split(f.framing(), f.body());

      assertThat(concat(pieces)).isEqualTo(f.body());
      assertThat(pieces).allSatisfy(p -> assertThat(p).isNotEmpty());
    });
  }

  @Test
  void sseIsCutAfterEachBlankLine() {
    byte[] body = "data: a\n\n: keep-alive\n\nevent: x\r\ndata: b\r\n\r\ndata: [DONE]\n\n".getBytes(StandardCharsets.UTF_8);

    assertThat(WireSplitter.split(Framing.SSE, body)).extracting(b -> new String(b, StandardCharsets.UTF_8))
        .containsExactly("data: a\n\n", ": keep-alive\n\n", "event: x\r\ndata: b\r\n\r\n", "data: [DONE]\n\n");
  }

  @Test
  void ndjsonIsCutAfterEachLine() {
    byte[] body = "{\"a\":1}\n{\"b\":2}\n{\"c\"".getBytes(StandardCharsets.UTF_8);

    assertThat(WireSplitter.split(Framing.NDJSON, body)).extracting(b -> new String(b, StandardCharsets.UTF_8))
        .containsExactly("{\"a\":1}\n", "{\"b\":2}\n", "{\"c\"");
  }

  @Test
  void eventStreamIsCutByTheLengthPrelude() {
    byte[] first = message(20);
    byte[] second = message(16);
    byte[] body = concat(List.of(first, second, new byte[] {1, 2}));

    assertThat(WireSplitter.split(Framing.AWS_EVENT_STREAM, body)).hasSize(3)
        .satisfies(p -> assertThat(p.get(0)).isEqualTo(first), p -> assertThat(p.get(1)).isEqualTo(second));
  }

  @Test
  void jsonArrayIsCutAfterEachElement() {
    byte[] body = "[{\"t\":\"a,]}\"},\n{\"t\":[1,2]}]".getBytes(StandardCharsets.UTF_8);

    assertThat(WireSplitter.split(Framing.JSON_ARRAY, body)).extracting(b -> new String(b, StandardCharsets.UTF_8))
        .containsExactly("[{\"t\":\"a,]}\"},", "\n{\"t\":[1,2]}]");
  }

  @Test
  void goldenSseTranscriptsGiveOnePiecePerEvent() {
    Golden golden = GoldenTranscripts.load("openai", "text-usage");
    List<byte[]> pieces = WireSplitter.split(golden.framing(), golden.wire());
    long events = golden.wireText().lines().filter(l -> l.startsWith("data:")).count();

    assertThat(pieces).hasSize((int) events);
    assertThat(new String(pieces.get(pieces.size() - 1), StandardCharsets.UTF_8)).isEqualTo("data: [DONE]\n\n");
  }

  private static byte[] message(int length) {
    byte[] m = new byte[length];
    m[3] = (byte) length;
    return m;
  }

  private static byte[] concat(List<byte[]> pieces) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    pieces.forEach(out::writeBytes);
    return out.toByteArray();
  }
}
