package dev.rill.provider.cohere;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.rill.api.ChatRequest;
import dev.rill.api.ErrorKind;
import dev.rill.api.ProviderSettings;
import dev.rill.api.ResponseFormat;
import dev.rill.api.RillException;
import dev.rill.api.Secret;
import dev.rill.api.Tool;
import java.net.URI;
import org.junit.jupiter.api.Test;

/** Golden requests for the typed sampling settings, structured output and provider-scoped options. */
class TypedSettingsRequestTest {

  static final String SCHEMA = "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}},"
      + "\"required\":[\"city\"]}";
  private static final String START = "{\"model\":\"command-a-03-2025\",\"messages\":[{\"role\":\"user\","
      + "\"content\":\"x\"}],";

  private final CohereProvider cohere = new CohereProvider();

  private String body(ChatRequest request) {
    return cohere.prepare(request, ProviderSettings.of("cohere", URI.create("https://api.cohere.com"),
        Secret.of("co-test-key-42"))).bodyText();
  }

  private static ChatRequest.Builder request() {
    return ChatRequest.builder("command-a-03-2025").user("x");
  }

  @Test
  void everyTypedSettingTheFamilyHasGoesToItsOwnField() {
    assertThat(body(request().seed(7).topK(40).presencePenalty(0.5).frequencyPenalty(-0.25).build()))
        .isEqualTo(START + "\"seed\":7,\"k\":40,\"presence_penalty\":0.5,\"frequency_penalty\":-0.25,"
            + "\"stream\":true}");
  }

  @Test
  void aJsonSchemaBecomesResponseFormatJsonObjectWithTheSchema() {
    assertThat(body(request().responseFormat(ResponseFormat.jsonSchema("city", SCHEMA)).build()))
        .isEqualTo(START + "\"response_format\":{\"type\":\"json_object\",\"json_schema\":" + SCHEMA + "},"
            + "\"stream\":true}");
  }

  @Test
  void jsonModeIsResponseFormatJsonObject() {
    assertThat(body(request().responseFormat(ResponseFormat.json()).build()))
        .isEqualTo(START + "\"response_format\":{\"type\":\"json_object\"},\"stream\":true}");
  }

  @Test
  void parallelToolCallsHasNoFieldInCohere() {
    RillException e = catchThrowableOfType(RillException.class,
        () -> body(request().tool(Tool.of("f", "", null)).parallelToolCalls(true).build()));
    assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
    assertThat(e.getMessage()).contains("'cohere'").contains("cohere-v2").contains("parallelToolCalls");
  }

  @Test
  void onlyOptionsForThisProviderOrItsFamilyAreSent() {
    assertThat(body(request().option("openai", "logprobs", true).option("cohere-v2", "safety_mode", "OFF").build()))
        .isEqualTo(START + "\"stream\":true,\"safety_mode\":\"OFF\"}");
  }
}
