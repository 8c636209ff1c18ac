package dev.rill.provider.anthropic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rill.api.ChatRequest;
import dev.rill.api.Framing;
import dev.rill.framing.OfflineDecoder;
import dev.rill.testkit.golden.Golden;
import dev.rill.testkit.golden.GoldenTranscripts;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** The golden transcripts this jar ships, written from Anthropic's public streaming documentation. */
class GoldenTranscriptTest {

  private static final List<String> EXPECTED = List.of("error-overloaded", "extended-thinking", "max-tokens",
      "parallel-tool-use", "pings", "prompt-caching", "redacted-thinking", "refusal", "server-tool-pause-turn",
      "stop-sequence", "text", "tool-use", "unknown-event");

  static List<Golden> goldens() {
    return GoldenTranscripts.list(AnthropicProvider.ID, GoldenTranscriptTest.class.getClassLoader());
  }

  static ChatRequest requestFor(Golden g) {
    return ChatRequest.builder(g.model() == null ? "claude" : g.model())
        .user(g.prompt() == null ? "prompt" : g.prompt()).build();
  }

  @Test
  void everyTranscriptIsIndexedAndWellFormed() {
    List<Golden> goldens = goldens();
    assertThat(goldens).extracting(Golden::name).containsExactlyElementsOf(EXPECTED);
    for (Golden g : goldens) {
      assertThat(g.providerId()).isEqualTo("anthropic");
      assertThat(g.framing()).isEqualTo(Framing.SSE);
      assertThat(g.source()).as(g.name()).startsWith("https://docs.anthropic.com/");
      assertThat(g.description()).as(g.name()).isNotBlank();
      assertThat(g.wireText()).as(g.name()).startsWith("event: ").endsWith("\n\n");
    }
  }

  @TestFactory
  Stream<DynamicTest> everyTranscriptFoldsIntoItsExpectation() {
    AnthropicProvider provider = new AnthropicProvider();
    return goldens().stream().map(g -> DynamicTest.dynamicTest(g.name(), () -> {
      OfflineDecoder.Result result = OfflineDecoder.decode(provider, requestFor(g), g.wire());
      assertThat(result.events()).as("events in " + g.name()).isBetween(5, 60);
      if (g.expect().expectsError()) {
        assertThat(result.error()).as(g.name()).isNotNull();
        assertThat(g.expect().mismatches(result.response(), result.error())).as(g.name()).isEmpty();
        assertThat(result.error().hadOutput()).isTrue();
      } else {
        assertThat(result.error()).as(g.name()).isNull();
        assertThat(result.ended()).as(g.name() + " ends with message_stop").isTrue();
        assertThat(g.expect().mismatches(result.response())).as(g.name()).isEmpty();
        assertThat(result.response().responseId()).as(g.name()).startsWith("msg_");
      }
    }));
  }

  @Test
  void theWireIsValidUtf8() {
    for (Golden g : goldens()) {
      assertThat(new String(g.wire(), StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8)).isEqualTo(g.wire());
    }
  }
}
