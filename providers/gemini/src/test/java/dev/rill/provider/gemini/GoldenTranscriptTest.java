package dev.rill.provider.gemini;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rill.api.Framing;
import dev.rill.testkit.golden.Golden;
import dev.rill.testkit.golden.GoldenTranscripts;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The golden transcripts shipped in the jar decode to their stated expectations. */
class GoldenTranscriptTest {

  static Stream<Golden> goldens() {
    return Stream.concat(GoldenTranscripts.list(GeminiProvider.ID).stream(),
        GoldenTranscripts.list(VertexGeminiProvider.ID).stream());
  }

  @Test
  void theJarShipsAnIndexedTranscriptPerFeature() {
    List<String> names = GoldenTranscripts.list(GeminiProvider.ID).stream().map(Golden::name).toList();
    assertThat(names).contains("text", "function-call", "parallel-function-calls", "thinking-summaries",
        "function-call-thought-signature", "max-tokens", "safety", "prompt-blocked", "cached-content-usage",
        "error-unavailable", "malformed-function-call");
    assertThat(GoldenTranscripts.list(VertexGeminiProvider.ID)).extracting(Golden::name)
        .containsExactly("streamed-function-call-arguments", "text", "thinking-summaries");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("goldens")
  void decodesToItsExpectation(Golden golden) {
    assertThat(golden.framing()).isEqualTo(Framing.SSE);
    Decoding.Result result = Decoding.sse(golden.wire());
    if (golden.expect().expectsError()) {
      assertThat(result.error()).as("the stream must fail").isNotNull();
      List<String> mismatches = golden.expect().mismatches(result.response(), result.error());
      assertThat(mismatches).isEmpty();
    } else {
      assertThat(result.error()).isNull();
      assertThat(result.ended()).as("a finish reason ends a Gemini stream").isTrue();
      assertThat(golden.expect().mismatches(result.response())).isEmpty();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("goldens")
  void eventsAreSeparatedByCrlfAsGoogleSendsThem(Golden golden) {
    String wire = golden.wireText();
    assertThat(wire).startsWith("data: ").endsWith("\r\n\r\n");
    assertThat(wire.replace("\r\n", "")).doesNotContain("\n");
  }
}
