package dev.rill.provider.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.rill.api.ChatRequest;
import dev.rill.api.ErrorKind;
import dev.rill.api.HttpCall;
import dev.rill.api.Message;
import dev.rill.api.Part;
import dev.rill.api.ProviderSettings;
import dev.rill.api.ReasoningOptions;
import dev.rill.api.RillException;
import dev.rill.api.Secret;
import dev.rill.api.StreamingProvider;
import dev.rill.api.Tool;
import dev.rill.api.ToolCall;
import dev.rill.api.ToolChoice;
import dev.rill.testkit.ReasoningTurns;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Golden requests: the exact body, URL and headers {@code prepare} produces. */
class OpenAiRequestTest {

  private static final Secret KEY = Secret.of("sk-test-0123456789");
  private final OpenAiProvider openai = new OpenAiProvider();

  private static ProviderSettings settings(String base) {
    return ProviderSettings.of("openai", URI.create(base), KEY);
  }

  private HttpCall prepare(ChatRequest request) {
    return openai.prepare(request, settings("https://api.openai.com/v1"));
  }

  private static StreamingProvider compatible(String id) {
    return new OpenAiCompatibleProviders().providers().stream().filter(p -> p.info().id().equals(id)).findFirst()
        .orElseThrow();
  }

  /** A reasoning budget goes as its effort level (chat completions has no budget field); it is never dropped. */
  @Test
  void aReasoningBudgetIsSentAsItsEffortLevel() {
    for (Object[] c : new Object[][] {{0, "low"}, {1024, "low"}, {2048, "medium"}, {4096, "medium"}, {4097, "high"}}) {
      ChatRequest r = ChatRequest.builder("o3-mini").user("x")
          .reasoning(ReasoningOptions.budget((Integer) c[0])).build();
      assertThat(prepare(r).bodyText()).as("budget " + c[0]).isEqualTo("{\"model\":\"o3-mini\",\"messages\":[{\"role\":"
          + "\"user\",\"content\":\"x\"}],\"stream\":true,\"stream_options\":{\"include_usage\":true},"
          + "\"reasoning_effort\":\"" + c[1] + "\"}");
    }
  }

  /** This API takes no reasoning back: an assistant turn's reasoning parts and call signatures are left out. */
  @Test
  void reasoningPartsOfAnAssistantTurnAreNotSent() {
    String body = prepare(ReasoningTurns.toolTurnWithReasoning("gpt-4o-mini")).bodyText();
    assertThat(body).isEqualTo(prepare(ReasoningTurns.toolTurnWithoutReasoning("gpt-4o-mini")).bodyText());
    assertThat(ReasoningTurns.reasoningTexts()).noneMatch(body::contains);
    assertThat(prepare(ReasoningTurns.answerWithReasoning("gpt-4o-mini")).bodyText()).isEqualTo(prepare(ReasoningTurns.answerWithoutReasoning("gpt-4o-mini")).bodyText());
  }

  @Test
  void minimalTextRequest() {
    HttpCall call = prepare(ChatRequest.builder("gpt-4o-mini").system("Be brief.").user("Why is the sky blue?")
        .build());
    assertThat(call.method()).isEqualTo("POST");
    assertThat(call.uri()).isEqualTo(URI.create("https://api.openai.com/v1/chat/completions"));
    assertThat(call.headers()).containsExactly(Map.entry("Authorization", "Bearer sk-test-0123456789"),
        Map.entry("Content-Type", "application/json"), Map.entry("Accept", "text/event-stream"));
    assertThat(call.bodyText()).isEqualTo("{\"model\":\"gpt-4o-mini\",\"messages\":["
        + "{\"role\":\"system\",\"content\":\"Be brief.\"},{\"role\":\"user\",\"content\":\"Why is the sky blue?\"}],"
        + "\"stream\":true,\"stream_options\":{\"include_usage\":true}}");
  }

  @Test
  void everyFieldInItsFixedOrder() {
    Map<String, Object> nested = new LinkedHashMap<>();
    nested.put("type", "json_object");
    nested.put("strict", Boolean.TRUE);
    nested.put("nothing", null);
    ChatRequest request = ChatRequest.builder("gpt-4o")
        .user("Weather in Paris?")
        .tool(Tool.of("get_weather", "Current weather for a city",
            "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}},\"required\":[\"city\"]}"))
        .tool(Tool.of("noop", "", null))
        .toolChoice(ToolChoice.named("get_weather"))
        .temperature(0.2)
        .topP(0.9)
        .maxTokens(256)
        .stop("\n\n", "END")
        .reasoning(ReasoningOptions.effort("low"))
        .option("openai", "seed", 42)
        .option("openai", "logit_bias", Map.of("50256", -100))
        .option("openai", "response_format", nested)
        .option("openai", "metadata", List.of("a", 1.5, false))
        .option("openai", "n", 2L)
        .build();
    assertThat(prepare(request).bodyText()).isEqualTo("{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\","
        + "\"content\":\"Weather in Paris?\"}],\"stream\":true,\"stream_options\":{\"include_usage\":true},"
        + "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"get_weather\",\"description\":\"Current weather "
        + "for a city\",\"parameters\":{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}},"
        + "\"required\":[\"city\"]}}},{\"type\":\"function\",\"function\":{\"name\":\"noop\",\"parameters\":"
        + "{\"type\":\"object\",\"properties\":{}}}}],"
        + "\"tool_choice\":{\"type\":\"function\",\"function\":{\"name\":\"get_weather\"}},"
        + "\"temperature\":0.2,\"top_p\":0.9,\"max_completion_tokens\":256,\"stop\":[\"\\n\\n\",\"END\"],"
        + "\"reasoning_effort\":\"low\",\"seed\":42,\"logit_bias\":{\"50256\":-100},"
        + "\"response_format\":{\"type\":\"json_object\",\"strict\":true,\"nothing\":null},"
        + "\"metadata\":[\"a\",1.5,false],\"n\":2}");
  }

  @Test
  void toolChoiceModes() {
    for (Object[] c : new Object[][] {{ToolChoice.AUTO, "\"auto\""}, {ToolChoice.NONE, "\"none\""},
        {ToolChoice.REQUIRED, "\"required\""}}) {
      String body = prepare(ChatRequest.builder("gpt-4o").user("x").tool(Tool.of("f", "", null))
          .toolChoice((ToolChoice) c[0]).build()).bodyText();
      assertThat(body).contains("\"tool_choice\":" + c[1] + "}");
    }
  }

  @Test
  void imagesMakeAContentArrayAndTextStaysAString() {
    ChatRequest request = ChatRequest.builder("gpt-4o")
        .message(Message.user(Part.text("What is in this image?"), Part.imageUrl("https://example.com/cat.png"),
            Part.image(new byte[] {1, 2, 3}, "image/png")))
        .build();
    assertThat(prepare(request).bodyText()).isEqualTo("{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\","
        + "\"content\":[{\"type\":\"text\",\"text\":\"What is in this image?\"},{\"type\":\"image_url\","
        + "\"image_url\":{\"url\":\"https://example.com/cat.png\"}},{\"type\":\"image_url\",\"image_url\":"
        + "{\"url\":\"data:image/png;base64,AQID\"}}]}],\"stream\":true,\"stream_options\":{\"include_usage\":true}}");
  }

  @Test
  void toolRoundTrip() {
    ChatRequest request = ChatRequest.builder("gpt-4o")
        .user("Weather in Paris?")
        .message(Message.assistantToolCalls(null,
            List.of(ToolCall.of("call_1", "get_weather", "{\"city\":\"Paris\"}"))))
        .message(Message.toolResult("call_1", "{\"temp\":21}"))
        .message(Message.assistantToolCalls("Checking.", List.of(ToolCall.of("call_2", "f", null))))
        .message(new Message(dev.rill.api.Role.USER, List.of(Part.text("thanks")), List.of(), null, "ann"))
        .build();
    assertThat(prepare(request).bodyText()).isEqualTo("{\"model\":\"gpt-4o\",\"messages\":["
        + "{\"role\":\"user\",\"content\":\"Weather in Paris?\"},"
        + "{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"id\":\"call_1\",\"type\":\"function\","
        + "\"function\":{\"name\":\"get_weather\",\"arguments\":\"{\\\"city\\\":\\\"Paris\\\"}\"}}]},"
        + "{\"role\":\"tool\",\"tool_call_id\":\"call_1\",\"content\":\"{\\\"temp\\\":21}\"},"
        + "{\"role\":\"assistant\",\"content\":\"Checking.\",\"tool_calls\":[{\"id\":\"call_2\",\"type\":\"function\","
        + "\"function\":{\"name\":\"f\",\"arguments\":\"{}\"}}]},"
        + "{\"role\":\"user\",\"content\":\"thanks\",\"name\":\"ann\"}],"
        + "\"stream\":true,\"stream_options\":{\"include_usage\":true}}");
  }

  @Test
  void optionsReplaceFieldsRillWouldWrite() {
    String body = prepare(ChatRequest.builder("o3-mini").user("x").temperature(1.0).maxTokens(10)
        .option("openai", "temperature", 0.5).option("openai", "stream_options", Map.of("include_usage", false)).build()).bodyText();
    assertThat(body).isEqualTo("{\"model\":\"o3-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],"
        + "\"stream\":true,\"max_completion_tokens\":10,\"temperature\":0.5,"
        + "\"stream_options\":{\"include_usage\":false}}");
  }

  @Test
  void badRequestsAreInvalidRequest() {
    List<ChatRequest> bad = new ArrayList<>(Arrays.asList(
        ChatRequest.builder("m").user("x").option("openai", "model", "other").build(),
        ChatRequest.builder("m").user("x").option("openai", "stream", false).build(),
        ChatRequest.builder("m").user("x").option("openai", "when", java.time.Instant.EPOCH).build(),
        ChatRequest.builder("m").user("x").option("openai", "t", Double.NaN).build(),
        ChatRequest.builder("m").user("x").temperature(Double.POSITIVE_INFINITY).build(),
        ChatRequest.builder("m").user("x").tool(Tool.of("f", "", "{\"type\":")).build(),
        ChatRequest.builder("m").user("x").tool(Tool.of("f", "", "[1]")).build(),
        ChatRequest.builder("m").message(new Message(dev.rill.api.Role.ASSISTANT,
            List.of(Part.imageUrl("https://example.com/a.png")), List.of(), null, null)).build()));
    for (ChatRequest r : bad) {
      RillException e = catchThrowableOfType(RillException.class, () -> prepare(r));
      assertThat(e).as(r.toString()).isNotNull();
      assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
      assertThat(e.getMessage()).doesNotContain(KEY.reveal());
    }
  }

  @Test
  void baseUrlWithOrWithoutSlashQueryKeptAndPlainHttpAllowed() {
    ChatRequest r = ChatRequest.builder("m").user("x").build();
    assertThat(openai.prepare(r, settings("https://api.openai.com/v1/")).uri())
        .isEqualTo(URI.create("https://api.openai.com/v1/chat/completions"));
    assertThat(openai.prepare(r, settings("https://gw.example.com/openai/v1//?api-version=2024-10-21")).uri())
        .isEqualTo(URI.create("https://gw.example.com/openai/v1/chat/completions?api-version=2024-10-21"));
    assertThat(openai.prepare(r, settings("http://127.0.0.1:8080")).uri())
        .isEqualTo(URI.create("http://127.0.0.1:8080/chat/completions"));
    assertThat(openai.prepare(r, settings("http://llm.internal:8000/v1")).uri())
        .isEqualTo(URI.create("http://llm.internal:8000/v1/chat/completions"));
    RillException e = catchThrowableOfType(RillException.class, () -> openai.prepare(r, settings("ftp://x/v1")));
    assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
  }

  @Test
  void keyRequiredForOpenAiAndNeverInMessages() {
    ChatRequest r = ChatRequest.builder("m").user("x").build();
    RillException e = catchThrowableOfType(RillException.class, () -> openai.prepare(r,
        ProviderSettings.of("openai", URI.create("https://api.openai.com/v1"), null)));
    assertThat(e.kind()).isEqualTo(ErrorKind.AUTHENTICATION);
    assertThat(e.getMessage()).contains("OPENAI_API_KEY");
    HttpCall call = prepare(r);
    assertThat(call.toString()).doesNotContain(KEY.reveal());
    assertThat(call.bodyText()).doesNotContain(KEY.reveal());
  }

  @Test
  void settingsHeadersAreAddedAndReplaceCaseInsensitively() {
    ProviderSettings s = ProviderSettings.of("openai", URI.create("https://api.openai.com/v1"), KEY,
        Map.of("accept", "text/event-stream; charset=utf-8"), Map.of());
    HttpCall call = openai.prepare(ChatRequest.builder("m").user("x").build(), s);
    assertThat(call.headers()).containsEntry("accept", "text/event-stream; charset=utf-8")
        .doesNotContainKey("Accept").containsEntry("Content-Type", "application/json");
    ProviderSettings extra = ProviderSettings.of("openrouter", URI.create("https://openrouter.ai/api/v1"), KEY,
        Map.of("HTTP-Referer", "https://rill.dev", "X-Title", "Rill"), Map.of());
    assertThat(compatible("openrouter").prepare(ChatRequest.builder("m").user("x").build(), extra).headers())
        .containsEntry("HTTP-Referer", "https://rill.dev").containsEntry("X-Title", "Rill");
  }

  @Test
  void localServersNeedNoKey() {
    ChatRequest r = ChatRequest.builder("llama3.2").user("x").maxTokens(5).build();
    for (String id : List.of("openai-compatible", "ollama-openai")) {
      StreamingProvider p = compatible(id);
      HttpCall call = p.prepare(r, ProviderSettings.of(id, p.info().defaultBaseUrl(), null));
      assertThat(call.headers()).doesNotContainKey("Authorization");
      assertThat(call.bodyText()).contains("\"max_tokens\":5").doesNotContain("max_completion_tokens");
      HttpCall keyed = p.prepare(r, ProviderSettings.of(id, p.info().defaultBaseUrl(), KEY));
      assertThat(keyed.headers()).containsEntry("Authorization", "Bearer " + KEY.reveal());
    }
    assertThat(compatible("ollama-openai").prepare(r, ProviderSettings.of("ollama-openai",
        URI.create("http://localhost:11434/v1"), null)).uri())
        .isEqualTo(URI.create("http://localhost:11434/v1/chat/completions"));
  }

  @Test
  void compatibleDialects() {
    ChatRequest r = ChatRequest.builder("m").user("x").maxTokens(7).build();
    String mistral = compatible("mistral").prepare(r, ProviderSettings.of("mistral",
        URI.create("https://api.mistral.ai/v1"), KEY)).bodyText();
    assertThat(mistral).isEqualTo("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],"
        + "\"stream\":true,\"max_tokens\":7}");
    String groq = compatible("groq").prepare(r, ProviderSettings.of("groq",
        URI.create("https://api.groq.com/openai/v1"), KEY)).bodyText();
    assertThat(groq).contains("\"stream_options\":{\"include_usage\":true}", "\"max_completion_tokens\":7");
    RillException e = catchThrowableOfType(RillException.class, () -> compatible("groq").prepare(r,
        ProviderSettings.of("groq", URI.create("https://api.groq.com/openai/v1"), null)));
    assertThat(e.kind()).isEqualTo(ErrorKind.AUTHENTICATION);
    assertThat(e.getMessage()).contains("GROQ_API_KEY");
    assertThat(compatible("deepseek").prepare(r, ProviderSettings.of("deepseek",
        URI.create("https://api.deepseek.com"), KEY)).uri())
        .isEqualTo(URI.create("https://api.deepseek.com/chat/completions"));
  }
}
