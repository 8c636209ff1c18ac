package dev.rill.provider.bedrock;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rill.api.ChatRequest;
import dev.rill.api.Framing;
import dev.rill.framing.OfflineDecoder;
import dev.rill.testkit.golden.Golden;
import dev.rill.testkit.golden.GoldenTranscripts;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** The golden transcripts this jar ships, written from AWS's Bedrock ConverseStream documentation. */
class GoldenTranscriptTest {

  private static final List<String> EXPECTED = List.of("guardrail-intervened", "max-tokens", "parallel-tool-use",
      "prompt-caching", "reasoning", "text", "throttling-exception", "tool-use");

  static List<Golden> goldens() {
    return GoldenTranscripts.list(BedrockProvider.ID, GoldenTranscriptTest.class.getClassLoader());
  }

  static ChatRequest requestFor(Golden g) {
    return ChatRequest.builder(g.model() == null ? "model" : g.model())
        .user(g.prompt() == null ? "prompt" : g.prompt()).build();
  }

  @Test
  void everyTranscriptIsIndexedAndWellFormed() {
    List<Golden> goldens = goldens();
    assertThat(goldens).extracting(Golden::name).containsExactlyElementsOf(EXPECTED);
    for (Golden g : goldens) {
      assertThat(g.providerId()).isEqualTo("bedrock");
      assertThat(g.framing()).isEqualTo(Framing.AWS_EVENT_STREAM);
      assertThat(g.source()).as(g.name()).startsWith("https://docs.aws.amazon.com/bedrock/");
      assertThat(g.description()).as(g.name()).isNotBlank();
      assertThat(g.model()).as(g.name()).isNotBlank();
    }
  }

  @TestFactory
  Stream<DynamicTest> everyTranscriptFoldsIntoItsExpectation() {
    BedrockProvider provider = new BedrockProvider();
    return goldens().stream().map(g -> DynamicTest.dynamicTest(g.name(), () -> {
      OfflineDecoder.Result result = OfflineDecoder.decode(provider, requestFor(g), g.wire());
      assertThat(result.events()).as("events in " + g.name()).isBetween(5, 60);
      if (g.expect().expectsError()) {
        assertThat(result.error()).as(g.name()).isNotNull();
        assertThat(g.expect().mismatches(result.response(), result.error())).as(g.name()).isEmpty();
        assertThat(result.error().hadOutput()).isTrue();
      } else {
        assertThat(result.error()).as(g.name()).isNull();
        assertThat(result.ended()).as(g.name() + " ends with metadata").isTrue();
        assertThat(g.expect().mismatches(result.response())).as(g.name()).isEmpty();
      }
    }));
  }

  @Test
  void theThrottlingTranscriptCarriesTheMessage() {
    Golden g = goldens().stream().filter(x -> x.name().equals("throttling-exception")).findFirst().orElseThrow();
    OfflineDecoder.Result result = OfflineDecoder.decode(new BedrockProvider(), requestFor(g), g.wire());
    assertThat(result.error().providerMessage()).isEqualTo("Too many tokens, please wait before trying again.");
    assertThat(result.error().retryable()).isTrue();
  }
}
