package dev.rill.provider.ollama;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rill.api.Capability;
import dev.rill.api.ErrorKind;
import dev.rill.api.Framing;
import dev.rill.api.ProviderError;
import dev.rill.api.ProviderInfo;
import dev.rill.api.StreamingProvider;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class OllamaProviderTest {

  private final OllamaProvider provider = new OllamaProvider();

  @Test
  void describesItself() {
    ProviderInfo info = provider.info();
    assertThat(info.id()).isEqualTo("ollama");
    assertThat(info.displayName()).isEqualTo("Ollama");
    assertThat(info.family()).isEqualTo("ollama");
    assertThat(info.defaultBaseUrl()).isEqualTo(URI.create("http://localhost:11434"));
    assertThat(info.apiKeyEnv()).isNull();
    assertThat(info.framing()).isEqualTo(Framing.NDJSON);
    assertThat(info.capabilities()).containsExactlyInAnyOrder(Capability.TEXT, Capability.TOOLS, Capability.REASONING,
        Capability.USAGE_IN_STREAM, Capability.IMAGES, Capability.SYSTEM_PROMPT, Capability.FINISH_REASON,
        Capability.STRUCTURED_OUTPUT);
    assertThat(info.spiVersion()).isEqualTo(StreamingProvider.SPI_VERSION);
  }

  @Test
  void isFoundByTheServiceLoader() {
    assertThat(ServiceLoader.load(StreamingProvider.class).stream().map(ServiceLoader.Provider::type))
        .contains(OllamaProvider.class);
  }

  @Test
  void modelNotFoundIsNotFoundWithAPullHint() {
    ProviderError e = classify(404, "{\"error\":\"model \\\"llama3.3\\\" not found, try pulling it first\"}");
    assertThat(e.kind()).isEqualTo(ErrorKind.NOT_FOUND);
    assertThat(e.message()).startsWith("model \"llama3.3\" not found").contains("ollama pull llama3.3");
  }

  @Test
  void otherBodiesFollowTheStatusTable() {
    assertThat(classify(400, "{\"error\":\"invalid options\"}").kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
    assertThat(classify(400, "{\"error\":\"invalid options\"}").message()).isEqualTo("invalid options");
    assertThat(classify(500, "{\"error\":\"model requires more system memory\"}").kind()).isEqualTo(ErrorKind.SERVER);
    assertThat(classify(502, "<html>Bad Gateway</html>").message()).isEqualTo("<html>Bad Gateway</html>");
    assertThat(classify(503, "").message()).isNull();
    assertThat(classify(401, "{\"error\":\"unauthorized\"}").kind()).isEqualTo(ErrorKind.AUTHENTICATION);
  }

  @Test
  void retryAfterSecondsAreKept() {
    ProviderError e = provider.classifyError(429, Map.of("retry-after", "7"), "{}".getBytes(StandardCharsets.UTF_8));
    assertThat(e.kind()).isEqualTo(ErrorKind.RATE_LIMITED);
    assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(7));
  }

  private ProviderError classify(int status, String body) {
    return provider.classifyError(status, Map.of(), body.getBytes(StandardCharsets.UTF_8));
  }
}
