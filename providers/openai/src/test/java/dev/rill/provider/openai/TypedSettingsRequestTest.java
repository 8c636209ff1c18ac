package dev.rill.provider.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.rill.api.ChatRequest;
import dev.rill.api.ErrorKind;
import dev.rill.api.ProviderSettings;
import dev.rill.api.ResponseFormat;
import dev.rill.api.RillException;
import dev.rill.api.Secret;
import dev.rill.api.StreamingProvider;
import dev.rill.api.Tool;
import java.net.URI;
import org.junit.jupiter.api.Test;

/** Golden requests for the typed sampling settings, the response format and provider-scoped options. */
class TypedSettingsRequestTest {

  static final String SCHEMA = "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"},"
      + "\"country\":{\"type\":\"string\"}},\"required\":[\"city\",\"country\"],\"additionalProperties\":false}";
  private static final String START = "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],"
      + "\"stream\":true,\"stream_options\":{\"include_usage\":true},";

  private final OpenAiProvider openai = new OpenAiProvider();

  private String body(StreamingProvider provider, ChatRequest request) {
    ProviderSettings settings = ProviderSettings.of(provider.info().id(), URI.create("https://api.example.com/v1"),
        Secret.of("sk-test-0123456789"));
    return provider.prepare(request, settings).bodyText();
  }

  private static ChatRequest.Builder request() {
    return ChatRequest.builder("gpt-4o-mini").user("x");
  }

  @Test
  void everyTypedSettingTheFamilyHasGoesToItsOwnField() {
    String body = body(openai, request().tool(Tool.of("f", "", null)).seed(7).presencePenalty(0.5)
        .frequencyPenalty(-0.25).parallelToolCalls(false).build());
    assertThat(body).isEqualTo("{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],"
        + "\"stream\":true,\"stream_options\":{\"include_usage\":true},\"tools\":[{\"type\":\"function\","
        + "\"function\":{\"name\":\"f\",\"parameters\":{\"type\":\"object\",\"properties\":{}}}}],"
        + "\"seed\":7,\"presence_penalty\":0.5,\"frequency_penalty\":-0.25,\"parallel_tool_calls\":false}");
  }

  @Test
  void parallelToolCallsIsSentOnlyWithTools() {
    assertThat(body(openai, request().parallelToolCalls(true).build())).doesNotContain("parallel_tool_calls");
  }

  @Test
  void jsonSchemaResponseFormat() {
    assertThat(body(openai, request().responseFormat(ResponseFormat.jsonSchema("city", SCHEMA)).build()))
        .isEqualTo(START + "\"response_format\":{\"type\":\"json_schema\",\"json_schema\":{\"name\":\"city\","
            + "\"schema\":" + SCHEMA + ",\"strict\":true}}}");
    assertThat(body(openai, request().responseFormat(ResponseFormat.jsonSchema("city", SCHEMA, false)).build()))
        .contains("\"strict\":false}}}");
  }

  @Test
  void jsonModeResponseFormat() {
    assertThat(body(openai, request().responseFormat(ResponseFormat.json()).build()))
        .isEqualTo(START + "\"response_format\":{\"type\":\"json_object\"}}");
  }

  @Test
  void aSchemaThatIsNotAJsonObjectIsRejectedBeforeSending() {
    RillException e = catchThrowableOfType(RillException.class,
        () -> body(openai, request().responseFormat(ResponseFormat.jsonSchema("city", "[1]")).build()));
    assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
    assertThat(e.getMessage()).contains("response schema 'city'").contains("not a JSON object");
  }

  @Test
  void topKHasNoFieldInChatCompletions() {
    RillException e = catchThrowableOfType(RillException.class, () -> body(openai, request().topK(40).build()));
    assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
    assertThat(e.getMessage()).contains("'openai'").contains("openai-chat").contains("topK");
    assertThat(e.provider()).isEqualTo("openai");
  }

  @Test
  void optionsForAnotherProviderOrFamilyAreNotSent() {
    String body = body(openai, request().option("anthropic", "top_k", 5).option("anthropic-messages", "metadata", 1)
        .option("groq", "service_tier", "flex").build());
    assertThat(body).isEqualTo(START.substring(0, START.length() - 1) + "}");
  }

  @Test
  void anIdOptionWinsOverAFamilyOptionOfTheSameName() {
    String body = body(openai, request().option("openai", "user", "by-id").option("openai-chat", "user", "by-family")
        .option("openai-chat", "logprobs", true).build());
    assertThat(body).isEqualTo(START + "\"user\":\"by-id\",\"logprobs\":true}");
  }

  @Test
  void aFamilyOptionReachesEveryProviderOfTheFamily() {
    StreamingProvider groq = new OpenAiCompatibleProviders().providers().stream()
        .filter(p -> p.info().id().equals("groq")).findFirst().orElseThrow();
    ChatRequest r = request().option("openai-chat", "logprobs", true).option("openai", "user", "u").build();
    assertThat(body(groq, r)).endsWith(",\"logprobs\":true}").doesNotContain("\"user\":\"u\"");
  }

  @Test
  void anOptionReplacesTheFieldATypedSettingWouldWrite() {
    assertThat(body(openai, request().seed(7).option("openai", "seed", 8).build()))
        .isEqualTo(START + "\"seed\":8}");
  }
}
