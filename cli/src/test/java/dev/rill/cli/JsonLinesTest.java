package dev.rill.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rill.api.ChatResponse;
import dev.rill.api.FinishReason;
import dev.rill.api.StreamChunk;
import dev.rill.api.ToolCall;
import dev.rill.api.ToolCallDelta;
import dev.rill.api.Usage;
import dev.rill.testkit.property.Gen;
import dev.rill.testkit.property.Gens;
import dev.rill.testkit.property.Property;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonLinesTest {

  private static String write(java.util.function.Consumer<JsonLines> action) {
    StringWriter buffer = new StringWriter();
    action.accept(new JsonLines(new PrintWriter(buffer)));
    return buffer.toString();
  }

  @Test
  void argumentsAreParsedJsonWhenValidElseTheRawString() {
    ChatResponse response = new ChatResponse("openai", "m", null, "", "", "",
        List.of(ToolCall.of("c1", "f", "{\"a\":[1,true,null]}"), ToolCall.of("c2", "g", "{\"a\":")),
        null, FinishReason.of(FinishReason.Kind.TOOL_CALLS, "tool_calls"), 2, List.of(), List.of(), null, List.of());

    Map<String, Object> line = JsonObjects.object(write(l -> l.response(response)).strip());

    List<?> calls = (List<?>) line.get("toolCalls");
    assertThat(((Map<?, ?>) calls.get(0)).get("arguments")).isEqualTo(Map.of("a", java.util.Arrays.asList(1L, true, null)));
    assertThat(((Map<?, ?>) calls.get(1)).get("arguments")).isEqualTo("{\"a\":");
    assertThat(line).containsEntry("usage", null);
  }

  @Test
  void isOneJsonValueRejectsTrailingContent() {
    assertThat(JsonLines.isOneJsonValue(" {\"a\":1} ")).isTrue();
    assertThat(JsonLines.isOneJsonValue("\"s\"")).isTrue();
    assertThat(JsonLines.isOneJsonValue("{} {}")).isFalse();
    assertThat(JsonLines.isOneJsonValue("{} x")).isFalse();
    assertThat(JsonLines.isOneJsonValue("")).isFalse();
  }

  /** Three texts of a chunk. */
  record Texts(String content, String reasoning, String arguments) {}

  @Test
  void anyChunkTextRoundTrips() {
    Gen<String> text = Gens.strings();
    Gen<Texts> texts = c -> new Texts(text.generate(c), text.generate(c), text.generate(c));
    List<Texts> edges = Gens.EDGE_STRINGS.stream().map(s -> new Texts(s, s, s)).toList();
    Property.forAll(texts).examples(edges).tries(200)
        .check(t -> assertRoundTrips(t.content(), t.reasoning(), t.arguments()));
  }

  @SuppressWarnings("unchecked")
  private static void assertRoundTrips(String content, String reasoning, String arguments) {
    StreamChunk chunk = StreamChunk.builder().content(content).reasoning(reasoning)
        .toolCalls(List.of(ToolCallDelta.of(0, null, "f", arguments)))
        .usage(new Usage(1L, null, null, null, null, null)).build();

    String out = write(l -> l.chunk(chunk));

    assertThat(out).endsWith("\n").doesNotContain("\n\n");
    assertThat(out.strip().lines()).hasSize(1);
    Map<String, Object> line = JsonObjects.object(out.strip());
    assertThat(line).containsEntry("type", "chunk").containsEntry("content", content)
        .containsEntry("reasoning", reasoning).containsEntry("finishReason", null);
    assertThat(((Map<?, ?>) ((List<?>) line.get("toolCalls")).get(0)).get("arguments")).isEqualTo(arguments);
    assertThat((Map<Object, Object>) line.get("usage")).containsEntry("inputTokens", 1L).containsEntry("outputTokens", null);
  }
}
