package dev.rill.provider.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.rill.api.ChatRequest;
import dev.rill.api.ErrorKind;
import dev.rill.api.FinishReason;
import dev.rill.api.HttpCall;
import dev.rill.api.ProviderError;
import dev.rill.api.ProviderInfo;
import dev.rill.api.ProviderSettings;
import dev.rill.api.RillException;
import dev.rill.api.Secret;
import dev.rill.framing.OfflineDecoder;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AzureOpenAiProviderTest {

  private static final Secret KEY = Secret.of("azure-key-0123456789");
  private final AzureOpenAiProvider azure = new AzureOpenAiProvider();
  private final ChatRequest request = ChatRequest.builder("my-gpt4o").user("Hello").maxTokens(12).build();

  private ProviderSettings settings(Map<String, String> options) {
    return ProviderSettings.of("azure-openai", azure.info().defaultBaseUrl(), KEY, Map.of(), options);
  }

  private ProviderSettings at(String base, Map<String, String> options) {
    return ProviderSettings.of("azure-openai", URI.create(base), KEY, Map.of(), options);
  }

  @Test
  void describesAzure() {
    ProviderInfo info = azure.info();
    assertThat(info.id()).isEqualTo("azure-openai");
    assertThat(info.displayName()).isEqualTo("Azure OpenAI");
    assertThat(info.family()).isEqualTo("openai-chat");
    assertThat(info.apiKeyEnv()).isEqualTo("AZURE_OPENAI_API_KEY");
  }

  @Test
  void datedVersionUsesTheDeploymentUrlAndApiKeyHeader() {
    HttpCall call = azure.prepare(request, settings(Map.of("resource", "contoso")));
    assertThat(call.uri()).isEqualTo(URI.create(
        "https://contoso.openai.azure.com/openai/deployments/my-gpt4o/chat/completions?api-version=2024-10-21"));
    assertThat(call.headers()).containsEntry("api-key", KEY.reveal()).doesNotContainKey("Authorization")
        .containsEntry("Accept", "text/event-stream");
    assertThat(call.bodyText()).isEqualTo("{\"model\":\"my-gpt4o\",\"messages\":[{\"role\":\"user\",\"content\":"
        + "\"Hello\"}],\"stream\":true,\"stream_options\":{\"include_usage\":true},\"max_tokens\":12}");
    assertThat(call.toString()).doesNotContain(KEY.reveal());
    assertThat(azure.prepare(request, settings(Map.of("resource", "contoso", "api-version", "2025-04-01-preview")))
        .uri().getQuery()).isEqualTo("api-version=2025-04-01-preview");
  }

  @Test
  void anEntraIdBearerTokenIsSentAsAuthorizationBearer() {
    ProviderSettings s = ProviderSettings.of("azure-openai", azure.info().defaultBaseUrl(), null, Map.of(),
        Map.of("resource", "contoso")).withCredential(
            dev.rill.api.Credential.bearerToken("eyJ0eXAi.entra-token", java.time.Instant.now().plusSeconds(3600)));
    HttpCall call = azure.prepare(request, s);
    assertThat(call.headers()).containsEntry("Authorization", "Bearer eyJ0eXAi.entra-token")
        .doesNotContainKey("api-key");
  }

  @Test
  void v1AndPreviewUseTheV1PathWithTheModelInTheBody() {
    HttpCall v1 = azure.prepare(request, settings(Map.of("resource", "contoso", "api-version", "v1")));
    assertThat(v1.uri()).isEqualTo(URI.create("https://contoso.openai.azure.com/openai/v1/chat/completions"));
    assertThat(v1.bodyText()).contains("\"model\":\"my-gpt4o\"", "\"max_completion_tokens\":12")
        .doesNotContain("\"max_tokens\"");
    HttpCall preview = azure.prepare(request, settings(Map.of("resource", "contoso", "api-version", "Preview")));
    assertThat(preview.uri()).isEqualTo(
        URI.create("https://contoso.openai.azure.com/openai/v1/chat/completions?api-version=preview"));
  }

  @Test
  void anOverriddenBaseUrlReplacesTheResourceHost() {
    assertThat(azure.prepare(request, at("http://127.0.0.1:9000", Map.of())).uri()).isEqualTo(URI.create(
        "http://127.0.0.1:9000/openai/deployments/my-gpt4o/chat/completions?api-version=2024-10-21"));
    assertThat(azure.prepare(request, at("https://apim.example.com/team/openai/", Map.of("resource", "x"))).uri())
        .isEqualTo(URI.create("https://apim.example.com/team/openai/deployments/my-gpt4o/chat/completions"
            + "?api-version=2024-10-21"));
    ChatRequest spaced = ChatRequest.builder("dep one").user("x").build();
    assertThat(azure.prepare(spaced, settings(Map.of("resource", "contoso"))).uri().getRawPath())
        .isEqualTo("/openai/deployments/dep%20one/chat/completions");
  }

  @Test
  void bearerAuthForEntraTokens() {
    HttpCall call = azure.prepare(request, settings(Map.of("resource", "contoso", "auth", "bearer")));
    assertThat(call.headers()).containsEntry("Authorization", "Bearer " + KEY.reveal()).doesNotContainKey("api-key");
  }

  @Test
  void badSettingsAreTypedErrors() {
    for (ProviderSettings bad : new ProviderSettings[] {settings(Map.of()),
        settings(Map.of("resource", "not a name")), settings(Map.of("resource", "c", "api-version", "latest")),
        settings(Map.of("resource", "c", "auth", "cookie")), at("https://x.example.com/?api-version=1", Map.of()),
        at("ftp://x.example.com", Map.of())}) {
      RillException e = catchThrowableOfType(RillException.class, () -> azure.prepare(request, bad));
      assertThat(e).as(bad.toString()).isNotNull();
      assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
    }
    RillException missing = catchThrowableOfType(RillException.class, () -> azure.prepare(request, settings(
        Map.of())));
    assertThat(missing.getMessage()).contains("resource");
    RillException noKey = catchThrowableOfType(RillException.class, () -> azure.prepare(request,
        ProviderSettings.of("azure-openai", azure.info().defaultBaseUrl(), null, Map.of(),
            Map.of("resource", "contoso"))));
    assertThat(noKey.kind()).isEqualTo(ErrorKind.AUTHENTICATION);
    assertThat(noKey.getMessage()).contains("AZURE_OPENAI_API_KEY");
  }

  @Test
  void promptFilterChunksAreIgnoredAndContentFilterFinishes() {
    String wire = "data: {\"choices\":[],\"created\":0,\"id\":\"\",\"model\":\"\",\"object\":\"\","
        + "\"prompt_filter_results\":[{\"prompt_index\":0,\"content_filter_results\":{\"hate\":{\"filtered\":false,"
        + "\"severity\":\"safe\"}}}]}\n\n"
        + "data: {\"choices\":[{\"content_filter_results\":{},\"delta\":{\"content\":\"\",\"role\":\"assistant\"},"
        + "\"finish_reason\":null,\"index\":0}],\"created\":1,\"id\":\"chatcmpl-1\",\"model\":\"gpt-4o-2024-08-06\","
        + "\"object\":\"chat.completion.chunk\"}\n\n"
        + "data: {\"choices\":[{\"content_filter_results\":{\"hate\":{\"filtered\":false,\"severity\":\"safe\"}},"
        + "\"delta\":{\"content\":\"Hel\"},\"finish_reason\":null,\"index\":0}],\"id\":\"chatcmpl-1\","
        + "\"model\":\"gpt-4o-2024-08-06\"}\n\n"
        + "data: {\"choices\":[{\"content_filter_offsets\":{\"check_offset\":0,\"start_offset\":0,\"end_offset\":3},"
        + "\"content_filter_results\":{},\"finish_reason\":null,\"index\":0}],\"id\":\"chatcmpl-1\"}\n\n"
        + "data: {\"choices\":[{\"content_filter_results\":{\"violence\":{\"filtered\":true,\"severity\":\"high\"}},"
        + "\"delta\":{},\"finish_reason\":\"content_filter\",\"index\":0}],\"id\":\"chatcmpl-1\","
        + "\"model\":\"gpt-4o-2024-08-06\"}\n\n"
        + "data: {\"choices\":[],\"id\":\"chatcmpl-1\",\"model\":\"gpt-4o-2024-08-06\",\"usage\":{\"prompt_tokens\":9,"
        + "\"completion_tokens\":1,\"total_tokens\":10}}\n\n"
        + "data: [DONE]\n\n";
    OfflineDecoder.Result result = OfflineDecoder.decode(azure, request, wire.getBytes(StandardCharsets.UTF_8));
    assertThat(result.error()).isNull();
    assertThat(result.ended()).isTrue();
    assertThat(result.response().text()).isEqualTo("Hel");
    assertThat(result.response().finishReason()).isEqualTo(FinishReason.of(FinishReason.Kind.CONTENT_FILTER,
        "content_filter"));
    assertThat(result.response().usage().inputTokens()).isEqualTo(9L);
    assertThat(result.response().responseId()).isEqualTo("chatcmpl-1");
    assertThat(result.chunks()).noneMatch(dev.rill.api.StreamChunk::isEmpty);
  }

  @Test
  void aFilteredPromptIsContentFiltered() {
    byte[] body = ("{\"error\":{\"message\":\"The response was filtered due to the prompt triggering Azure OpenAI's "
        + "content management policy.\",\"type\":null,\"param\":\"prompt\",\"code\":\"content_filter\",\"status\":400,"
        + "\"innererror\":{\"code\":\"ResponsibleAIPolicyViolation\",\"content_filter_result\":{\"hate\":"
        + "{\"filtered\":true,\"severity\":\"high\"}}}}}").getBytes(StandardCharsets.UTF_8);
    ProviderError error = azure.classifyError(400, Map.of(), body);
    assertThat(error.kind()).isEqualTo(ErrorKind.CONTENT_FILTERED);
    assertThat(error.code()).isEqualTo("content_filter");
    ProviderError notFound = azure.classifyError(404, Map.of(),
        "{\"error\":{\"code\":\"DeploymentNotFound\",\"message\":\"The API deployment for this resource does not exist.\"}}"
            .getBytes(StandardCharsets.UTF_8));
    assertThat(notFound.kind()).isEqualTo(ErrorKind.NOT_FOUND);
    ProviderError limited = azure.classifyError(429, Map.of("retry-after-ms", "1500"),
        "{\"error\":{\"code\":\"429\",\"message\":\"Rate limit is exceeded.\"}}".getBytes(StandardCharsets.UTF_8));
    assertThat(limited.kind()).isEqualTo(ErrorKind.RATE_LIMITED);
    assertThat(limited.retryAfter()).isEqualTo(java.time.Duration.ofMillis(1500));
  }
}
