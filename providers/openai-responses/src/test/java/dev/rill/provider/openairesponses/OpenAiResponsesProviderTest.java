package dev.rill.provider.openairesponses;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.rill.api.Capability;
import dev.rill.api.ChatRequest;
import dev.rill.api.ErrorKind;
import dev.rill.api.Framing;
import dev.rill.api.HttpCall;
import dev.rill.api.ProviderInfo;
import dev.rill.api.ProviderSettings;
import dev.rill.api.ReasoningOptions;
import dev.rill.api.RillException;
import dev.rill.api.Secret;
import dev.rill.api.StreamingProvider;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class OpenAiResponsesProviderTest {

  private static final String KEY = "sk-test-0123456789abcdef";
  private static final Capability[] CAPABILITIES = {Capability.TEXT, Capability.TOOLS, Capability.REASONING,
      Capability.USAGE_IN_STREAM, Capability.IMAGES, Capability.SYSTEM_PROMPT, Capability.FINISH_REASON,
      Capability.STRUCTURED_OUTPUT};

  private final ChatRequest request = ChatRequest.builder("gpt-4.1").user("Hi").build();

  private static ProviderSettings settings(String id, String base, Map<String, String> headers,
      Map<String, String> options) {
    return ProviderSettings.of(id, URI.create(base), Secret.of(KEY), headers, options);
  }

  @Test
  void describesTheThreeProviders() {
    Object[][] rows = {
        {new OpenAiResponsesProvider(), "openai-responses", "OpenAI Responses", "https://api.openai.com/v1",
            "OPENAI_API_KEY"},
        {new XaiResponsesProvider(), "xai-responses", "xAI Responses", "https://api.x.ai/v1", "XAI_API_KEY"},
        {new AzureOpenAiResponsesProvider(), "azure-openai-responses", "Azure OpenAI Responses",
            "https://%7Bresource%7D.openai.azure.com/openai/v1", "AZURE_OPENAI_API_KEY"}};
    for (Object[] row : rows) {
      ProviderInfo info = ((StreamingProvider) row[0]).info();
      assertThat(info.id()).isEqualTo(row[1]);
      assertThat(info.displayName()).isEqualTo(row[2]);
      assertThat(info.family()).isEqualTo("openai-responses");
      assertThat(info.defaultBaseUrl()).isEqualTo(URI.create((String) row[3]));
      assertThat(info.apiKeyEnv()).isEqualTo(row[4]);
      assertThat(info.framing()).isEqualTo(Framing.SSE);
      assertThat(info.capabilities()).containsExactlyInAnyOrder(CAPABILITIES);
      assertThat(info.spiVersion()).isEqualTo(StreamingProvider.SPI_VERSION);
    }
    assertThat(new AzureOpenAiResponsesProvider().info().defaultBaseUrl().getAuthority())
        .isEqualTo("{resource}.openai.azure.com");
  }

  @Test
  void prepareBuildsTheResponsesCall() {
    HttpCall call = new OpenAiResponsesProvider().prepare(request,
        settings("openai-responses", "https://api.openai.com/v1", Map.of(), Map.of()));
    assertThat(call.method()).isEqualTo("POST");
    assertThat(call.uri()).isEqualTo(URI.create("https://api.openai.com/v1/responses"));
    assertThat(call.headers()).containsExactly(Map.entry("Authorization", "Bearer " + KEY),
        Map.entry("Content-Type", "application/json"), Map.entry("Accept", "text/event-stream"));
    assertThat(call.bodyText()).isEqualTo("{\"model\":\"gpt-4.1\",\"input\":[{\"role\":\"user\",\"content\":"
        + "[{\"type\":\"input_text\",\"text\":\"Hi\"}]}],\"stream\":true,\"store\":false}");
  }

  @Test
  void baseUrlVariantsAndExtraHeaders() {
    HttpCall call = new OpenAiResponsesProvider().prepare(request, settings("openai-responses",
        "http://127.0.0.1:8080/proxy/v1/?tenant=a", Map.of("accept", "*/*", "OpenAI-Organization", "org-1"),
        Map.of()));
    assertThat(call.uri()).isEqualTo(URI.create("http://127.0.0.1:8080/proxy/v1/responses?tenant=a"));
    assertThat(call.headers()).containsEntry("accept", "*/*").containsEntry("OpenAI-Organization", "org-1")
        .doesNotContainKey("Accept");
    RillException e = catchThrowableOfType(RillException.class, () -> new OpenAiResponsesProvider().prepare(request,
        settings("openai-responses", "ftp://example.com/v1", Map.of(), Map.of())));
    assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
  }

  @Test
  void theKeyIsRequiredAndNeverShown() {
    for (StreamingProvider p : List.of(new OpenAiResponsesProvider(), new XaiResponsesProvider(),
        new AzureOpenAiResponsesProvider())) {
      RillException e = catchThrowableOfType(RillException.class, () -> p.prepare(request, ProviderSettings.of(
          p.info().id(), URI.create("https://example.com/v1"), null, Map.of(), Map.of())));
      assertThat(e.kind()).as(p.info().id()).isEqualTo(ErrorKind.AUTHENTICATION);
      assertThat(e.getMessage()).contains(p.info().apiKeyEnv());
      HttpCall call = p.prepare(request, settings(p.info().id(), "https://example.com/v1", Map.of(), Map.of()));
      assertThat(call.toString()).doesNotContain(KEY);
      assertThat(call.withoutCredentials().headers().values()).doesNotContain(KEY, "Bearer " + KEY);
    }
  }

  @Test
  void xaiSendsTheEffortWithoutASummary() {
    ChatRequest reasoning = ChatRequest.builder("grok-3-mini").user("Hi").reasoning(ReasoningOptions.effort("high"))
        .build();
    HttpCall xai = new XaiResponsesProvider().prepare(reasoning,
        settings("xai-responses", "https://api.x.ai/v1", Map.of(), Map.of()));
    assertThat(xai.uri()).isEqualTo(URI.create("https://api.x.ai/v1/responses"));
    assertThat(xai.headers()).containsEntry("Authorization", "Bearer " + KEY);
    assertThat(xai.bodyText()).contains("\"reasoning\":{\"effort\":\"high\"}");
    HttpCall openai = new OpenAiResponsesProvider().prepare(reasoning,
        settings("openai-responses", "https://api.openai.com/v1", Map.of(), Map.of()));
    assertThat(openai.bodyText()).contains("\"reasoning\":{\"effort\":\"high\",\"summary\":\"auto\"}");
  }

  @Test
  void azureFillsTheResourceAndSendsTheKeyAsApiKey() {
    AzureOpenAiResponsesProvider azure = new AzureOpenAiResponsesProvider();
    HttpCall call = azure.prepare(request, settings("azure-openai-responses",
        AzureOpenAiResponsesProvider.DEFAULT_BASE_URL, Map.of(), Map.of("resource", "my-aoai")));
    assertThat(call.uri()).isEqualTo(URI.create("https://my-aoai.openai.azure.com/openai/v1/responses"));
    assertThat(call.headers()).containsExactly(Map.entry("api-key", KEY),
        Map.entry("Content-Type", "application/json"), Map.entry("Accept", "text/event-stream"));
    assertThat(call.withoutCredentials().headers().get("api-key")).isEqualTo("***");
  }

  @Test
  void azureSendsAnEntraIdBearerTokenAsAuthorization() {
    AzureOpenAiResponsesProvider azure = new AzureOpenAiResponsesProvider();
    HttpCall call = azure.prepare(request, settings("azure-openai-responses",
        AzureOpenAiResponsesProvider.DEFAULT_BASE_URL, Map.of(), Map.of("resource", "my-aoai"))
        .withCredential(dev.rill.api.Credential.bearerToken("eyJ0eXAi.entra-token", null)));
    assertThat(call.headers()).containsEntry("Authorization", "Bearer eyJ0eXAi.entra-token")
        .doesNotContainKey("api-key");
    assertThat(call.toString()).doesNotContain("entra-token");
  }

  @Test
  void azureApiVersionIsAnOptionalQueryParameter() {
    AzureOpenAiResponsesProvider azure = new AzureOpenAiResponsesProvider();
    HttpCall call = azure.prepare(request, settings("azure-openai-responses",
        AzureOpenAiResponsesProvider.DEFAULT_BASE_URL, Map.of(), Map.of("resource", "r1", "api-version", "preview")));
    assertThat(call.uri()).isEqualTo(URI.create("https://r1.openai.azure.com/openai/v1/responses?api-version=preview"));
    HttpCall kept = azure.prepare(request, settings("azure-openai-responses",
        "https://gw.example.com/aoai/openai/v1?api-version=2025-04-01-preview", Map.of(),
        Map.of("api-version", "preview")));
    assertThat(kept.uri()).isEqualTo(
        URI.create("https://gw.example.com/aoai/openai/v1/responses?api-version=2025-04-01-preview"));
  }

  @Test
  void azureNeedsTheResourceOnlyWhileTheBaseHasThePlaceholder() {
    AzureOpenAiResponsesProvider azure = new AzureOpenAiResponsesProvider();
    RillException missing = catchThrowableOfType(RillException.class, () -> azure.prepare(request,
        settings("azure-openai-responses", AzureOpenAiResponsesProvider.DEFAULT_BASE_URL, Map.of(), Map.of())));
    assertThat(missing.kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
    assertThat(missing.getMessage()).contains("'resource'");
    RillException bad = catchThrowableOfType(RillException.class, () -> azure.prepare(request,
        settings("azure-openai-responses", AzureOpenAiResponsesProvider.DEFAULT_BASE_URL, Map.of(),
            Map.of("resource", "evil.com/x?"))));
    assertThat(bad.kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
    HttpCall overridden = azure.prepare(request,
        settings("azure-openai-responses", "http://127.0.0.1:9000/openai/v1", Map.of(), Map.of()));
    assertThat(overridden.uri()).isEqualTo(URI.create("http://127.0.0.1:9000/openai/v1/responses"));
  }

  @Test
  void allThreeAreDiscoveredThroughServiceLoader() {
    List<String> ids = ServiceLoader.load(StreamingProvider.class).stream().map(p -> p.get().info().id()).toList();
    assertThat(ids).contains("openai-responses", "xai-responses", "azure-openai-responses");
  }

  @Test
  void eachStreamGetsAFreshDecoder() {
    OpenAiResponsesProvider p = new OpenAiResponsesProvider();
    assertThat(p.newDecoder(request)).isNotSameAs(p.newDecoder(request));
  }
}
