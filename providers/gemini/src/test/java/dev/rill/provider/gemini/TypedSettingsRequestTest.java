package dev.rill.provider.gemini;

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
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Golden requests for the typed sampling settings, structured output and provider-scoped options. */
class TypedSettingsRequestTest {

  static final String SCHEMA = "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}},"
      + "\"required\":[\"city\"],\"additionalProperties\":false}";
  private static final String START = "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"x\"}]}],";

  private final GeminiProvider gemini = new GeminiProvider();

  private String body(ChatRequest request) {
    return gemini.prepare(request, ProviderSettings.of("gemini",
        URI.create("https://generativelanguage.googleapis.com/v1beta"), Secret.of("AIza-test-0123456789"))).bodyText();
  }

  private static ChatRequest.Builder request() {
    return ChatRequest.builder("gemini-2.5-flash").user("x");
  }

  @Test
  void everyTypedSettingTheFamilyHasGoesToGenerationConfig() {
    assertThat(body(request().temperature(0.5).seed(7).topK(40).presencePenalty(0.5).frequencyPenalty(-0.25).build()))
        .isEqualTo(START + "\"generationConfig\":{\"temperature\":0.5,\"seed\":7,\"topK\":40,"
            + "\"presencePenalty\":0.5,\"frequencyPenalty\":-0.25}}");
  }

  @Test
  void aJsonSchemaBecomesResponseMimeTypeAndResponseJsonSchema() {
    assertThat(body(request().responseFormat(ResponseFormat.jsonSchema("city", SCHEMA)).build()))
        .isEqualTo(START + "\"generationConfig\":{\"responseMimeType\":\"application/json\","
            + "\"responseJsonSchema\":" + SCHEMA + "}}");
  }

  @Test
  void jsonModeIsTheMimeTypeAlone() {
    assertThat(body(request().responseFormat(ResponseFormat.json()).build()))
        .isEqualTo(START + "\"generationConfig\":{\"responseMimeType\":\"application/json\"}}");
  }

  @Test
  void parallelToolCallsHasNoFieldInGemini() {
    RillException e = catchThrowableOfType(RillException.class,
        () -> body(request().tool(Tool.of("f", "", null)).parallelToolCalls(false).build()));
    assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
    assertThat(e.getMessage()).contains("'gemini'").contains("parallelToolCalls");
  }

  @Test
  void onlyOptionsForThisProviderOrItsFamilyAreSentAndMergeIntoGenerationConfig() {
    assertThat(body(request().seed(7).option("vertex", "labels", Map.of("team", "a"))
        .option("openai", "logprobs", true).option("gemini", "generationConfig", Map.of("candidateCount", 1)).build()))
        .isEqualTo(START + "\"generationConfig\":{\"seed\":7,\"candidateCount\":1}}");
  }
}
