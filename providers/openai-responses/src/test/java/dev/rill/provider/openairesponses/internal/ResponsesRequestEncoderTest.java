package dev.rill.provider.openairesponses.internal;

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
import dev.rill.testkit.ReasoningTurns;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResponsesRequestEncoderTest {

  private static final String WEATHER_SCHEMA = "{\"type\":\"object\",\"properties\":{\"location\":{\"type\":\"string\"}},"
      + "\"required\":[\"location\"]}";

  private final ResponsesRequestEncoder encoder = new ResponsesRequestEncoder("openai-responses", Dialect.OPENAI);

  private String encode(ChatRequest request) {
    return new String(encoder.body(request), StandardCharsets.UTF_8);
  }

  private RillException failure(ChatRequest request) {
    return catchThrowableOfType(RillException.class, () -> encoder.body(request));
  }

  /** This API takes no reasoning back: an assistant turn's reasoning parts and call signatures are left out. */
  @Test
  void reasoningPartsOfAnAssistantTurnAreNotSent() {
    String body = encode(ReasoningTurns.toolTurnWithReasoning("gpt-4.1"));
    assertThat(body).isEqualTo(encode(ReasoningTurns.toolTurnWithoutReasoning("gpt-4.1")));
    assertThat(ReasoningTurns.reasoningTexts()).noneMatch(body::contains);
    assertThat(encode(ReasoningTurns.answerWithReasoning("gpt-4.1"))).isEqualTo(encode(ReasoningTurns.answerWithoutReasoning("gpt-4.1")));
  }

  @Test
  void aFullConversationMatchesTheGoldenBody() {
    ChatRequest request = ChatRequest.builder("gpt-4.1")
        .system("You are terse.")
        .user("What is the weather in Paris?")
        .message(Message.assistantToolCalls("Let me check.",
            List.of(ToolCall.of("call_1", "get_weather", "{\"location\":\"Paris\"}"))))
        .message(Message.toolResult("call_1", "{\"temp\":18}"))
        .assistant("It is 18 °C.")
        .system("Answer in French.")
        .message(Message.user(Part.text("And this?"), Part.imageUrl("https://example.com/sky.png"),
            Part.image(new byte[] {1, 2, 3}, "image/png")))
        .tool(Tool.of("get_weather", "Get the current weather", WEATHER_SCHEMA))
        .toolChoice(ToolChoice.AUTO)
        .temperature(0.5)
        .topP(0.9)
        .maxTokens(256)
        .reasoning(ReasoningOptions.effort("low"))
        .build();
    assertThat(encode(request)).isEqualTo("{\"model\":\"gpt-4.1\","
        + "\"instructions\":\"You are terse.\\n\\nAnswer in French.\","
        + "\"input\":["
        + "{\"role\":\"user\",\"content\":[{\"type\":\"input_text\",\"text\":\"What is the weather in Paris?\"}]},"
        + "{\"role\":\"assistant\",\"content\":[{\"type\":\"output_text\",\"text\":\"Let me check.\"}]},"
        + "{\"type\":\"function_call\",\"call_id\":\"call_1\",\"name\":\"get_weather\","
        + "\"arguments\":\"{\\\"location\\\":\\\"Paris\\\"}\"},"
        + "{\"type\":\"function_call_output\",\"call_id\":\"call_1\",\"output\":\"{\\\"temp\\\":18}\"},"
        + "{\"role\":\"assistant\",\"content\":[{\"type\":\"output_text\",\"text\":\"It is 18 °C.\"}]},"
        + "{\"role\":\"user\",\"content\":[{\"type\":\"input_text\",\"text\":\"And this?\"},"
        + "{\"type\":\"input_image\",\"image_url\":\"https://example.com/sky.png\"},"
        + "{\"type\":\"input_image\",\"image_url\":\"data:image/png;base64,AQID\"}]}],"
        + "\"tools\":[{\"type\":\"function\",\"name\":\"get_weather\",\"description\":\"Get the current weather\","
        + "\"parameters\":" + WEATHER_SCHEMA + ",\"strict\":false}],"
        + "\"tool_choice\":\"auto\",\"temperature\":0.5,\"top_p\":0.9,\"max_output_tokens\":256,"
        + "\"reasoning\":{\"effort\":\"low\",\"summary\":\"auto\"},\"stream\":true,\"store\":false}");
  }

  @Test
  void toolCallsWithoutTextSendNoEmptyMessage() {
    String body = encode(ChatRequest.builder("m").user("x")
        .message(Message.assistantToolCalls(null, List.of(ToolCall.of("c1", "a", "{}"), ToolCall.of("c2", "b", ""))))
        .build());
    assertThat(body).contains("\"input\":[{\"role\":\"user\",\"content\":[{\"type\":\"input_text\",\"text\":\"x\"}]},"
        + "{\"type\":\"function_call\",\"call_id\":\"c1\",\"name\":\"a\",\"arguments\":\"{}\"},"
        + "{\"type\":\"function_call\",\"call_id\":\"c2\",\"name\":\"b\",\"arguments\":\"{}\"}]");
    assertThat(body).doesNotContain("instructions");
  }

  @Test
  void toolChoiceModes() {
    assertThat(encode(ChatRequest.builder("m").user("x").toolChoice(ToolChoice.NONE).build()))
        .contains("\"tool_choice\":\"none\"");
    assertThat(encode(ChatRequest.builder("m").user("x").toolChoice(ToolChoice.REQUIRED).build()))
        .contains("\"tool_choice\":\"required\"");
    assertThat(encode(ChatRequest.builder("m").user("x").toolChoice(ToolChoice.named("get_weather")).build()))
        .contains("\"tool_choice\":{\"type\":\"function\",\"name\":\"get_weather\"}");
  }

  @Test
  void stopSequencesAreRejectedClearly() {
    RillException e = failure(ChatRequest.builder("m").user("x").stop("END").build());
    assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
    assertThat(e.getMessage()).contains("no stop sequences").contains("openai-responses");
  }

  @Test
  void optionsAreMergedLastAndReplaceRillsFields() {
    String body = encode(ChatRequest.builder("m").user("x").maxTokens(10)
        .option("openai-responses", "store", true).option("openai-responses", "max_output_tokens", 99)
        .option("openai-responses", "include", List.of("reasoning.encrypted_content")).option("openai-responses", "metadata", Map.of("k", "v")).build());
    assertThat(body).endsWith("\"stream\":true,\"store\":true,\"max_output_tokens\":99,"
        + "\"include\":[\"reasoning.encrypted_content\"],\"metadata\":{\"k\":\"v\"}}");
    for (String reserved : List.of("model", "input", "stream")) {
      assertThat(failure(ChatRequest.builder("m").user("x").option("openai-responses", reserved, "y").build()).kind())
          .isEqualTo(ErrorKind.INVALID_REQUEST);
    }
    assertThat(failure(ChatRequest.builder("m").user("x").option("openai-responses", "x", new Object()).build()).kind())
        .isEqualTo(ErrorKind.INVALID_REQUEST);
  }

  @Test
  void reasoningBudgetPicksAnEffort() {
    assertThat(encode(ChatRequest.builder("m").user("x").reasoning(ReasoningOptions.budget(1024)).build()))
        .contains("\"reasoning\":{\"effort\":\"low\",\"summary\":\"auto\"}");
    assertThat(encode(ChatRequest.builder("m").user("x").reasoning(ReasoningOptions.budget(4096)).build()))
        .contains("\"reasoning\":{\"effort\":\"medium\",\"summary\":\"auto\"}");
    assertThat(encode(ChatRequest.builder("m").user("x").reasoning(ReasoningOptions.budget(20000)).build()))
        .contains("\"reasoning\":{\"effort\":\"high\",\"summary\":\"auto\"}");
    assertThat(new String(new ResponsesRequestEncoder("xai-responses", Dialect.XAI).body(
        ChatRequest.builder("m").user("x").reasoning(ReasoningOptions.effort("low")).build()), StandardCharsets.UTF_8))
        .contains("\"reasoning\":{\"effort\":\"low\"}");
  }

  @Test
  void badInputsAreInvalidRequests() {
    assertThat(failure(ChatRequest.builder("m").user("x").tool(Tool.of("t", "", "[1]")).build()).getMessage())
        .contains("not a JSON object");
    assertThat(failure(ChatRequest.builder("m").user("x").tool(Tool.of("t", "", "{\"a\":")).build()).kind())
        .isEqualTo(ErrorKind.INVALID_REQUEST);
    assertThat(failure(ChatRequest.builder("m").user("x").tool(Tool.of("t", "", "{} {}")).build()).kind())
        .isEqualTo(ErrorKind.INVALID_REQUEST);
    assertThat(failure(ChatRequest.builder("m").user("x").temperature(Double.NaN).build()).kind())
        .isEqualTo(ErrorKind.INVALID_REQUEST);
    Message imageFromTheAssistant = new Message(dev.rill.api.Role.ASSISTANT,
        List.of(Part.imageUrl("https://example.com/a.png")), List.of(), null, null);
    assertThat(failure(ChatRequest.builder("m").user("x").message(imageFromTheAssistant).build()).getMessage())
        .contains("only user messages can carry images");
  }

  @Test
  void textPassesThroughExactly() {
    String body = encode(ChatRequest.builder("m").system("  padded  ").user("\u2028 \"quoted\" \\ tab\t").build());
    assertThat(body).contains("\"instructions\":\"  padded  \"")
        .contains("\"text\":\"\u2028 \\\"quoted\\\" \\\\ tab\\t\"");
  }
}
