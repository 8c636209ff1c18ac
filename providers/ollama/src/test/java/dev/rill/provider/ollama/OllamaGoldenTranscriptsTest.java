package dev.rill.provider.ollama;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rill.api.ChatRequest;
import dev.rill.api.Framing;
import dev.rill.framing.FramingLimits;
import dev.rill.framing.OfflineDecoder;
import dev.rill.testkit.golden.Golden;
import dev.rill.testkit.golden.GoldenTranscripts;
import dev.rill.testkit.property.Property;
import dev.rill.testkit.property.Splits;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class OllamaGoldenTranscriptsTest {

  private static final OllamaProvider PROVIDER = new OllamaProvider();

  static Stream<Golden> goldens() {
    return GoldenTranscripts.list("ollama").stream();
  }

  @Test
  void everyDocumentedFeatureHasATranscript() {
    assertThat(GoldenTranscripts.list("ollama")).extracting(Golden::name).contains("text", "tool-call",
        "parallel-tool-calls", "thinking", "length", "error-mid-stream", "error-model-not-found");
    assertThat(GoldenTranscripts.list("ollama")).allSatisfy(g -> assertThat(g.framing()).isEqualTo(Framing.NDJSON));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("goldens")
  void decodesToItsExpectation(Golden golden) {
    OfflineDecoder.Result result = OfflineDecoder.decode(PROVIDER, request(golden), golden.wire());
    if (golden.expect().expectsError()) {
      assertThat(result.error()).as("the stream must fail").isNotNull();
      golden.expect().mismatches(result.response(), result.error()).forEach(m -> {
        throw new AssertionError(golden.name() + ": " + m);
      });
    } else {
      assertThat(result.error()).isNull();
      assertThat(result.ended()).isTrue();
      golden.expect().assertMatches(result.response());
      assertThat(result.response().model()).isEqualTo(golden.model());
    }
  }

  /**
   * §W1.2: any partition of the wire bytes gives the same chunks: 200 splits of up to 40 cuts anywhere (empty reads
   * included), cuts inside CRLF and UTF-8 characters, reads of 1 to 64 bytes, one byte per read.
   */
  @Test
  void rechunkingDoesNotChangeTheChunks() {
    Splits<Golden> splits = Splits.of(GoldenTranscripts.list("ollama"), Golden::wire,
        p -> p.emptyReads(true).maxCuts(40));
    Property.forAll(splits).examples(splits.edgeCases()).tries(200).check(split -> {
      Golden golden = split.body();
      OfflineDecoder.Result whole = OfflineDecoder.decode(PROVIDER, request(golden), golden.wire());
      OfflineDecoder.Result pieces = OfflineDecoder.decode(PROVIDER, request(golden),
          OfflineDecoder.reads(golden.wire(), split.partition().cuts()), FramingLimits.DEFAULT);
      assertThat(pieces.chunks()).isEqualTo(whole.chunks());
      assertThat(pieces.ended()).isEqualTo(whole.ended());
      assertThat(pieces.error() == null).isEqualTo(whole.error() == null);
    });
  }

  private static ChatRequest request(Golden golden) {
    return ChatRequest.builder(golden.model() == null ? "llama3.2" : golden.model())
        .user(golden.prompt() == null ? "hello" : golden.prompt()).build();
  }

}
