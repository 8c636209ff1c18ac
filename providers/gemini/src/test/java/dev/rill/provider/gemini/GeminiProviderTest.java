package dev.rill.provider.gemini;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rill.api.Capability;
import dev.rill.api.ChatRequest;
import dev.rill.api.ErrorKind;
import dev.rill.api.Framing;
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
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** Provider descriptions, URLs, headers and exact request bodies (request goldens). */
class GeminiProviderTest {

  private static final Secret KEY = Secret.of("AIza-test-key-123");
  private static final ProviderSettings GEMINI =
      ProviderSettings.of("gemini", URI.create("https://generativelanguage.googleapis.com"), KEY);

  private final GeminiProvider gemini = new GeminiProvider();
  private final VertexGeminiProvider vertex = new VertexGeminiProvider();

  @Test
  void describesGoogleAi() {
    var info = gemini.info();
    assertThat(info.id()).isEqualTo("gemini");
    assertThat(info.displayName()).isEqualTo("Google Gemini");
    assertThat(info.family()).isEqualTo("gemini");
    assertThat(info.defaultBaseUrl()).hasToString("https://generativelanguage.googleapis.com");
    assertThat(info.apiKeyEnv()).isEqualTo("GEMINI_API_KEY");
    assertThat(info.framing()).isEqualTo(Framing.SSE);
    assertThat(info.capabilities()).containsExactlyInAnyOrder(Capability.TEXT, Capability.TOOLS, Capability.REASONING,
        Capability.USAGE_IN_STREAM, Capability.IMAGES, Capability.SYSTEM_PROMPT, Capability.FINISH_REASON,
        Capability.STRUCTURED_OUTPUT);
    assertThat(info.spiVersion()).isEqualTo(StreamingProvider.SPI_VERSION);
    assertThat(info.capabilitiesFor("gemma-3-27b-it")).doesNotContain(Capability.TOOLS, Capability.SYSTEM_PROMPT);
    assertThat(info.capabilitiesFor("gemini-2.0-flash")).doesNotContain(Capability.REASONING);
    assertThat(info.capabilitiesFor("gemini-2.5-flash")).isEqualTo(info.capabilities());
  }

  @Test
  void describesVertex() {
    var info = vertex.info();
    assertThat(info.id()).isEqualTo("vertex");
    assertThat(info.family()).isEqualTo("gemini");
    assertThat(info.defaultBaseUrl()).hasToString("https://us-central1-aiplatform.googleapis.com");
    assertThat(info.apiKeyEnv()).isEqualTo("GOOGLE_CLOUD_ACCESS_TOKEN");
  }

  @Test
  void bothAreFoundByTheServiceLoader() {
    List<String> ids = ServiceLoader.load(StreamingProvider.class).stream().map(p -> p.get().info().id()).toList();
    assertThat(ids).contains("gemini", "vertex");
  }

  @Test
  void googleAiPutsTheKeyInTheHeaderNeverInTheUrl() {
    HttpCall call = gemini.prepare(ChatRequest.builder("gemini-2.5-flash").user("Hi").build(), GEMINI);
    assertThat(call.method()).isEqualTo("POST");
    assertThat(call.uri()).hasToString(
        "https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse");
    assertThat(call.headers()).containsEntry("x-goog-api-key", "AIza-test-key-123")
        .containsEntry("Content-Type", "application/json");
    assertThat(call.uri().toString()).doesNotContain("AIza");
    assertThat(call.toString()).doesNotContain("AIza");
    assertThat(call.bodyText()).isEqualTo("{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"Hi\"}]}]}");
  }

  @Test
  void aMissingKeyIsAnAuthenticationErrorNamingTheVariable() {
    ProviderSettings none = ProviderSettings.of("gemini", URI.create("https://x.example"), null);
    assertThatThrownBy(() -> gemini.prepare(ChatRequest.builder("m").user("Hi").build(), none))
        .isInstanceOfSatisfying(RillException.class, e -> {
          assertThat(e.kind()).isEqualTo(ErrorKind.AUTHENTICATION);
          assertThat(e.getMessage()).contains("GEMINI_API_KEY");
        });
  }

  @Test
  void aBaseUrlOverrideAndResourceModelsAreHonoured() {
    ProviderSettings local = ProviderSettings.of("gemini", URI.create("http://127.0.0.1:8080/"), KEY);
    assertThat(gemini.prepare(ChatRequest.builder("tunedModels/my-model").user("x").build(), local).uri())
        .hasToString("http://127.0.0.1:8080/v1beta/tunedModels/my-model:streamGenerateContent?alt=sse");
    assertThatThrownBy(() -> gemini.prepare(ChatRequest.builder("bad model?x").user("x").build(), local))
        .isInstanceOfSatisfying(RillException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_REQUEST));
  }

  @Test
  void aFullRequestEncodesToTheExpectedBody() {
    ChatRequest request = ChatRequest.builder("gemini-2.5-flash")
        .system("You are terse.")
        .user("What's the weather in Paris and Rome?")
        .message(Message.assistantToolCalls("Checking.", List.of(
            ToolCall.of("c1", "get_weather", "{ \"city\": \"Paris\" }"),
            ToolCall.of("c2", "get_weather", "{\"city\":\"Rome\"}"))))
        .message(Message.toolResult("c1", "{\"temp\": 21}"))
        .message(Message.toolResult("c2", "sunny, 25C"))
        .tool(Tool.of("get_weather", "Current weather",
            "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}},\"required\":[\"city\"]}"))
        .toolChoice(ToolChoice.named("get_weather"))
        .temperature(0.2).topP(0.9).maxTokens(256).stop("END")
        .reasoning(ReasoningOptions.budget(1024))
        .option("gemini", "safetySettings", List.of(ordered("category", "HARM_CATEGORY_HARASSMENT", "threshold", "BLOCK_NONE")))
        .option("gemini", "generationConfig", Map.of("topK", 40))
        .build();
    String expected = "{\"contents\":["
        + "{\"role\":\"user\",\"parts\":[{\"text\":\"What's the weather in Paris and Rome?\"}]},"
        + "{\"role\":\"model\",\"parts\":[{\"text\":\"Checking.\"},"
        + "{\"functionCall\":{\"name\":\"get_weather\",\"args\":{\"city\":\"Paris\"}}},"
        + "{\"functionCall\":{\"name\":\"get_weather\",\"args\":{\"city\":\"Rome\"}}}]},"
        + "{\"role\":\"user\",\"parts\":["
        + "{\"functionResponse\":{\"name\":\"get_weather\",\"response\":{\"temp\":21}}},"
        + "{\"functionResponse\":{\"name\":\"get_weather\",\"response\":{\"result\":\"sunny, 25C\"}}}]}],"
        + "\"systemInstruction\":{\"parts\":[{\"text\":\"You are terse.\"}]},"
        + "\"tools\":[{\"functionDeclarations\":[{\"name\":\"get_weather\",\"description\":\"Current weather\","
        + "\"parameters\":{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}},\"required\":[\"city\"]}}]}],"
        + "\"toolConfig\":{\"functionCallingConfig\":{\"mode\":\"ANY\",\"allowedFunctionNames\":[\"get_weather\"]}},"
        + "\"generationConfig\":{\"temperature\":0.2,\"topP\":0.9,\"maxOutputTokens\":256,\"stopSequences\":[\"END\"],"
        + "\"thinkingConfig\":{\"thinkingBudget\":1024,\"includeThoughts\":true},\"topK\":40},"
        + "\"safetySettings\":[{\"category\":\"HARM_CATEGORY_HARASSMENT\",\"threshold\":\"BLOCK_NONE\"}]}";
    assertThat(gemini.prepare(request, GEMINI).bodyText()).isEqualTo(expected);
  }

  /**
   * Gemini 3 function calling (https://ai.google.dev/gemini-api/docs/thought-signatures): the model turn goes back
   * with the functionCall part's thoughtSignature on that same part, exactly as received.
   */
  @Test
  void assistantTurnSendsTheFunctionCallSignatureBackOnItsPart() {
    Decoding.Result first = Decoding.sse(dev.rill.testkit.golden.GoldenTranscripts
        .load("gemini", "function-call-thought-signature").wire());
    String signature = first.response().toolCalls().get(0).signature();
    assertThat(signature).startsWith("CiQBcsjafN0JbKsD");
    ChatRequest next = ChatRequest.builder("gemini-3-pro-preview")
        .user("Check flight status for AA100.")
        .message(Message.assistantTurn(first.response()))
        .message(Message.toolResult("call_1", "{\"status\":\"delayed\"}"))
        .build();
    assertThat(gemini.prepare(next, GEMINI).bodyText()).isEqualTo("{\"contents\":["
        + "{\"role\":\"user\",\"parts\":[{\"text\":\"Check flight status for AA100.\"}]},"
        + "{\"role\":\"model\",\"parts\":[{\"functionCall\":{\"name\":\"check_flight\",\"args\":{\"flight\":\"AA100\"}},"
        + "\"thoughtSignature\":\"" + signature + "\"}]},"
        + "{\"role\":\"user\",\"parts\":[{\"functionResponse\":{\"name\":\"check_flight\","
        + "\"response\":{\"status\":\"delayed\"}}}]}]}");
  }

  /** Thoughts go back as thought parts; a text part's signature goes back on the text part that followed them. */
  @Test
  void assistantTurnSendsThoughtsAndTheTextSignatureBack() {
    Decoding.Result first = Decoding.events(
        "{\"candidates\":[{\"content\":{\"parts\":[{\"thought\":true,\"text\":\"think\"}]}}]}",
        "{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"say\",\"thoughtSignature\":\"c2ln\"}]}}]}",
        "{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"\",\"thoughtSignature\":\"ZW5k\"}]},"
            + "\"finishReason\":\"STOP\"}]}");
    ChatRequest next = ChatRequest.builder("gemini-2.5-pro").user("q")
        .message(Message.assistantTurn(first.response())).user("more").build();
    assertThat(gemini.prepare(next, GEMINI).bodyText()).isEqualTo("{\"contents\":["
        + "{\"role\":\"user\",\"parts\":[{\"text\":\"q\"}]},"
        + "{\"role\":\"model\",\"parts\":[{\"text\":\"think\",\"thought\":true},"
        + "{\"text\":\"say\",\"thoughtSignature\":\"c2ln\"},{\"text\":\"\",\"thoughtSignature\":\"ZW5k\"}]},"
        + "{\"role\":\"user\",\"parts\":[{\"text\":\"more\"}]}]}");
    // redacted reasoning (another provider's) is not sent
    Message foreign = new Message(dev.rill.api.Role.ASSISTANT, List.of(new Part.Reasoning("", "", true, "opaque", ""),
        Part.text("hi")), List.of(), null, null);
    assertThat(gemini.prepare(ChatRequest.builder("m").user("q").message(foreign).build(), GEMINI).bodyText())
        .contains("{\"role\":\"model\",\"parts\":[{\"text\":\"hi\"}]}").doesNotContain("opaque");
  }

  /** After a fallback, Claude's signed thinking must not reach Gemini (it would reject the request): only Gemini's. */
  @Test
  void reasoningFromAnotherVendorsModelIsLeftOut() {
    Message turn = new Message(dev.rill.api.Role.ASSISTANT, List.of(
        new Part.Reasoning("claude thinking", "csig", false, "", "anthropic"),
        new Part.Reasoning("vertex thought", "dnNpZw==", false, "", "vertex"),
        Part.text("hi")), List.of(), null, null);
    assertThat(gemini.prepare(ChatRequest.builder("m").user("q").message(turn).build(), GEMINI).bodyText())
        .contains("{\"role\":\"model\",\"parts\":[{\"text\":\"vertex thought\",\"thought\":true},"
            + "{\"text\":\"hi\",\"thoughtSignature\":\"dnNpZw==\"}]}")
        .doesNotContain("claude thinking", "csig");
  }

  @Test
  void imagesAndToolModesEncode() {
    ChatRequest request = ChatRequest.builder("gemini-2.5-flash")
        .message(Message.user(Part.text("Compare"), Part.image(new byte[] {1, 2, 3}, "image/png"),
            Part.imageUrl("data:image/jpeg;base64,/9j/"), Part.imageUrl("gs://bucket/cat.jpg")))
        .tool(Tool.of("f", "", null))
        .toolChoice(ToolChoice.REQUIRED)
        .reasoning(ReasoningOptions.effort("high"))
        .build();
    assertThat(gemini.prepare(request, GEMINI).bodyText()).isEqualTo("{\"contents\":[{\"role\":\"user\",\"parts\":["
        + "{\"text\":\"Compare\"},{\"inlineData\":{\"mimeType\":\"image/png\",\"data\":\"AQID\"}},"
        + "{\"inlineData\":{\"mimeType\":\"image/jpeg\",\"data\":\"/9j/\"}},"
        + "{\"fileData\":{\"fileUri\":\"gs://bucket/cat.jpg\"}}]}],"
        + "\"tools\":[{\"functionDeclarations\":[{\"name\":\"f\",\"parameters\":{\"type\":\"object\",\"properties\":{}}}]}],"
        + "\"toolConfig\":{\"functionCallingConfig\":{\"mode\":\"ANY\"}},"
        + "\"generationConfig\":{\"thinkingConfig\":{\"thinkingBudget\":24576,\"includeThoughts\":true}}}");
    assertThat(gemini.prepare(request.toBuilder().toolChoice(ToolChoice.NONE).build(), GEMINI).bodyText())
        .contains("\"functionCallingConfig\":{\"mode\":\"NONE\"}");
    assertThat(gemini.prepare(request.toBuilder().toolChoice(ToolChoice.AUTO).build(), GEMINI).bodyText())
        .contains("\"functionCallingConfig\":{\"mode\":\"AUTO\"}");
  }

  @Test
  void badToolJsonAndOrphanToolResultsAreInvalidRequests() {
    ChatRequest badArgs = ChatRequest.builder("m").user("x")
        .message(Message.assistantToolCalls("", List.of(ToolCall.of("c1", "f", "[1]")))).build();
    ChatRequest orphan = ChatRequest.builder("m").user("x").message(Message.toolResult("nope", "1")).build();
    ChatRequest badSchema = ChatRequest.builder("m").user("x").tool(Tool.of("f", "", "{not json")).build();
    for (ChatRequest r : List.of(badArgs, orphan, badSchema)) {
      assertThatThrownBy(() -> gemini.prepare(r, GEMINI)).isInstanceOfSatisfying(RillException.class,
          e -> assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_REQUEST));
    }
  }

  @Test
  void vertexBuildsTheRegionalUrlWithABearerToken() {
    ProviderSettings settings = ProviderSettings.of("vertex",
        URI.create("https://us-central1-aiplatform.googleapis.com"), Secret.of("ya29.token"), Map.of(),
        Map.of("project", "my-proj", "region", "europe-west4"));
    HttpCall call = vertex.prepare(ChatRequest.builder("gemini-2.5-pro").user("Hi").build(), settings);
    assertThat(call.uri()).hasToString("https://europe-west4-aiplatform.googleapis.com/v1/projects/my-proj/locations/"
        + "europe-west4/publishers/google/models/gemini-2.5-pro:streamGenerateContent?alt=sse");
    assertThat(call.headers()).containsEntry("Authorization", "Bearer ya29.token").doesNotContainKey("x-goog-api-key");
    assertThat(call.toString()).doesNotContain("ya29");
    assertThat(call.bodyText()).isEqualTo("{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"Hi\"}]}]}");
  }

  @Test
  void vertexDefaultsToUsCentral1AndGlobalUsesTheGlobalHost() {
    URI base = URI.create("https://us-central1-aiplatform.googleapis.com");
    ProviderSettings defaults = ProviderSettings.of("vertex", base, Secret.of("t"), Map.of(), Map.of("project", "p"));
    assertThat(vertex.prepare(ChatRequest.builder("g").user("x").build(), defaults).uri()).hasToString(
        "https://us-central1-aiplatform.googleapis.com/v1/projects/p/locations/us-central1/publishers/google/models/g"
            + ":streamGenerateContent?alt=sse");
    ProviderSettings global = defaults.withOption("region", "global");
    assertThat(vertex.prepare(ChatRequest.builder("g").user("x").build(), global).uri()).hasToString(
        "https://aiplatform.googleapis.com/v1/projects/p/locations/global/publishers/google/models/g"
            + ":streamGenerateContent?alt=sse");
    ProviderSettings local = defaults.withBaseUrl(URI.create("http://127.0.0.1:9000"));
    assertThat(vertex.prepare(ChatRequest.builder("g").user("x").build(), local).uri()).hasToString(
        "http://127.0.0.1:9000/v1/projects/p/locations/us-central1/publishers/google/models/g"
            + ":streamGenerateContent?alt=sse");
  }

  @Test
  void vertexWithoutAProjectIsAnInvalidRequestNamingIt() {
    ProviderSettings settings = ProviderSettings.of("vertex",
        URI.create("https://us-central1-aiplatform.googleapis.com"), Secret.of("t"));
    assertThatThrownBy(() -> vertex.prepare(ChatRequest.builder("g").user("x").build(), settings))
        .isInstanceOfSatisfying(RillException.class, e -> {
          assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
          assertThat(e.getMessage()).contains("'project'");
        });
  }

  /** A map that keeps insertion order: {@code Map.of} iterates in a per-JVM random order. */
  private static java.util.Map<String, Object> ordered(String k1, Object v1, String k2, Object v2) {
    java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
    m.put(k1, v1);
    m.put(k2, v2);
    return m;
  }
}
