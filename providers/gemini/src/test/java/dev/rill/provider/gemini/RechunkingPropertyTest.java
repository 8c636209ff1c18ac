package dev.rill.provider.gemini;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rill.api.Framing;
import dev.rill.framing.OfflineDecoder;
import dev.rill.testkit.fixtures.Recording;
import dev.rill.testkit.fixtures.Recordings;
import dev.rill.testkit.fixtures.SharedFixtures;
import dev.rill.testkit.golden.GoldenTranscripts;
import dev.rill.testkit.property.Property;
import dev.rill.testkit.property.Splits;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * §W1.2 re-chunking invariance: every golden transcript and every shared Gemini capture, split into reads (a few
 * cuts anywhere, cuts inside CRLF and UTF-8 characters, reads of 1 to 64 bytes all through, one byte per read),
 * decodes to exactly the chunks of the whole body; every body is also read one byte per read.
 *
 * <p>(Named RechunkingProperties until the jqwik port: Surefire's default includes never ran it under that name.)
 */
class RechunkingPropertyTest {

  /** A body and the framing it is read with. */
  record Body(String name, Framing framing, byte[] bytes) {
    @Override
    public String toString() {
      return name;
    }
  }

  static List<Body> bodies() {
    List<Body> all = new ArrayList<>();
    GoldenTranscripts.list(GeminiProvider.ID)
        .forEach(g -> all.add(new Body("golden " + g.name(), g.framing(), g.wire())));
    GoldenTranscripts.list(VertexGeminiProvider.ID)
        .forEach(g -> all.add(new Body("golden vertex/" + g.name(), g.framing(), g.wire())));
    if (SharedFixtures.wireDir().isPresent()) {
      for (Path file : SharedFixtures.family("gemini")) {
        Recording r = Recordings.load(file);
        Framing framing = r.name().contains("json-array") ? Framing.JSON_ARRAY : Framing.SSE;
        all.add(new Body(r.name(), framing, r.body()));
      }
    }
    return all;
  }

  private static void assertSameAsWhole(Body body, List<byte[]> reads) {
    Decoding.Result whole = Decoding.run(body.framing(), List.of(body.bytes()));
    Decoding.Result split = Decoding.run(body.framing(), reads);
    assertThat(split.chunks()).isEqualTo(whole.chunks());
    assertThat(split.response()).isEqualTo(whole.response());
    assertThat(split.ended()).isEqualTo(whole.ended());
    assertThat(split.error() == null).isEqualTo(whole.error() == null);
  }

  @Test
  void anySplitGivesTheSameChunks() {
    Splits<Body> splits = Splits.of(bodies(), Body::bytes, p -> p);
    Property.forAll(splits).examples(splits.edgeCases()).tries(200)
        .check(s -> assertSameAsWhole(s.body(), OfflineDecoder.reads(s.body().bytes(), s.partition().cuts())));
  }
}
