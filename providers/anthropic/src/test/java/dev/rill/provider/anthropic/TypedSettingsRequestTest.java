package dev.rill.provider.anthropic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.rill.api.ChatRequest;
import dev.rill.api.ErrorKind;
import dev.rill.api.ProviderSettings;
import dev.rill.api.ResponseFormat;
import dev.rill.api.RillException;
import dev.rill.api.Secret;
import dev.rill.api.Tool;
import dev.rill.api.ToolChoice;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Golden requests for the typed sampling settings, structured output and provider-scoped options. */
class TypedSettingsRequestTest {

  static final String SCHEMA = "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}},"
      + "\"required\":[\"city\"],\"additionalProperties\":false}";
  private static final String START = "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":4096,"
      + "\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],";
  private static final String TOOLS = "\"tools\":[{\"name\":\"f\",\"input_schema\":{\"type\":\"object\","
      + "\"properties\":{}}}],";

  private final AnthropicProvider anthropic = new AnthropicProvider();

  private String body(ChatRequest request) {
    return anthropic.prepare(request, ProviderSettings.of("anthropic", URI.create("https://api.anthropic.com"),
        Secret.of("sk-ant-test-0123456789"))).bodyText();
  }

  private static ChatRequest.Builder request() {
    return ChatRequest.builder("claude-sonnet-4-5").user("x");
  }

  @Test
  void topKAndParallelToolCallsGoToTheirOwnFields() {
    assertThat(body(request().tool(Tool.of("f", "", null)).topK(40).parallelToolCalls(false).build()))
        .isEqualTo(START + TOOLS + "\"tool_choice\":{\"type\":\"auto\",\"disable_parallel_tool_use\":true},"
            + "\"top_k\":40,\"stream\":true}");
    assertThat(body(request().tool(Tool.of("f", "", null)).toolChoice(ToolChoice.named("f")).parallelToolCalls(true)
        .build())).isEqualTo(START + TOOLS + "\"tool_choice\":{\"type\":\"tool\",\"name\":\"f\","
            + "\"disable_parallel_tool_use\":false},\"stream\":true}");
    assertThat(body(request().tool(Tool.of("f", "", null)).toolChoice(ToolChoice.NONE).parallelToolCalls(false)
        .build())).isEqualTo(START + TOOLS + "\"tool_choice\":{\"type\":\"none\"},\"stream\":true}");
  }

  @Test
  void parallelToolCallsWithoutToolsIsNotSent() {
    assertThat(body(request().parallelToolCalls(false).build())).isEqualTo(START + "\"stream\":true}");
  }

  @Test
  void aJsonSchemaBecomesOutputConfigFormat() {
    assertThat(body(request().responseFormat(ResponseFormat.jsonSchema("city", SCHEMA)).build()))
        .isEqualTo(START + "\"output_config\":{\"format\":{\"type\":\"json_schema\",\"schema\":" + SCHEMA + "}},"
            + "\"stream\":true}");
  }

  @Test
  void whatTheMessagesApiHasNoFieldForIsRefusedNamingProviderAndSetting() {
    Map<String, ChatRequest> refused = Map.of(
        "seed", request().seed(1).build(),
        "presencePenalty", request().presencePenalty(0.1).build(),
        "frequencyPenalty", request().frequencyPenalty(0.1).build(),
        "responseFormat JSON (without a schema)", request().responseFormat(ResponseFormat.json()).build());
    refused.forEach((setting, r) -> {
      RillException e = catchThrowableOfType(RillException.class, () -> body(r));
      assertThat(e).as(setting).isNotNull();
      assertThat(e.kind()).as(setting).isEqualTo(ErrorKind.INVALID_REQUEST);
      assertThat(e.getMessage()).as(setting).contains("'anthropic'").contains("anthropic-messages")
          .contains(setting);
    });
  }

  @Test
  void onlyOptionsForThisProviderOrItsFamilyAreSent() {
    assertThat(body(request().option("openai", "logprobs", true).option("anthropic-messages", "service_tier", "auto")
        .option("vertex-anthropic", "x", 1).option("anthropic", "metadata", Map.of("user_id", "u")).build()))
        .isEqualTo(START + "\"stream\":true,\"service_tier\":\"auto\",\"metadata\":{\"user_id\":\"u\"}}");
  }

  @Test
  void aFamilyOptionReachesClaudeOnVertexToo() {
    VertexAnthropicProvider vertex = new VertexAnthropicProvider();
    ProviderSettings settings = ProviderSettings.of("vertex-anthropic", vertex.info().defaultBaseUrl(),
        Secret.of("ya29.token"), Map.of(), Map.of("project", "p"));
    String body = vertex.prepare(request().option("anthropic-messages", "service_tier", "auto")
        .option("anthropic", "metadata", 1).build(), settings).bodyText();
    assertThat(body).endsWith("\"stream\":true,\"service_tier\":\"auto\"}");
  }
}
