package dev.rill.provider.openairesponses.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.rill.api.ChatRequest;
import dev.rill.api.ErrorKind;
import dev.rill.api.ResponseFormat;
import dev.rill.api.RillException;
import dev.rill.api.Tool;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Golden requests for the typed sampling settings, structured output and provider-scoped options. */
class TypedSettingsRequestTest {

  static final String SCHEMA = "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}},"
      + "\"required\":[\"city\"],\"additionalProperties\":false}";
  private static final String START = "{\"model\":\"gpt-4.1\",\"input\":[{\"role\":\"user\",\"content\":"
      + "[{\"type\":\"input_text\",\"text\":\"x\"}]}],";

  private final ResponsesRequestEncoder encoder = new ResponsesRequestEncoder("openai-responses", Dialect.OPENAI);

  private String body(ChatRequest request) {
    return new String(encoder.body(request), StandardCharsets.UTF_8);
  }

  private static ChatRequest.Builder request() {
    return ChatRequest.builder("gpt-4.1").user("x");
  }

  @Test
  void parallelToolCallsGoesToItsField() {
    assertThat(body(request().tool(Tool.of("f", "", null)).parallelToolCalls(false).build()))
        .isEqualTo(START + "\"tools\":[{\"type\":\"function\",\"name\":\"f\",\"parameters\":{\"type\":\"object\","
            + "\"properties\":{}},\"strict\":false}],\"parallel_tool_calls\":false,\"stream\":true,\"store\":false}");
    assertThat(body(request().parallelToolCalls(false).build())).doesNotContain("parallel_tool_calls");
  }

  @Test
  void aJsonSchemaBecomesTextFormat() {
    assertThat(body(request().responseFormat(ResponseFormat.jsonSchema("city", SCHEMA)).build()))
        .isEqualTo(START + "\"text\":{\"format\":{\"type\":\"json_schema\",\"name\":\"city\",\"schema\":" + SCHEMA
            + ",\"strict\":true}},\"stream\":true,\"store\":false}");
  }

  @Test
  void jsonModeBecomesTextFormatJsonObject() {
    assertThat(body(request().responseFormat(ResponseFormat.json()).build()))
        .isEqualTo(START + "\"text\":{\"format\":{\"type\":\"json_object\"}},\"stream\":true,\"store\":false}");
  }

  @Test
  void seedTopKAndPenaltiesHaveNoFieldInResponses() {
    Map<String, ChatRequest> refused = Map.of(
        "seed", request().seed(1).build(),
        "topK", request().topK(3).build(),
        "presencePenalty", request().presencePenalty(0.1).build(),
        "frequencyPenalty", request().frequencyPenalty(0.1).build());
    refused.forEach((setting, r) -> {
      RillException e = catchThrowableOfType(RillException.class, () -> body(r));
      assertThat(e).as(setting).isNotNull();
      assertThat(e.kind()).as(setting).isEqualTo(ErrorKind.INVALID_REQUEST);
      assertThat(e.getMessage()).as(setting).contains("'openai-responses'").contains(setting);
    });
  }

  @Test
  void onlyOptionsForThisProviderOrItsFamilyAreSent() {
    assertThat(body(request().option("openai", "logprobs", true).option("openai-chat", "user", "u")
        .option("openai-responses", "truncation", "auto").build()))
        .isEqualTo(START + "\"stream\":true,\"store\":false,\"truncation\":\"auto\"}");
  }
}
