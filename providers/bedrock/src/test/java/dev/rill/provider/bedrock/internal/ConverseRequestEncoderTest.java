package dev.rill.provider.bedrock.internal;

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
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Request bodies per the ConverseStream API reference (API_runtime_ConverseStream.html). */
class ConverseRequestEncoderTest {

  private static final ConverseRequestEncoder ENCODER = new ConverseRequestEncoder("bedrock");

  private static String encode(ChatRequest r) {
    return new String(ENCODER.encode(r), StandardCharsets.UTF_8);
  }

  /**
   * Extended thinking with tools on Bedrock (claude-messages-extended-thinking.html, "Preserving thinking blocks";
   * Converse's ReasoningContentBlock): the assistant turn goes back with its reasoningContent blocks, signature and
   * redacted content exactly as received, before its text and toolUse blocks.
   */
  @Test
  void assistantTurnSendsReasoningContentBackBeforeTextAndToolUse() {
    ConverseStreamDecoder decoder = new ConverseStreamDecoder("bedrock", "claude");
    RecordingSink sink = new RecordingSink("bedrock"); // the fold names who answered: the blocks' origin
    String[][] events = {
        {"messageStart", "{\"role\":\"assistant\"}"},
        {"contentBlockDelta", "{\"contentBlockIndex\":0,\"delta\":{\"reasoningContent\":{\"text\":\"Need the weather.\"}}}"},
        {"contentBlockDelta", "{\"contentBlockIndex\":0,\"delta\":{\"reasoningContent\":{\"signature\":\"EqoBCkgIARAB\"}}}"},
        {"contentBlockStop", "{\"contentBlockIndex\":0}"},
        {"contentBlockDelta", "{\"contentBlockIndex\":1,\"delta\":{\"reasoningContent\":{\"redactedContent\":\"RXF3S0NrWUlC\"}}}"},
        {"contentBlockStop", "{\"contentBlockIndex\":1}"},
        {"contentBlockDelta", "{\"contentBlockIndex\":2,\"delta\":{\"text\":\"Checking.\"}}"},
        {"contentBlockStop", "{\"contentBlockIndex\":2}"},
        {"contentBlockStart", "{\"contentBlockIndex\":3,\"start\":{\"toolUse\":{\"toolUseId\":\"tooluse_1\",\"name\":\"get_weather\"}}}"},
        {"contentBlockDelta", "{\"contentBlockIndex\":3,\"delta\":{\"toolUse\":{\"input\":\"{\\\"city\\\":\\\"Paris\\\"}\"}}}"},
        {"contentBlockStop", "{\"contentBlockIndex\":3}"},
        {"messageStop", "{\"stopReason\":\"tool_use\"}"},
        {"metadata", "{\"usage\":{\"inputTokens\":10,\"outputTokens\":20,\"totalTokens\":30}}"}};
    for (String[] e : events) {
      decoder.decode(dev.rill.api.WireEvent.ofText(e[0], e[1]), sink);
    }
    ChatRequest next = ChatRequest.builder("anthropic.claude-3-7-sonnet-20250219-v1:0")
        .user("Weather in Paris?")
        .message(Message.assistantTurn(sink.response()))
        .message(Message.toolResult("tooluse_1", "18C"))
        .tool(Tool.of("get_weather", "", "{\"type\":\"object\"}"))
        .build();
    assertThat(encode(next)).startsWith("{\"messages\":["
        + "{\"role\":\"user\",\"content\":[{\"text\":\"Weather in Paris?\"}]},"
        + "{\"role\":\"assistant\",\"content\":["
        + "{\"reasoningContent\":{\"reasoningText\":{\"text\":\"Need the weather.\",\"signature\":\"EqoBCkgIARAB\"}}},"
        + "{\"reasoningContent\":{\"redactedContent\":\"RXF3S0NrWUlC\"}},"
        + "{\"text\":\"Checking.\"},"
        + "{\"toolUse\":{\"toolUseId\":\"tooluse_1\",\"name\":\"get_weather\",\"input\":{\"city\":\"Paris\"}}}]},"
        + "{\"role\":\"user\",\"content\":[{\"toolResult\":{\"toolUseId\":\"tooluse_1\",\"content\":[{\"text\":\"18C\"}]}}]}],");
    // unsigned reasoning (from another provider) is left out
    Message foreign = new Message(dev.rill.api.Role.ASSISTANT, List.of(new Part.Reasoning("x", "", false, "", ""),
        Part.text("hi")), List.of(), null, null);
    assertThat(encode(ChatRequest.builder("m").user("q").message(foreign).build()))
        .contains("{\"role\":\"assistant\",\"content\":[{\"text\":\"hi\"}]}");
  }

  @Test
  void signedReasoningGoesBackOnlyFromClaudeOrigins() {
    Message turn = new Message(dev.rill.api.Role.ASSISTANT, List.of(
        new Part.Reasoning("gemini thought", "gsig", false, "", "gemini"),
        new Part.Reasoning("claude on anthropic", "asig", false, "", "anthropic"),
        new Part.Reasoning("claude here", "bsig", false, "", "bedrock"),
        Part.text("hi")), List.of(), null, null);
    assertThat(encode(ChatRequest.builder("m").user("q").message(turn).build()))
        .contains("\"signature\":\"asig\"", "\"signature\":\"bsig\"")
        .doesNotContain("gemini thought", "gsig");
  }

  @Test
  void minimalRequest() {
    assertThat(encode(ChatRequest.builder("amazon.nova-micro-v1:0").user("Hello").build()))
        .isEqualTo("{\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"Hello\"}]}]}");
  }

  @Test
  void everyStandardFieldInOrder() {
    ChatRequest r = ChatRequest.builder("anthropic.claude-3-5-haiku-20241022-v1:0")
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
    assertThat(encode(r)).isEqualTo("{\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"Weather in Paris?\"}]}],"
        + "\"system\":[{\"text\":\"Be brief.\"},{\"text\":\"Use metric units.\"}],"
        + "\"inferenceConfig\":{\"maxTokens\":300,\"temperature\":0.5,\"topP\":0.9,"
        + "\"stopSequences\":[\"END\",\"\\n\\nHuman:\"]},"
        + "\"toolConfig\":{\"tools\":[{\"toolSpec\":{\"name\":\"get_weather\",\"description\":\"Current weather\","
        + "\"inputSchema\":{\"json\":{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}},"
        + "\"required\":[\"city\"]}}}}],\"toolChoice\":{\"auto\":{}}}}");
  }

  @Test
  void toolCallsAndResultsMakeAlternatingTurns() {
    ChatRequest r = ChatRequest.builder("m")
        .user("Weather in Paris and London?")
        .message(Message.assistantToolCalls("Checking.", List.of(
            ToolCall.of("tooluse_1", "get_weather", "{\"city\": \"Paris\"}"),
            ToolCall.of("tooluse_2", "get_weather", null))))
        .message(Message.toolResult("tooluse_1", "18C"))
        .message(Message.toolResult("tooluse_2", "{\"temp\":12}"))
        .user("Thanks")
        .tool(Tool.of("get_weather", "", null))
        .toolChoice(ToolChoice.REQUIRED)
        .build();
    assertThat(encode(r)).isEqualTo("{\"messages\":["
        + "{\"role\":\"user\",\"content\":[{\"text\":\"Weather in Paris and London?\"}]},"
        + "{\"role\":\"assistant\",\"content\":[{\"text\":\"Checking.\"},"
        + "{\"toolUse\":{\"toolUseId\":\"tooluse_1\",\"name\":\"get_weather\",\"input\":{\"city\":\"Paris\"}}},"
        + "{\"toolUse\":{\"toolUseId\":\"tooluse_2\",\"name\":\"get_weather\",\"input\":{}}}]},"
        + "{\"role\":\"user\",\"content\":[{\"toolResult\":{\"toolUseId\":\"tooluse_1\",\"content\":[{\"text\":\"18C\"}]}},"
        + "{\"toolResult\":{\"toolUseId\":\"tooluse_2\",\"content\":[{\"text\":\"{\\\"temp\\\":12}\"}]}},"
        + "{\"text\":\"Thanks\"}]}],"
        + "\"toolConfig\":{\"tools\":[{\"toolSpec\":{\"name\":\"get_weather\",\"inputSchema\":{\"json\":"
        + "{\"type\":\"object\",\"properties\":{}}}}}],\"toolChoice\":{\"any\":{}}}}");
  }

  @Test
  void namedToolChoiceAndNone() {
    ChatRequest.Builder b = ChatRequest.builder("m").user("x").tool(Tool.of("f", "", null));
    assertThat(encode(b.toolChoice(ToolChoice.named("f")).build())).endsWith("\"toolChoice\":{\"tool\":{\"name\":\"f\"}}}}");
    assertThat(encode(b.toolChoice(ToolChoice.NONE).build())).doesNotContain("toolConfig");
    ChatRequest withCalls = ChatRequest.builder("m").user("x")
        .message(Message.assistantToolCalls("", List.of(ToolCall.of("t1", "f", "{}"))))
        .message(Message.toolResult("t1", "ok")).tool(Tool.of("f", "", null)).toolChoice(ToolChoice.NONE).build();
    RillException e = catchThrowableOfType(RillException.class, () -> ENCODER.encode(withCalls));
    assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
    assertThat(e.getMessage()).contains("'none'");
  }

  @Test
  void imagesAsBytesWithTheirFormat() {
    ChatRequest r = ChatRequest.builder("m").message(Message.user(Part.text("Describe this image."),
        Part.image(new byte[] {1, 2, 3}, "image/png"), Part.imageUrl("data:image/jpeg;base64,/9j/AA=="))).build();
    assertThat(encode(r)).isEqualTo("{\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"Describe this image.\"},"
        + "{\"image\":{\"format\":\"png\",\"source\":{\"bytes\":\"AQID\"}}},"
        + "{\"image\":{\"format\":\"jpeg\",\"source\":{\"bytes\":\"/9j/AA==\"}}}]}]}");
    RillException byUrl = catchThrowableOfType(RillException.class, () -> ENCODER.encode(ChatRequest.builder("m")
        .message(Message.user(Part.imageUrl("https://example.com/cat.png"))).build()));
    assertThat(byUrl.kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
    RillException tiff = catchThrowableOfType(RillException.class, () -> ENCODER.encode(ChatRequest.builder("m")
        .message(Message.user(Part.image(new byte[] {1}, "image/tiff"))).build()));
    assertThat(tiff.getMessage()).contains("image/tiff");
  }

  static final String CLAUDE = "us.anthropic.claude-sonnet-4-5-20250929-v1:0";
  static final String NOVA_2 = "us.amazon.nova-2-lite-v1:0";

  /** Claude on Bedrock: Anthropic's thinking with a budget (AWS claude-messages-extended-thinking.html). */
  @Test
  void reasoningBecomesAnthropicThinkingWithHeadroom() {
    assertThat(encode(ChatRequest.builder("anthropic.claude-3-7-sonnet-20250219-v1:0").user("Is 97 prime?")
        .reasoning(ReasoningOptions.budget(2048)).build()))
        .isEqualTo("{\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"Is 97 prime?\"}]}],"
            + "\"inferenceConfig\":{\"maxTokens\":6144},"
            + "\"additionalModelRequestFields\":{\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":2048}}}");
    assertThat(encode(ChatRequest.builder(CLAUDE).user("x").maxTokens(9000).reasoning(ReasoningOptions.effort("high"))
        .build())).isEqualTo("{\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"x\"}]}],"
            + "\"inferenceConfig\":{\"maxTokens\":9000},"
            + "\"additionalModelRequestFields\":{\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":16384}}}");
    assertThat(encode(ChatRequest.builder(CLAUDE).user("x").reasoning(ReasoningOptions.effort("low")).build()))
        .contains("\"maxTokens\":5120").contains("\"budget_tokens\":1024");
    assertThat(encode(ChatRequest.builder(CLAUDE).user("x").reasoning(ReasoningOptions.budget(0)).build()))
        .isEqualTo("{\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"x\"}]}],"
            + "\"additionalModelRequestFields\":{\"thinking\":{\"type\":\"disabled\"}}}");
    RillException e = catchThrowableOfType(RillException.class, () -> ENCODER.encode(ChatRequest.builder(CLAUDE)
        .user("x").reasoning(ReasoningOptions.effort("extreme")).build()));
    assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
    assertThat(e.getMessage()).contains("extreme");
  }

  /** Nova 2: reasoningConfig with an effort level (AWS nova2-userguide, extended thinking); no maxTokens added. */
  @Test
  void reasoningBecomesNova2ReasoningConfigWithAnEffort() {
    assertThat(encode(ChatRequest.builder(NOVA_2).user("x").reasoning(ReasoningOptions.effort("medium")).build()))
        .isEqualTo("{\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"x\"}]}],"
            + "\"additionalModelRequestFields\":{\"reasoningConfig\":{\"type\":\"enabled\","
            + "\"maxReasoningEffort\":\"medium\"}}}");
    assertThat(encode(ChatRequest.builder("amazon.nova-2-lite-v1:0").user("x").maxTokens(300)
        .reasoning(ReasoningOptions.effort("LOW")).build()))
        .isEqualTo("{\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"x\"}]}],"
            + "\"inferenceConfig\":{\"maxTokens\":300},"
            + "\"additionalModelRequestFields\":{\"reasoningConfig\":{\"type\":\"enabled\","
            + "\"maxReasoningEffort\":\"low\"}}}");
    // off is Nova 2's default: nothing to send
    assertThat(encode(ChatRequest.builder(NOVA_2).user("x").reasoning(ReasoningOptions.budget(0)).build()))
        .isEqualTo("{\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"x\"}]}]}");
    RillException budget = catchThrowableOfType(RillException.class, () -> ENCODER.encode(ChatRequest.builder(NOVA_2)
        .user("x").reasoning(ReasoningOptions.budget(2048)).build()));
    assertThat(budget.kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
    assertThat(budget.getMessage()).contains("Nova 2").contains("effort");
  }

  /** A model whose reasoning field Rill does not know is refused, never sent Claude's field; the option still works. */
  @Test
  void reasoningForAnotherFamilyIsRefusedNamingTheOptionToUse() {
    for (String model : List.of("openai.gpt-oss-120b-1:0", "amazon.nova-premier-v1:0",
        "arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/abc")) {
      RillException e = catchThrowableOfType(RillException.class, () -> ENCODER.encode(ChatRequest.builder(model)
          .user("x").reasoning(ReasoningOptions.effort("high")).build()));
      assertThat(e).as(model).isNotNull();
      assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
      assertThat(e.getMessage()).contains(model).contains("additionalModelRequestFields");
    }
    assertThat(encode(ChatRequest.builder("openai.gpt-oss-120b-1:0").user("x")
        .reasoning(ReasoningOptions.effort("high"))
        .option("bedrock", "additionalModelRequestFields", Map.of("reasoning_effort", "high")).build()))
        .isEqualTo("{\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"x\"}]}],"
            + "\"additionalModelRequestFields\":{\"reasoning_effort\":\"high\"}}");
  }

  @Test
  void optionsAreMergedAndReplaceFields() {
    ChatRequest r = ChatRequest.builder(CLAUDE).user("x").maxTokens(10).reasoning(ReasoningOptions.budget(1024))
        .option("bedrock", "inferenceConfig", Map.of("maxTokens", 5))
        .option("bedrock", "additionalModelRequestFields", Map.of("top_k", 40))
        .option("bedrock", "guardrailConfig", Map.of("guardrailIdentifier", "gr-1", "guardrailVersion", "1"))
        .build();
    String body = encode(r);
    assertThat(body).startsWith("{\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"x\"}]}],"
        + "\"inferenceConfig\":{\"maxTokens\":5},\"additionalModelRequestFields\":{\"top_k\":40},"
        + "\"guardrailConfig\":{");
    assertThat(body).doesNotContain("thinking").doesNotContain("\"maxTokens\":10");
  }

  @Test
  void emptyTextIsLeftOutAndInvalidJsonIsRejected() {
    assertThat(encode(ChatRequest.builder("m").user("x").assistant("").user("y").build()))
        .contains("{\"role\":\"assistant\",\"content\":[]}");
    RillException e = catchThrowableOfType(RillException.class, () -> ENCODER.encode(ChatRequest.builder("m").user("x")
        .tool(Tool.of("f", "", "{not json")).build()));
    assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
    assertThat(e.getMessage()).contains("tool 'f'");
  }
}
