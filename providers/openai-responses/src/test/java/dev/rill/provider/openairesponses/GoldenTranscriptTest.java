package dev.rill.provider.openairesponses;

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

/** The golden transcripts this jar ships, written from OpenAI's Responses streaming reference. */
class GoldenTranscriptTest {

  private static final List<String> EXPECTED = List.of("error-event", "failed", "function-call",
      "incomplete-content-filter", "incomplete-max-output-tokens", "parallel-function-calls", "reasoning-summary",
      "refusal", "text");

  static List<Golden> goldens() {
    return GoldenTranscripts.list(OpenAiResponsesProvider.ID, GoldenTranscriptTest.class.getClassLoader());
  }

  static ChatRequest requestFor(Golden g) {
    return ChatRequest.builder(g.model() == null ? "gpt-4.1" : g.model())
        .user(g.prompt() == null ? "prompt" : g.prompt()).build();
  }

  @Test
  void everyTranscriptIsIndexedAndWellFormed() {
    List<Golden> goldens = goldens();
    assertThat(goldens).extracting(Golden::name).containsExactlyElementsOf(EXPECTED);
    for (Golden g : goldens) {
      assertThat(g.providerId()).isEqualTo("openai-responses");
      assertThat(g.framing()).isEqualTo(Framing.SSE);
      assertThat(g.source()).as(g.name()).startsWith("https://platform.openai.com/docs/");
      assertThat(g.description()).as(g.name()).isNotBlank();
      assertThat(g.wireText()).as(g.name()).startsWith("event: response.created\ndata: {").endsWith("}\n\n")
          .doesNotContain("[DONE]");
    }
  }

  @TestFactory
  Stream<DynamicTest> everyTranscriptFoldsIntoItsExpectation() {
    OpenAiResponsesProvider provider = new OpenAiResponsesProvider();
    return goldens().stream().map(g -> DynamicTest.dynamicTest(g.name(), () -> {
      OfflineDecoder.Result result = OfflineDecoder.decode(provider, requestFor(g), g.wire());
      assertThat(result.events()).as("events in " + g.name()).isBetween(5, 60);
      assertThat(result.response().responseId()).as(g.name()).startsWith("resp_");
      assertThat(result.response().model()).as(g.name()).isEqualTo(g.model());
      if (g.expect().expectsError()) {
        assertThat(result.error()).as(g.name()).isNotNull();
        assertThat(g.expect().mismatches(result.response(), result.error())).as(g.name()).isEmpty();
        assertThat(result.error().hadOutput()).as(g.name()).isTrue();
      } else {
        assertThat(result.error()).as(g.name()).isNull();
        assertThat(result.ended()).as(g.name() + " ends with response.completed / incomplete").isTrue();
        assertThat(g.expect().mismatches(result.response())).as(g.name()).isEmpty();
      }
    }));
  }

  @Test
  void everyEventNameRepeatsItsJsonType() {
    for (Golden g : goldens()) {
      String[] events = g.wireText().split("\n\n");
      for (String event : events) {
        String name = event.substring("event: ".length(), event.indexOf('\n'));
        assertThat(event).as(g.name()).contains("data: {\"type\":\"" + name + "\"");
      }
    }
  }

  @Test
  void theWireIsValidUtf8() {
    for (Golden g : goldens()) {
      assertThat(new String(g.wire(), StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8)).isEqualTo(g.wire());
    }
  }
}
