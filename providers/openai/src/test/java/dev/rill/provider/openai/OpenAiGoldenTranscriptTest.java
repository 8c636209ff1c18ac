package dev.rill.provider.openai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rill.api.ChatRequest;
import dev.rill.api.Framing;
import dev.rill.framing.FramingLimits;
import dev.rill.framing.OfflineDecoder;
import dev.rill.testkit.golden.Golden;
import dev.rill.testkit.golden.GoldenTranscripts;
import dev.rill.testkit.property.Property;
import dev.rill.testkit.property.Splits;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** The transcripts this jar ships, decoded through the SSE framer as the demo and the conformance kit replay them. */
class OpenAiGoldenTranscriptTest {

  private static final OpenAiProvider PROVIDER = new OpenAiProvider();
  private static final List<String> EXPECTED = List.of("content-filter", "done-inside-content", "error-after-output",
      "finish-length", "keep-alive-comments", "parallel-tool-calls", "reasoning-content", "refusal",
      "single-tool-call", "structured-output", "text-usage", "unknown-finish-reason");

  private static ChatRequest request(Golden g) {
    return ChatRequest.builder(g.model() == null ? "gpt-4o-mini" : g.model())
        .user(g.prompt() == null ? "hi" : g.prompt()).build();
  }

  private static OpenAiProvider provider() {
    return PROVIDER;
  }

  @Test
  void everyTranscriptIsIndexedAndWellFormed() {
    List<Golden> all = GoldenTranscripts.list("openai");
    assertThat(all).extracting(Golden::name).containsExactlyElementsOf(EXPECTED);
    for (Golden g : all) {
      assertThat(g.framing()).isEqualTo(Framing.SSE);
      assertThat(g.source()).startsWith("https://");
      String wire = g.wireText();
      int events = wire.split("\n\n", -1).length - 1;
      assertThat(events).as(g.name()).isBetween(5, 60);
      assertThat(wire).as(g.name()).endsWith("\n\n");
      if (!g.expect().expectsError()) {
        assertThat(wire).as(g.name()).endsWith("data: [DONE]\n\n");
      }
    }
    assertThat(all.stream().filter(g -> g.wireText().split("\n\n").length >= 30).count()).isGreaterThanOrEqualTo(2);
  }

  @TestFactory
  Stream<DynamicTest> eachTranscriptFoldsToItsExpectation() {
    return GoldenTranscripts.list("openai").stream().map(g -> DynamicTest.dynamicTest(g.name(), () -> {
      OpenAiProvider p = provider();
      OfflineDecoder.Result result = OfflineDecoder.decode(p, request(g), g.wire());
      if (g.expect().expectsError()) {
        assertThat(result.error()).as("the stream must fail").isNotNull();
        assertThat(g.expect().mismatches(result.error().partial(), result.error())).isEmpty();
        assertThat(result.error().partial().text()).isEqualTo(g.expect().text());
      } else {
        assertThat(result.error()).isNull();
        assertThat(result.ended()).isTrue();
        g.expect().assertMatches(result.response());
        assertThat(result.chunks()).noneMatch(dev.rill.api.StreamChunk::isEmpty);
      }
    }));
  }

  @Test
  void keepAliveCommentsAreCountedNotDecoded() {
    Golden g = GoldenTranscripts.load("openai", "keep-alive-comments");
    OfflineDecoder.Result result = OfflineDecoder.decode(PROVIDER, request(g), g.wire());
    assertThat(result.keepAlives()).isGreaterThanOrEqualTo(4);
    assertThat(result.response().text()).isEqualTo("Hello! How can I help you today?");
  }

  @Test
  void responseInfoComesFromTheStream() {
    Golden g = GoldenTranscripts.load("openai", "text-usage");
    OfflineDecoder.Result result = OfflineDecoder.decode(PROVIDER, request(g), g.wire());
    assertThat(result.response().responseId()).isEqualTo("chatcmpl-BxQ3aTz8Vn1rWm5Kp2Lc7Hd9Ye4Fo");
    assertThat(result.response().model()).isEqualTo("gpt-4o-mini-2024-07-18");
  }

  /**
   * Any partition of a transcript's bytes (up to 40 cuts, empty reads included, down to single bytes, inside CRLF
   * and UTF-8 characters) gives the same chunks, fold and error.
   */
  @Test
  void anyPartitionGivesTheSameFold() {
    Splits<Golden> splits = Splits.of(GoldenTranscripts.list("openai"), Golden::wire,
        p -> p.emptyReads(true).maxCuts(40));
    Property.forAll(splits).examples(splits.edgeCases()).tries(200).check(s -> {
      Golden g = s.body();
      OfflineDecoder.Result whole = OfflineDecoder.decode(PROVIDER, request(g), g.wire());
      List<byte[]> reads = OfflineDecoder.reads(g.wire(), s.partition().cuts());
      OfflineDecoder.Result parts = OfflineDecoder.decode(PROVIDER, request(g), reads, FramingLimits.DEFAULT);
      assertThat(parts.chunks()).isEqualTo(whole.chunks());
      assertThat(parts.response()).isEqualTo(whole.response());
      assertThat(parts.ended()).isEqualTo(whole.ended());
      assertThat(parts.error() == null ? null : parts.error().kind())
          .isEqualTo(whole.error() == null ? null : whole.error().kind());
    });
  }

  @Test
  void oneByteReadsGiveTheSameFold() {
    for (Golden g : GoldenTranscripts.list("openai")) {
      byte[] wire = g.wire();
      List<byte[]> reads = new ArrayList<>(wire.length);
      for (byte b : wire) {
        reads.add(new byte[] {b});
      }
      OfflineDecoder.Result whole = OfflineDecoder.decode(PROVIDER, request(g), wire);
      OfflineDecoder.Result dripped = OfflineDecoder.decode(PROVIDER, request(g), reads, FramingLimits.DEFAULT);
      assertThat(dripped.response()).as(g.name()).isEqualTo(whole.response());
    }
  }

  @Test
  void crlfLineEndsGiveTheSameFold() {
    for (Golden g : GoldenTranscripts.list("openai")) {
      byte[] crlf = g.wireText().replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
      OfflineDecoder.Result whole = OfflineDecoder.decode(PROVIDER, request(g), g.wire());
      assertThat(OfflineDecoder.decode(PROVIDER, request(g), crlf).response()).as(g.name())
          .isEqualTo(whole.response());
    }
  }
}
