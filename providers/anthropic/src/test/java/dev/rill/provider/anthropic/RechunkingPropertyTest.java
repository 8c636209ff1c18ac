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
import dev.rill.testkit.property.Property;
import dev.rill.testkit.property.Splits;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Rule W1.2: however the body bytes are split into reads, the chunks, the end and the error are the same. Runs over
 * the golden transcripts and, when present, every shared capture (as sent).
 */
class RechunkingPropertyTest {

  private record Body(String name, StreamingProvider provider, byte[] bytes) {
    @Override
    public String toString() {
      return name;
    }
  }

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

  /**
   * 200 splits of the bodies: up to 63 cuts anywhere, cuts inside CRLF, UTF-8 characters and event-stream preludes,
   * reads of 1 to 64 bytes all through, one byte per read; no empty reads.
   */
  @Test
  void anySplitGivesTheSameChunks() {
    Splits<Body> splits = Splits.of(BODIES, Body::bytes, p -> p.maxCuts(63));
    Property.forAll(splits).tries(200).check(s -> {
      Body body = s.body();
      List<byte[]> reads = OfflineDecoder.reads(body.bytes(), s.partition().cuts());
      assertSame(body, decode(body, List.of(body.bytes())), decode(body, reads), s.partition().toString());
    });
  }

  @Test
  void oneByteReads() {
    for (Body body : BODIES) {
      List<byte[]> reads = OfflineDecoder.oneBytePerRead(body.bytes());
      assertSame(body, decode(body, List.of(body.bytes())), decode(body, reads), "in 1-byte reads");
    }
  }
}
