package dev.rill.provider.ollama;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.rill.api.ChatRequest;
import dev.rill.api.ErrorKind;
import dev.rill.api.ProviderSettings;
import dev.rill.api.ResponseFormat;
import dev.rill.api.RillException;
import dev.rill.api.Tool;
import java.net.URI;
import org.junit.jupiter.api.Test;

/** Golden requests for the typed sampling settings, structured output and provider-scoped options. */
class TypedSettingsRequestTest {

  static final String SCHEMA = "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}},"
      + "\"required\":[\"city\"]}";
  private static final String START = "{\"model\":\"llama3.2\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],"
      + "\"stream\":true,";

  private final OllamaProvider ollama = new OllamaProvider();

  private String body(ChatRequest request) {
    return ollama.prepare(request, ProviderSettings.of("ollama", URI.create("http://localhost:11434"), null))
        .bodyText();
  }

  private static ChatRequest.Builder request() {
    return ChatRequest.builder("llama3.2").user("x");
  }

  @Test
  void everyTypedSettingTheFamilyHasGoesToOptions() {
    assertThat(body(request().temperature(0.5).seed(7).topK(40).presencePenalty(0.5).frequencyPenalty(-0.25).build()))
        .isEqualTo(START + "\"options\":{\"temperature\":0.5,\"seed\":7,\"top_k\":40,\"presence_penalty\":0.5,"
            + "\"frequency_penalty\":-0.25}}");
  }

  @Test
  void aJsonSchemaIsTheFormatItself() {
    assertThat(body(request().responseFormat(ResponseFormat.jsonSchema("city", SCHEMA)).build()))
        .isEqualTo(START + "\"format\":" + SCHEMA + "}");
  }

  @Test
  void jsonModeIsFormatJson() {
    assertThat(body(request().responseFormat(ResponseFormat.json()).build())).isEqualTo(START + "\"format\":\"json\"}");
  }

  @Test
  void parallelToolCallsHasNoFieldInOllama() {
    RillException e = catchThrowableOfType(RillException.class,
        () -> body(request().tool(Tool.of("f", "", null)).parallelToolCalls(true).build()));
    assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
    assertThat(e.getMessage()).contains("'ollama'").contains("parallelToolCalls");
  }

  @Test
  void onlyOptionsForThisProviderOrItsFamilyAreSent() {
    assertThat(body(request().option("openai", "logprobs", true).option("ollama", "keep_alive", "5m").build()))
        .isEqualTo(START + "\"keep_alive\":\"5m\"}");
  }
}
