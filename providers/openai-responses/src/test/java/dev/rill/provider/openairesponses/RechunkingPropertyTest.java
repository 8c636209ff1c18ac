package dev.rill.provider.openairesponses;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rill.api.ChatRequest;
import dev.rill.api.StreamingProvider;
import dev.rill.framing.FramingLimits;
import dev.rill.framing.OfflineDecoder;
import dev.rill.testkit.fixtures.Recording;
import dev.rill.testkit.fixtures.Recordings;
import dev.rill.testkit.fixtures.SharedFixtures;
import dev.rill.testkit.golden.Golden;
import dev.rill.testkit.property.Property;
import dev.rill.testkit.property.Splits;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Rule W1.2: however the body bytes are split into reads, the chunks, the end and the error are the same. Runs over
 * the golden transcripts and, when present, every shared capture of this family (the largest, 190 KB, only in the
 * random splits, not byte by byte, to keep the run short).
 */
class RechunkingPropertyTest {

  private record Body(String name, StreamingProvider provider, byte[] bytes) {
    @Override
    public String toString() {
      return name;
    }
  }

  private static final int ONE_BYTE_LIMIT = 40_000;
  private static final List<Body> BODIES = bodies();

  private static List<Body> bodies() {
    List<Body> out = new ArrayList<>();
    for (Golden g : GoldenTranscriptTest.goldens()) {
      out.add(new Body("golden " + g.name(), new OpenAiResponsesProvider(), g.wire()));
    }
    if (SharedFixtures.wireDir().isPresent()) {
      List<Path> files = new ArrayList<>(SharedFixtures.family(SharedCaptureTest.FAMILY));
      SharedFixtures.family("xai").stream()
          .filter(p -> p.getFileName().toString().equals(SharedCaptureTest.XAI_WEB_SEARCH)).forEach(files::add);
      for (Path path : files) {
        Recording r = Recordings.load(path);
        out.add(new Body(r.name(), SharedCaptureTest.providerFor(r), r.body()));
      }
    }
    return List.copyOf(out);
  }

  private static OfflineDecoder.Result decode(Body body, List<byte[]> reads) {
    return OfflineDecoder.decode(body.provider(), ChatRequest.builder("gpt").user("x").build(), reads,
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

  /**
   * 200 splits of the bodies: up to 63 cuts anywhere, cuts inside CRLF, UTF-8 characters and event-stream preludes,
   * reads of 1 to 64 bytes all through, one byte per read; no empty reads.
   */
  @Test
  void anySplitGivesTheSameChunks() {
    Splits<Body> splits = Splits.of(BODIES, Body::bytes, p -> p.maxCuts(63).everyByteUpTo(ONE_BYTE_LIMIT));
    Property.forAll(splits).tries(200).check(s -> {
      Body body = s.body();
      List<byte[]> reads = OfflineDecoder.reads(body.bytes(), s.partition().cuts());
      assertSame(body, decode(body, List.of(body.bytes())), decode(body, reads), s.partition().toString());
    });
  }

  @Test
  void oneByteReads() {
    for (Body body : BODIES) {
      if (body.bytes().length > ONE_BYTE_LIMIT) {
        continue;
      }
      List<byte[]> reads = OfflineDecoder.oneBytePerRead(body.bytes());
      assertSame(body, decode(body, List.of(body.bytes())), decode(body, reads), "in 1-byte reads");
    }
  }
}
