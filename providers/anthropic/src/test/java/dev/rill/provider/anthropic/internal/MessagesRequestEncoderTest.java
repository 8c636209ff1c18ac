package dev.rill.provider.anthropic.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.rill.api.ChatRequest;
import dev.rill.api.ErrorKind;
import dev.rill.api.Message;
import dev.rill.api.Part;
import dev.rill.api.ReasoningOptions;
import dev.rill.api.RillException;
import dev.rill.api.Tool;
import dev.rill.api.ToolCall;
import dev.rill.api.ToolChoice;
import dev.rill.testkit.RecordingSink;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MessagesRequestEncoderTest {

  private static final MessagesRequestEncoder ANTHROPIC =
      new MessagesRequestEncoder("anthropic", MessagesRequestEncoder.BodyStyle.ANTHROPIC);
  private static final MessagesRequestEncoder VERTEX =
      new MessagesRequestEncoder("vertex-anthropic", MessagesRequestEncoder.BodyStyle.VERTEX);

  private static String encode(ChatRequest r) {
    return new String(ANTHROPIC.encode(r), StandardCharsets.UTF_8);
  }

  @Test
  void minimalRequestGetsTheDefaultMaxTokensAndStream() {
    ChatRequest r = ChatRequest.builder("claude-sonnet-4-5").user("Hello").build();
    assertThat(encode(r)).isEqualTo("{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":4096,"
        + "\"messages\":[{\"role\":\"user\",\"content\":\"Hello\"}],\"stream\":true}");
  }

  @Test
  void everyStandardFieldInOrder() {
    ChatRequest r = ChatRequest.builder("claude-sonnet-4-5")
        .system("Be brief.")
        .user("Weather in Paris?")
        .system("Use metric units.")
        .tool(Tool.of("get_weather", "Current weather",
            "{ \"type\": \"object\", \"properties\": {\"city\": {\"type\": \"string\"}}, \"required\": [\"city\"] }"))
        .toolChoice(ToolChoice.AUTO)
        .temperature(0.5)
        .topP(0.9)
        .maxTokens(300)
        .stop("END", "\n\nHuman:")
        .build();
    assertThat(encode(r)).isEqualTo("{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":300,"
        + "\"system\":\"Be brief.\\n\\nUse metric units.\","
        + "\"messages\":[{\"role\":\"user\",\"content\":\"Weather in Paris?\"}],"
        + "\"tools\":[{\"name\":\"get_weather\",\"description\":\"Current weather\",\"input_schema\":{\"type\":"
        + "\"object\",\"properties\":{\"city\":{\"type\":\"string\"}},\"required\":[\"city\"]}}],"
        + "\"tool_choice\":{\"type\":\"auto\"},\"temperature\":0.5,\"top_p\":0.9,"
        + "\"stop_sequences\":[\"END\",\"\\n\\nHuman:\"],\"stream\":true}");
  }

  @Test
  void toolChoiceModes() {
    ChatRequest.Builder b = ChatRequest.builder("m").user("x").tool(Tool.of("f", "", null));
    assertThat(encode(b.toolChoice(ToolChoice.REQUIRED).build())).contains("\"tool_choice\":{\"type\":\"any\"}")
        .contains("\"tools\":[{\"name\":\"f\",\"input_schema\":{\"type\":\"object\",\"properties\":{}}}]");
    assertThat(encode(b.toolChoice(ToolChoice.NONE).build())).contains("\"tool_choice\":{\"type\":\"none\"}");
    assertThat(encode(b.toolChoice(ToolChoice.named("f")).build()))
        .contains("\"tool_choice\":{\"type\":\"tool\",\"name\":\"f\"}");
  }

  @Test
  void toolConversationWithMergedToolResults() {
    ChatRequest r = ChatRequest.builder("claude-sonnet-4-5")
        .user("Weather and time in Paris?")
        .message(Message.assistantToolCalls("Checking both.", List.of(
            ToolCall.of("toolu_1", "get_weather", "{\"city\": \"Paris\"}"),
            ToolCall.of("toolu_2", "get_time", ""))))
        .message(Message.toolResult("toolu_1", "18°C, sunny"))
        .message(Message.toolResult("toolu_2", "14:05"))
        .user("Thanks! And tomorrow?")
        .maxTokens(100)
        .build();
    assertThat(encode(r)).isEqualTo("{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":100,\"messages\":["
        + "{\"role\":\"user\",\"content\":\"Weather and time in Paris?\"},"
        + "{\"role\":\"assistant\",\"content\":[{\"type\":\"text\",\"text\":\"Checking both.\"},"
        + "{\"type\":\"tool_use\",\"id\":\"toolu_1\",\"name\":\"get_weather\",\"input\":{\"city\":\"Paris\"}},"
        + "{\"type\":\"tool_use\",\"id\":\"toolu_2\",\"name\":\"get_time\",\"input\":{}}]},"
        + "{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\"toolu_1\",\"content\":"
        + "\"18°C, sunny\"},{\"type\":\"tool_result\",\"tool_use_id\":\"toolu_2\",\"content\":\"14:05\"},"
        + "{\"type\":\"text\",\"text\":\"Thanks! And tomorrow?\"}]}],\"stream\":true}");
  }

  @Test
  void imagesByUrlBase64AndDataUrl() {
    ChatRequest r = ChatRequest.builder("m").maxTokens(10)
        .message(Message.user(Part.text("What is in these?"), Part.imageUrl("https://example.com/cat.png"),
            Part.image(new byte[] {1, 2, 3}, "image/png"), Part.imageUrl("data:image/jpeg;base64,/9j/4A==")))
        .build();
    assertThat(encode(r)).isEqualTo("{\"model\":\"m\",\"max_tokens\":10,\"messages\":[{\"role\":\"user\","
        + "\"content\":[{\"type\":\"text\",\"text\":\"What is in these?\"},"
        + "{\"type\":\"image\",\"source\":{\"type\":\"url\",\"url\":\"https://example.com/cat.png\"}},"
        + "{\"type\":\"image\",\"source\":{\"type\":\"base64\",\"media_type\":\"image/png\",\"data\":\"AQID\"}},"
        + "{\"type\":\"image\",\"source\":{\"type\":\"base64\",\"media_type\":\"image/jpeg\",\"data\":\"/9j/4A==\"}}"
        + "]}],\"stream\":true}");
  }

  @Test
  void thinkingFromABudget() {
    ChatRequest r = ChatRequest.builder("m").user("x").maxTokens(20000).reasoning(ReasoningOptions.budget(10000))
        .build();
    assertThat(encode(r)).isEqualTo("{\"model\":\"m\",\"max_tokens\":20000,\"messages\":[{\"role\":\"user\","
        + "\"content\":\"x\"}],\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":10000},\"stream\":true}");
  }

  @Test
  void thinkingFromAnEffortAndTheDefaultMaxTokensStaysAboveTheBudget() {
    assertThat(encode(ChatRequest.builder("m").user("x").reasoning(ReasoningOptions.effort("low")).build()))
        .contains("\"max_tokens\":5120,").contains("\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":1024}");
    assertThat(encode(ChatRequest.builder("m").user("x").reasoning(ReasoningOptions.effort("MEDIUM")).build()))
        .contains("\"max_tokens\":8192,").contains("\"budget_tokens\":4096");
    assertThat(encode(ChatRequest.builder("m").user("x").reasoning(ReasoningOptions.effort("high")).build()))
        .contains("\"max_tokens\":20480,").contains("\"budget_tokens\":16384");
    assertThat(encode(ChatRequest.builder("m").user("x").reasoning(ReasoningOptions.budget(0)).build()))
        .contains("\"max_tokens\":4096,").contains("\"thinking\":{\"type\":\"disabled\"}");
  }

  @Test
  void unknownEffortIsAnInvalidRequest() {
    RillException e = catchThrowableOfType(RillException.class,
        () -> encode(ChatRequest.builder("m").user("x").reasoning(ReasoningOptions.effort("extreme")).build()));
    assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
    assertThat(e.getMessage()).contains("extreme");
  }

  @Test
  void optionsAreMergedLastAndReplaceFieldsOfTheSameName() {
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("user_id", "u-1");
    ChatRequest r = ChatRequest.builder("m").user("x").temperature(0.2)
        .option("anthropic-messages", "temperature", 1)
        .option("anthropic-messages", "metadata", metadata)
        .option("anthropic-messages", "stream", false)
        .option("anthropic-messages", "top_k", 40L)
        .option("anthropic-messages", "service_tier", "auto")
        .option("anthropic-messages", "flags", List.of(true, 1.5, "a"))
        .build();
    assertThat(encode(r)).isEqualTo("{\"model\":\"m\",\"max_tokens\":4096,\"messages\":[{\"role\":\"user\","
        + "\"content\":\"x\"}],\"stream\":true,\"temperature\":1,\"metadata\":{\"user_id\":\"u-1\"},\"top_k\":40,"
        + "\"service_tier\":\"auto\",\"flags\":[true,1.5,\"a\"]}");
  }

  @Test
  void vertexBodyHasAnthropicVersionAndNoModel() {
    ChatRequest r = ChatRequest.builder("claude-sonnet-4-5@20250929").user("Hi").build();
    assertThat(new String(VERTEX.encode(r), StandardCharsets.UTF_8)).isEqualTo(
        "{\"anthropic_version\":\"vertex-2023-10-16\",\"max_tokens\":4096,\"messages\":[{\"role\":\"user\","
            + "\"content\":\"Hi\"}],\"stream\":true}");
  }

  @Test
  void invalidToolJsonIsAnInvalidRequestNamingTheCulprit() {
    RillException e = catchThrowableOfType(RillException.class, () -> encode(ChatRequest.builder("m").user("x")
        .tool(Tool.of("broken", "", "{\"type\":")).build()));
    assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
    assertThat(e.getMessage()).contains("tool 'broken'");
    RillException notObject = catchThrowableOfType(RillException.class, () -> encode(ChatRequest.builder("m")
        .user("x").message(Message.assistantToolCalls(null, List.of(ToolCall.of("t1", "f", "[1]")))).build()));
    assertThat(notObject.kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
    assertThat(notObject.getMessage()).contains("'t1'");
  }

  @Test
  void unsupportedOptionValueIsAnInvalidRequest() {
    RillException e = catchThrowableOfType(RillException.class,
        () -> encode(ChatRequest.builder("m").user("x").option("anthropic-messages", "when", new Object()).build()));
    assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
    assertThat(e.getMessage()).contains("'when'");
  }

  /**
   * Extended thinking with tool use, as https://docs.claude.com/en/docs/build-with-claude/extended-thinking
   * ("Preserving thinking blocks") requires: the assistant turn that called the tool goes back with its thinking
   * block and signature (and any redacted_thinking block, data untouched) first, then its text and tool_use.
   */
  @Test
  void assistantTurnSendsThinkingAndRedactedBlocksBackBeforeTextAndToolUse() {
    MessagesStreamDecoder decoder = new MessagesStreamDecoder("anthropic", "claude-sonnet-4-5");
    RecordingSink sink = new RecordingSink("anthropic"); // the fold names who answered: the blocks' origin
    for (String event : List.of(
        "{\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\",\"model\":\"claude-sonnet-4-5\","
            + "\"usage\":{\"input_tokens\":50,\"output_tokens\":1}}}",
        "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"redacted_thinking\","
            + "\"data\":\"EmwKAhgBEgy3va3pzix/LafPsn4a\"}}",
        "{\"type\":\"content_block_stop\",\"index\":0}",
        "{\"type\":\"content_block_start\",\"index\":1,\"content_block\":{\"type\":\"thinking\",\"thinking\":\"\","
            + "\"signature\":\"\"}}",
        "{\"type\":\"content_block_delta\",\"index\":1,\"delta\":{\"type\":\"thinking_delta\","
            + "\"thinking\":\"I need the weather in Paris.\"}}",
        "{\"type\":\"content_block_delta\",\"index\":1,\"delta\":{\"type\":\"signature_delta\","
            + "\"signature\":\"EqQBCgIYAhIM1gbcDa9GJwZA2b3h\"}}",
        "{\"type\":\"content_block_stop\",\"index\":1}",
        "{\"type\":\"content_block_start\",\"index\":2,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}",
        "{\"type\":\"content_block_delta\",\"index\":2,\"delta\":{\"type\":\"text_delta\",\"text\":\"Checking.\"}}",
        "{\"type\":\"content_block_stop\",\"index\":2}",
        "{\"type\":\"content_block_start\",\"index\":3,\"content_block\":{\"type\":\"tool_use\","
            + "\"id\":\"toolu_01\",\"name\":\"get_weather\",\"input\":{}}}",
        "{\"type\":\"content_block_delta\",\"index\":3,\"delta\":{\"type\":\"input_json_delta\","
            + "\"partial_json\":\"{\\\"location\\\": \\\"Paris\\\"}\"}}",
        "{\"type\":\"content_block_stop\",\"index\":3}",
        "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"tool_use\"},\"usage\":{\"output_tokens\":80}}",
        "{\"type\":\"message_stop\"}")) {
      decoder.decode(dev.rill.api.WireEvent.ofText(event), sink);
    }
    ChatRequest next = ChatRequest.builder("claude-sonnet-4-5")
        .user("Weather in Paris?")
        .message(Message.assistantTurn(sink.response()))
        .message(Message.toolResult("toolu_01", "18°C"))
        .reasoning(ReasoningOptions.budget(2000))
        .build();

    assertThat(encode(next)).contains("\"messages\":[{\"role\":\"user\",\"content\":\"Weather in Paris?\"},"
        + "{\"role\":\"assistant\",\"content\":["
        + "{\"type\":\"redacted_thinking\",\"data\":\"EmwKAhgBEgy3va3pzix/LafPsn4a\"},"
        + "{\"type\":\"thinking\",\"thinking\":\"I need the weather in Paris.\","
        + "\"signature\":\"EqQBCgIYAhIM1gbcDa9GJwZA2b3h\"},"
        + "{\"type\":\"text\",\"text\":\"Checking.\"},"
        + "{\"type\":\"tool_use\",\"id\":\"toolu_01\",\"name\":\"get_weather\",\"input\":{\"location\":\"Paris\"}}]},"
        + "{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\"toolu_01\",\"content\":\"18°C\"}]}]");
  }

  @Test
  void unsignedReasoningIsLeftOutAndReasoningPartsGoFirstWhereverTheyStand() {
    Message turn = new Message(dev.rill.api.Role.ASSISTANT, List.of(Part.text("Answer"),
        new Part.Reasoning("from another provider", "", false, "", ""),
        new Part.Reasoning("mine", "sig", false, "", "")),
        List.of(), null, null);
    assertThat(encode(ChatRequest.builder("m").user("q").message(turn).user("more").build()))
        .contains("{\"role\":\"assistant\",\"content\":[{\"type\":\"thinking\",\"thinking\":\"mine\","
            + "\"signature\":\"sig\"},{\"type\":\"text\",\"text\":\"Answer\"}]}")
        .doesNotContain("another provider");
    Message unsignedOnly = new Message(dev.rill.api.Role.ASSISTANT, List.of(
        new Part.Reasoning("unsigned", "", false, "", ""), Part.text("Hi")), List.of(), null, null);
    assertThat(encode(ChatRequest.builder("m").user("q").message(unsignedOnly).user("more").build()))
        .contains("{\"role\":\"assistant\",\"content\":\"Hi\"}");
  }

  @Test
  void signedReasoningGoesBackOnlyToAProviderThatCanVerifyIt() {
    Message turn = new Message(dev.rill.api.Role.ASSISTANT, List.of(
        new Part.Reasoning("gemini thought", "gsig", false, "", "gemini"),
        new Part.Reasoning("claude on bedrock", "bsig", false, "", "bedrock"),
        new Part.Reasoning("claude on vertex", "vsig", false, "", "vertex-anthropic"),
        new Part.Reasoning("claude here", "asig", false, "", "anthropic"),
        new Part.Reasoning("by hand", "hsig", false, "", ""),
        new Part.Reasoning("", "", true, "opaque", "some-plugin"),
        Part.text("Answer")), List.of(), null, null);
    String body = encode(ChatRequest.builder("m").user("q").message(turn).user("more").build());
    assertThat(body).contains("\"signature\":\"bsig\"", "\"signature\":\"vsig\"", "\"signature\":\"asig\"",
            "\"signature\":\"hsig\"")
        .doesNotContain("gemini thought", "gsig", "opaque");
  }

  @Test
  void textIsEncodedExactly() {
    ChatRequest r = ChatRequest.builder("m").user("  tabs\tquotes\" back\\slash \u2028 ✓ \n").build();
    assertThat(encode(r)).contains("\"content\":\"  tabs\\tquotes\\\" back\\\\slash \u2028 ✓ \\n\"");
  }
}
