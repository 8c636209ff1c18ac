package dev.rill.provider.anthropic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rill.api.ChatRequest;
import dev.rill.api.StreamingProvider;
import dev.rill.framing.FramingLimits;
import dev.rill.framing.OfflineDecoder;
import dev.rill.testkit.fixtures.Recording;
import dev.rill.testkit.fixtures.Recordings;
import dev.rill.testkit.fixtures.SharedFixtures;
import dev.rill.testkit.golden.Golden;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Rule W1.2: however the body bytes are split into reads, the chunks, the end and the error are the same. Runs over
 * the golden transcripts and, when present, every shared capture (as sent).
 */
class RechunkingPropertyTest {

  private record Body(String name, StreamingProvider provider, byte[] bytes) {}

  private static final List<Body> BODIES = bodies();

  private static List<Body> bodies() {
    List<Body> out = new ArrayList<>();
    for (Golden g : GoldenTranscriptTest.goldens()) {
      out.add(new Body("golden " + g.name(), new AnthropicProvider(), g.wire()));
    }
    if (SharedFixtures.wireDir().isPresent()) {
      for (var path : SharedFixtures.family(SharedCaptureTest.FAMILY)) {
        Recording r = Recordings.load(path);
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        SharedCaptureTest.asSent(r).forEach(all::writeBytes);
        out.add(new Body(r.name(), SharedCaptureTest.providerFor(r), all.toByteArray()));
      }
    }
    return List.copyOf(out);
  }

  private static OfflineDecoder.Result decode(Body body, List<byte[]> reads) {
    return OfflineDecoder.decode(body.provider(), ChatRequest.builder("claude").user("x").build(), reads,
        FramingLimits.DEFAULT);
  }

  private static void assertSame(Body body, OfflineDecoder.Result whole, OfflineDecoder.Result split, String how) {
    assertThat(split.chunks()).as(body.name() + " " + how).isEqualTo(whole.chunks());
    assertThat(split.ended()).as(body.name() + " " + how).isEqualTo(whole.ended());
    assertThat(split.response().responseId()).isEqualTo(whole.response().responseId());
    if (whole.error() == null) {
      assertThat(split.error()).as(body.name() + " " + how).isNull();
    } else {
      assertThat(split.error()).as(body.name() + " " + how).isNotNull();
      assertThat(split.error().kind()).isEqualTo(whole.error().kind());
      assertThat(split.error().providerCode()).isEqualTo(whole.error().providerCode());
    }
  }

  @Property(tries = 200)
  void anySplitGivesTheSameChunks(@ForAll @IntRange(min = 0, max = 10_000) int which, @ForAll long seed,
      @ForAll @IntRange(min = 1, max = 64) int maxPieces) {
    Body body = BODIES.get(which % BODIES.size());
    Random random = new Random(seed);
    int pieces = Math.min(maxPieces, body.bytes().length);
    int[] cuts = random.ints(pieces - 1, 1, Math.max(2, body.bytes().length)).sorted().distinct().toArray();
    List<byte[]> reads = OfflineDecoder.reads(body.bytes(), cuts);
    assertSame(body, decode(body, List.of(body.bytes())), decode(body, reads), "cut at " + Arrays.toString(cuts));
  }

  @Example
  void oneByteReads() {
    for (Body body : BODIES) {
      List<byte[]> reads = OfflineDecoder.oneBytePerRead(body.bytes());
      assertSame(body, decode(body, List.of(body.bytes())), decode(body, reads), "in 1-byte reads");
    }
  }
}
