package dev.rill.provider.anthropic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.rill.api.Capability;
import dev.rill.api.ChatRequest;
import dev.rill.api.ErrorKind;
import dev.rill.api.Framing;
import dev.rill.api.HttpCall;
import dev.rill.api.ProviderInfo;
import dev.rill.api.ProviderSettings;
import dev.rill.api.RillException;
import dev.rill.api.Secret;
import dev.rill.api.StreamingProvider;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class AnthropicProviderTest {

  private static final String KEY = "sk-ant-test-0123456789";
  private final AnthropicProvider provider = new AnthropicProvider();
  private final ChatRequest request = ChatRequest.builder("claude-sonnet-4-5").user("Hi").build();

  private static ProviderSettings settings(String base, Map<String, String> headers) {
    return ProviderSettings.of("anthropic", URI.create(base), Secret.of(KEY), headers, Map.of());
  }

  @Test
  void info() {
    ProviderInfo info = provider.info();
    assertThat(info.id()).isEqualTo("anthropic");
    assertThat(info.displayName()).isEqualTo("Anthropic");
    assertThat(info.family()).isEqualTo("anthropic-messages");
    assertThat(info.defaultBaseUrl()).isEqualTo(URI.create("https://api.anthropic.com"));
    assertThat(info.apiKeyEnv()).isEqualTo("ANTHROPIC_API_KEY");
    assertThat(info.framing()).isEqualTo(Framing.SSE);
    assertThat(info.capabilities()).containsExactlyInAnyOrder(Capability.TEXT, Capability.TOOLS,
        Capability.REASONING, Capability.USAGE_IN_STREAM, Capability.IMAGES, Capability.SYSTEM_PROMPT,
        Capability.FINISH_REASON, Capability.STRUCTURED_OUTPUT);
    assertThat(info.spiVersion()).isEqualTo(StreamingProvider.SPI_VERSION);
    assertThat(info.capabilitiesFor("claude-3-5-haiku-20241022")).doesNotContain(Capability.IMAGES,
        Capability.REASONING);
    assertThat(info.capabilitiesFor("claude-3-5-sonnet-20241022")).doesNotContain(Capability.REASONING);
    assertThat(info.capabilitiesFor("claude-sonnet-4-5-20250929")).isEqualTo(info.capabilities());
  }

  @Test
  void prepareBuildsTheMessagesCall() {
    HttpCall call = provider.prepare(request, settings("https://api.anthropic.com", Map.of()));
    assertThat(call.method()).isEqualTo("POST");
    assertThat(call.uri()).isEqualTo(URI.create("https://api.anthropic.com/v1/messages"));
    assertThat(call.headers()).containsExactly(Map.entry("x-api-key", KEY),
        Map.entry("anthropic-version", "2023-06-01"), Map.entry("content-type", "application/json"),
        Map.entry("accept", "text/event-stream"));
    assertThat(call.bodyText()).isEqualTo("{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":4096,"
        + "\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}],\"stream\":true}");
  }

  @Test
  void baseUrlVariantsAndExtraHeaders() {
    HttpCall call = provider.prepare(request, settings("http://127.0.0.1:8080/proxy/v1/",
        Map.of("Anthropic-Version", "2024-01-01", "anthropic-beta", "interleaved-thinking-2025-05-14")));
    assertThat(call.uri()).isEqualTo(URI.create("http://127.0.0.1:8080/proxy/v1/messages"));
    assertThat(call.headers()).containsEntry("Anthropic-Version", "2024-01-01")
        .containsEntry("anthropic-beta", "interleaved-thinking-2025-05-14")
        .doesNotContainKey("anthropic-version");
  }

  @Test
  void theKeyIsRequiredAndNeverShown() {
    RillException e = catchThrowableOfType(RillException.class, () -> provider.prepare(request,
        ProviderSettings.of("anthropic", URI.create("https://api.anthropic.com"), null)));
    assertThat(e.kind()).isEqualTo(ErrorKind.AUTHENTICATION);
    assertThat(e.getMessage()).contains("ANTHROPIC_API_KEY");
    HttpCall call = provider.prepare(request, settings("https://api.anthropic.com", Map.of()));
    assertThat(call.toString()).doesNotContain(KEY);
    assertThat(call.withoutCredentials().headers().get("x-api-key")).isEqualTo("***");
  }

  @Test
  void bothProvidersAreDiscoveredThroughServiceLoader() {
    List<String> ids = ServiceLoader.load(StreamingProvider.class).stream()
        .map(p -> p.get().info().id()).toList();
    assertThat(ids).contains("anthropic", "vertex-anthropic");
  }

  @Test
  void eachStreamGetsAFreshDecoder() {
    assertThat(provider.newDecoder(request)).isNotSameAs(provider.newDecoder(request));
  }
}
