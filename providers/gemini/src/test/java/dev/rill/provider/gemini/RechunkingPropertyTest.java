package dev.rill.provider.gemini;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rill.api.Framing;
import dev.rill.testkit.fixtures.Recording;
import dev.rill.testkit.fixtures.Recordings;
import dev.rill.testkit.fixtures.SharedFixtures;
import dev.rill.testkit.golden.GoldenTranscripts;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * §W1.2 re-chunking invariance: every golden transcript and every shared Gemini capture, split into reads at
 * random points (down to single bytes), decodes to exactly the chunks of the whole body.
 */
class RechunkingProperties {

  /** A body and the framing it is read with. */
  record Body(String name, Framing framing, byte[] bytes) {
    @Override
    public String toString() {
      return name;
    }
  }

  @Provide
  Arbitrary<Body> bodies() {
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
    return Arbitraries.of(all);
  }

  @Property(tries = 200)
  void anySplitGivesTheSameChunks(@ForAll("bodies") Body body, @ForAll long seed,
      @ForAll boolean singleBytes) {
    Decoding.Result whole = Decoding.run(body.framing(), List.of(body.bytes()));
    Decoding.Result split = Decoding.run(body.framing(), split(body.bytes(), seed, singleBytes));
    assertThat(split.chunks()).isEqualTo(whole.chunks());
    assertThat(split.response()).isEqualTo(whole.response());
    assertThat(split.ended()).isEqualTo(whole.ended());
    assertThat(split.error() == null).isEqualTo(whole.error() == null);
  }

  static List<byte[]> split(byte[] bytes, long seed, boolean singleBytes) {
    List<byte[]> reads = new ArrayList<>();
    Random random = new Random(seed);
    int at = 0;
    while (at < bytes.length) {
      int n = singleBytes ? 1 : 1 + random.nextInt(Math.max(1, Math.min(64, bytes.length - at)));
      n = Math.min(n, bytes.length - at);
      reads.add(Arrays.copyOfRange(bytes, at, at + n));
      at += n;
    }
    return reads;
  }
}
