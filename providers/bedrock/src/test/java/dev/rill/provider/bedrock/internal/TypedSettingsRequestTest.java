package dev.rill.provider.bedrock.internal;

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

/** Golden requests for structured output, the typed settings Converse lacks, and provider-scoped options. */
class TypedSettingsRequestTest {

  static final String SCHEMA = "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}},"
      + "\"required\":[\"city\"],\"additionalProperties\":false}";
  private static final String START = "{\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"x\"}]}],";

  private static final ConverseRequestEncoder ENCODER = new ConverseRequestEncoder("bedrock");

  private static String body(ChatRequest r) {
    return new String(ENCODER.encode(r), StandardCharsets.UTF_8);
  }

  private static ChatRequest.Builder request() {
    return ChatRequest.builder("anthropic.claude-sonnet-4-5-v1:0").user("x");
  }

  @Test
  void aJsonSchemaBecomesOutputConfigTextFormatWithTheSchemaAsAString() {
    assertThat(body(request().responseFormat(ResponseFormat.jsonSchema("city", SCHEMA)).build()))
        .isEqualTo(START + "\"outputConfig\":{\"textFormat\":{\"type\":\"json_schema\",\"structure\":"
            + "{\"jsonSchema\":{\"schema\":\"" + SCHEMA.replace("\"", "\\\"") + "\",\"name\":\"city\"}}}}}");
  }

  @Test
  void anInvalidSchemaIsRefusedBeforeSending() {
    RillException e = catchThrowableOfType(RillException.class,
        () -> body(request().responseFormat(ResponseFormat.jsonSchema("city", "{\"type\":")).build()));
    assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
    assertThat(e.getMessage()).contains("response schema 'city'");
  }

  @Test
  void whatConverseHasNoFieldForIsRefusedNamingProviderAndSetting() {
    Map<String, ChatRequest> refused = Map.of(
        "seed", request().seed(1).build(),
        "topK", request().topK(3).build(),
        "presencePenalty", request().presencePenalty(0.1).build(),
        "frequencyPenalty", request().frequencyPenalty(0.1).build(),
        "parallelToolCalls", request().tool(Tool.of("f", "", null)).parallelToolCalls(false).build(),
        "responseFormat JSON (without a schema)", request().responseFormat(ResponseFormat.json()).build());
    refused.forEach((setting, r) -> {
      RillException e = catchThrowableOfType(RillException.class, () -> body(r));
      assertThat(e).as(setting).isNotNull();
      assertThat(e.kind()).as(setting).isEqualTo(ErrorKind.INVALID_REQUEST);
      assertThat(e.getMessage()).as(setting).contains("'bedrock'").contains("bedrock-eventstream").contains(setting);
    });
  }

  @Test
  void onlyOptionsForThisProviderOrItsFamilyAreSent() {
    assertThat(body(request().option("anthropic", "top_k", 5)
        .option("bedrock-eventstream", "additionalModelRequestFields", Map.of("top_k", 5)).build()))
        .isEqualTo(START + "\"additionalModelRequestFields\":{\"top_k\":5}}");
  }
}
