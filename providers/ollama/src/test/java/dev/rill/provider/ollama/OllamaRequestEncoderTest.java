package dev.rill.provider.ollama;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rill.api.ChatRequest;
import dev.rill.api.ErrorKind;
import dev.rill.api.HttpCall;
import dev.rill.api.Message;
import dev.rill.api.Part;
import dev.rill.api.ProviderSettings;
import dev.rill.api.ReasoningOptions;
import dev.rill.api.RillException;
import dev.rill.api.Secret;
import dev.rill.api.Tool;
import dev.rill.api.ToolCall;
import dev.rill.api.ToolChoice;
import dev.rill.testkit.ReasoningTurns;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OllamaRequestEncoderTest {

  private final OllamaProvider provider = new OllamaProvider();
  private final ProviderSettings local = ProviderSettings.of("ollama", URI.create("http://localhost:11434"), null);

  /** This API takes no reasoning back: an assistant turn's reasoning parts and call signatures are left out. */
  @Test
  void reasoningPartsOfAnAssistantTurnAreNotSent() {
    String body = provider.prepare(ReasoningTurns.toolTurnWithReasoning("llama3.2"), local).bodyText();
    assertThat(body).isEqualTo(provider.prepare(ReasoningTurns.toolTurnWithoutReasoning("llama3.2"), local).bodyText());
    assertThat(ReasoningTurns.reasoningTexts()).noneMatch(body::contains);
    assertThat(provider.prepare(ReasoningTurns.answerWithReasoning("llama3.2"), local).bodyText()).isEqualTo(provider.prepare(ReasoningTurns.answerWithoutReasoning("llama3.2"), local).bodyText());
  }

  @Test
  void encodesAFullConversationAsTheDocumentedChatBody() {
    ChatRequest request = ChatRequest.builder("llama3.2")
        .system("Answer briefly.")
        .message(Message.user(Part.text("What is in this picture?"), Part.image(new byte[] {1, 2, 3}, "image/png")))
        .message(Message.assistantToolCalls("Let me check.",
            List.of(ToolCall.of("call_0", "get_weather", "{ \"city\" : \"Tokyo\" }"))))
        .message(Message.toolResult("call_0", "{\"temp\":21}"))
        .tool(Tool.of("get_weather", "Current weather",
            "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}},\"required\":[\"city\"]}"))
        .temperature(0.2)
        .topP(0.9)
        .maxTokens(128)
        .stop("\n\n")
        .reasoning(ReasoningOptions.effort("high"))
        .option("ollama", "keep_alive", "5m")
        .option("ollama", "format", "json")
        .build();

    HttpCall call = provider.prepare(request, local);

    assertThat(call.method()).isEqualTo("POST");
    assertThat(call.uri()).isEqualTo(URI.create("http://localhost:11434/api/chat"));
    assertThat(call.headers()).containsEntry("Content-Type", "application/json")
        .containsEntry("Accept", "application/x-ndjson").doesNotContainKey("Authorization");
    assertThat(call.bodyText()).isEqualTo("{\"model\":\"llama3.2\",\"messages\":["
        + "{\"role\":\"system\",\"content\":\"Answer briefly.\"},"
        + "{\"role\":\"user\",\"content\":\"What is in this picture?\",\"images\":[\"AQID\"]},"
        + "{\"role\":\"assistant\",\"content\":\"Let me check.\",\"tool_calls\":[{\"function\":{\"name\":\"get_weather\","
        + "\"arguments\":{\"city\":\"Tokyo\"}}}]},"
        + "{\"role\":\"tool\",\"content\":\"{\\\"temp\\\":21}\",\"tool_name\":\"get_weather\"}],"
        + "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"get_weather\",\"description\":\"Current weather\","
        + "\"parameters\":{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}},\"required\":[\"city\"]}}}],"
        + "\"stream\":true,\"think\":\"high\","
        + "\"options\":{\"temperature\":0.2,\"top_p\":0.9,\"num_predict\":128,\"stop\":[\"\\n\\n\"]},"
        + "\"keep_alive\":\"5m\",\"format\":\"json\"}");
  }

  @Test
  void minimalRequestHasNoOptionsAndNoThink() {
    HttpCall call = provider.prepare(ChatRequest.builder("gemma3:1b").user("Hi").build(), local);
    assertThat(call.bodyText()).isEqualTo(
        "{\"model\":\"gemma3:1b\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}],\"stream\":true}");
  }

  @Test
  void thinkIsTrueWithoutEffortAndFalseForAZeroBudget() {
    assertThat(body(ChatRequest.builder("m").user("x").reasoning(ReasoningOptions.budget(1024)).build()))
        .contains("\"think\":true");
    assertThat(body(ChatRequest.builder("m").user("x").reasoning(ReasoningOptions.budget(0)).build()))
        .contains("\"think\":false");
  }

  @Test
  void userOptionsReplaceFieldsAndMergeIntoSamplingOptions() {
    ChatRequest request = ChatRequest.builder("m").user("x").temperature(0.5).maxTokens(10)
        .option("ollama", "options", ordered("num_ctx", 8192, "temperature", 0.1))
        .option("ollama", "stream", false)
        .build();
    String body = body(request);
    assertThat(body).contains("\"options\":{\"temperature\":0.1,\"num_predict\":10,\"num_ctx\":8192}")
        .contains("\"stream\":false").doesNotContain("\"stream\":true");
  }

  @Test
  void aConfiguredKeyIsSentAsBearerForAProxyAndHiddenFromToString() {
    ProviderSettings proxied = ProviderSettings.of("ollama", URI.create("https://ollama.example/proxy/"),
        Secret.of("sk-proxy-123"), Map.of("X-Team", "a"), Map.of());
    HttpCall call = provider.prepare(ChatRequest.builder("m").user("x").build(), proxied);
    assertThat(call.uri()).isEqualTo(URI.create("https://ollama.example/proxy/api/chat"));
    assertThat(call.headers()).containsEntry("Authorization", "Bearer sk-proxy-123").containsEntry("X-Team", "a");
    assertThat(call.toString()).doesNotContain("sk-proxy-123");
  }

  @Test
  void aBase64DataUrlImageIsSentInline() {
    ChatRequest request = ChatRequest.builder("llava").message(Message.user(Part.text("x"),
        Part.imageUrl("data:image/png;base64,iVBORw0KGgo="))).build();
    assertThat(body(request)).contains("\"images\":[\"iVBORw0KGgo=\"]");
  }

  @Test
  void aRemoteImageUrlIsAnInvalidRequest() {
    ChatRequest request = ChatRequest.builder("llava").message(Message.user(Part.text("x"),
        Part.imageUrl("https://example.com/cat.png"))).build();
    assertThatThrownBy(() -> provider.prepare(request, local)).isInstanceOfSatisfying(RillException.class, e -> {
      assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
      assertThat(e.getMessage()).contains("inline images").contains("Part.image");
    });
  }

  @Test
  void requiredOrNamedToolChoiceIsRejectedAndNoneDropsTheTools() {
    ChatRequest.Builder base = ChatRequest.builder("m").user("x").tool(Tool.of("f", "", null));
    for (ToolChoice choice : List.of(ToolChoice.REQUIRED, ToolChoice.named("f"))) {
      assertThatThrownBy(() -> provider.prepare(base.toolChoice(choice).build(), local))
          .isInstanceOfSatisfying(RillException.class,
              e -> assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_REQUEST));
    }
    assertThat(body(base.toolChoice(ToolChoice.NONE).build())).doesNotContain("tools");
    assertThat(body(base.toolChoice(ToolChoice.AUTO).build())).contains("\"tools\":[");
  }

  @Test
  void badToolJsonIsAnInvalidRequest() {
    ChatRequest badSchema = ChatRequest.builder("m").user("x").tool(Tool.of("f", "", "{not json")).build();
    ChatRequest badArgs = ChatRequest.builder("m").user("x")
        .message(Message.assistantToolCalls("", List.of(ToolCall.of("c", "f", "[1,2]")))).build();
    for (ChatRequest r : List.of(badSchema, badArgs)) {
      assertThatThrownBy(() -> provider.prepare(r, local)).isInstanceOfSatisfying(RillException.class,
          e -> assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_REQUEST));
    }
  }

  @Test
  void unsupportedOptionValueIsAnInvalidRequest() {
    ChatRequest r = ChatRequest.builder("m").user("x").option("ollama", "when", new Object()).build();
    assertThatThrownBy(() -> provider.prepare(r, local)).isInstanceOfSatisfying(RillException.class,
        e -> assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_REQUEST));
  }

  private String body(ChatRequest request) {
    return new String(provider.prepare(request, local).body(), StandardCharsets.UTF_8);
  }

  /** A map that keeps insertion order: {@code Map.of} iterates in a per-JVM random order. */
  private static java.util.Map<String, Object> ordered(String k1, Object v1, String k2, Object v2) {
    java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
    m.put(k1, v1);
    m.put(k2, v2);
    return m;
  }
}
