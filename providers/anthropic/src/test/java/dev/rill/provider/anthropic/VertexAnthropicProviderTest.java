package dev.rill.provider.anthropic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.rill.api.ChatRequest;
import dev.rill.api.ErrorKind;
import dev.rill.api.HttpCall;
import dev.rill.api.ProviderInfo;
import dev.rill.api.ProviderSettings;
import dev.rill.api.RillException;
import dev.rill.api.Secret;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VertexAnthropicProviderTest {

  private static final String TOKEN = "ya29.a0AfH6SMtesttoken";
  private final VertexAnthropicProvider provider = new VertexAnthropicProvider();
  private final ChatRequest request = ChatRequest.builder("claude-sonnet-4-5@20250929").user("Hi").build();

  private ProviderSettings settings(URI base, Map<String, String> options) {
    return ProviderSettings.of("vertex-anthropic", base, Secret.of(TOKEN), Map.of(), options);
  }

  private ProviderSettings settings(Map<String, String> options) {
    return settings(provider.info().defaultBaseUrl(), options);
  }

  @Test
  void info() {
    ProviderInfo info = provider.info();
    assertThat(info.id()).isEqualTo("vertex-anthropic");
    assertThat(info.family()).isEqualTo("anthropic-messages");
    assertThat(info.apiKeyEnv()).isEqualTo("GOOGLE_CLOUD_ACCESS_TOKEN");
    assertThat(info.defaultBaseUrl()).isEqualTo(URI.create("https://us-east5-aiplatform.googleapis.com"));
    // Claude on Vertex as on Anthropic, but structured output (output_config), which Vertex AI does not document
    java.util.Set<dev.rill.api.Capability> anthropic = java.util.EnumSet.copyOf(new AnthropicProvider().info().capabilities());
    anthropic.remove(dev.rill.api.Capability.STRUCTURED_OUTPUT);
    assertThat(info.capabilities()).isEqualTo(anthropic);
  }

  @Test
  void defaultRegion() {
    HttpCall call = provider.prepare(request, settings(Map.of("project", "my-proj")));
    assertThat(call.uri()).isEqualTo(URI.create("https://us-east5-aiplatform.googleapis.com/v1/projects/my-proj/"
        + "locations/us-east5/publishers/anthropic/models/claude-sonnet-4-5@20250929:streamRawPredict"));
    assertThat(call.headers()).containsExactly(Map.entry("authorization", "Bearer " + TOKEN),
        Map.entry("content-type", "application/json"), Map.entry("accept", "text/event-stream"));
    assertThat(call.bodyText()).isEqualTo("{\"anthropic_version\":\"vertex-2023-10-16\",\"max_tokens\":4096,"
        + "\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}],\"stream\":true}");
    assertThat(call.toString()).doesNotContain(TOKEN);
  }

  @Test
  void otherAndGlobalRegions() {
    assertThat(provider.prepare(request, settings(Map.of("project", "p", "region", "europe-west1"))).uri())
        .isEqualTo(URI.create("https://europe-west1-aiplatform.googleapis.com/v1/projects/p/locations/europe-west1/"
            + "publishers/anthropic/models/claude-sonnet-4-5@20250929:streamRawPredict"));
    assertThat(provider.prepare(request, settings(Map.of("project", "p", "region", "global"))).uri())
        .isEqualTo(URI.create("https://aiplatform.googleapis.com/v1/projects/p/locations/global/"
            + "publishers/anthropic/models/claude-sonnet-4-5@20250929:streamRawPredict"));
  }

  @Test
  void anOverriddenBaseKeepsThePath() {
    HttpCall call = provider.prepare(request,
        settings(URI.create("http://127.0.0.1:9999/"), Map.of("project", "p", "region", "us-east5")));
    assertThat(call.uri()).isEqualTo(URI.create("http://127.0.0.1:9999/v1/projects/p/locations/us-east5/"
        + "publishers/anthropic/models/claude-sonnet-4-5@20250929:streamRawPredict"));
  }

  @Test
  void theProjectIsRequired() {
    RillException e = catchThrowableOfType(RillException.class, () -> provider.prepare(request, settings(Map.of())));
    assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
    assertThat(e.getMessage()).contains("'project'");
    RillException blank = catchThrowableOfType(RillException.class,
        () -> provider.prepare(request, settings(Map.of("project", "  "))));
    assertThat(blank.kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
  }

  @Test
  void aBadRegionIsRejected() {
    RillException e = catchThrowableOfType(RillException.class,
        () -> provider.prepare(request, settings(Map.of("project", "p", "region", "evil.com/x"))));
    assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
    assertThat(e.getMessage()).contains("'region'");
  }

  @Test
  void theTokenIsRequired() {
    RillException e = catchThrowableOfType(RillException.class, () -> provider.prepare(request,
        ProviderSettings.of("vertex-anthropic", provider.info().defaultBaseUrl(), null, Map.of(),
            Map.of("project", "p"))));
    assertThat(e.kind()).isEqualTo(ErrorKind.AUTHENTICATION);
    assertThat(e.getMessage()).contains("GOOGLE_CLOUD_ACCESS_TOKEN");
  }

  @Test
  void modelNamesArePercentEncodedInThePath() {
    ChatRequest odd = ChatRequest.builder("claude/x y").user("Hi").build();
    assertThat(provider.prepare(odd, settings(Map.of("project", "p"))).uri().getRawPath())
        .endsWith("/models/claude%2Fx%20y:streamRawPredict");
  }
}
