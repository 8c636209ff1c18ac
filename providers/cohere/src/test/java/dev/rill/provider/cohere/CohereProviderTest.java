package dev.rill.provider.cohere;

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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class CohereProviderTest {

  private final CohereProvider provider = new CohereProvider();

  @Test
  void describesItself() {
    ProviderInfo info = provider.info();
    assertThat(info.id()).isEqualTo("cohere");
    assertThat(info.displayName()).isEqualTo("Cohere");
    assertThat(info.family()).isEqualTo("cohere-v2");
    assertThat(info.defaultBaseUrl()).isEqualTo(URI.create("https://api.cohere.com"));
    assertThat(info.apiKeyEnv()).isEqualTo("COHERE_API_KEY");
    assertThat(info.framing()).isEqualTo(Framing.SSE);
    assertThat(info.capabilities()).containsExactlyInAnyOrder(Capability.TEXT, Capability.TOOLS, Capability.REASONING,
        Capability.USAGE_IN_STREAM, Capability.IMAGES, Capability.SYSTEM_PROMPT, Capability.FINISH_REASON,
        Capability.STRUCTURED_OUTPUT);
  }

  @Test
  void isFoundByTheServiceLoader() {
    assertThat(ServiceLoader.load(StreamingProvider.class).stream().map(ServiceLoader.Provider::type))
        .contains(CohereProvider.class);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "400|{\"id\":\"1\",\"message\":\"invalid request: message must not be empty in a turn\"}|INVALID_REQUEST",
      "400|{\"message\":\"too many tokens: total number of tokens in the prompt cannot exceed 4081 - received 4292.\"}|CONTEXT_LENGTH_EXCEEDED",
      "400|{\"message\":\"too many tokens: max tokens must be less than or equal to 4096, the maximum output for this model - received 8192.\"}|INVALID_REQUEST",
      "400|{\"message\":\"too many tokens: size limit exceeded by 11326 tokens.\"}|CONTEXT_LENGTH_EXCEEDED",
      "401|{\"message\":\"invalid api token\"}|AUTHENTICATION",
      "402|{\"message\":\"Please add or update your payment method\"}|QUOTA_EXHAUSTED",
      "404|{\"message\":\"model 'command-x' not found\"}|NOT_FOUND",
      "429|{\"message\":\"You are past the per minute request limit\"}|RATE_LIMITED",
      "429|{\"message\":\"You are using a Trial key, which is limited to 1000 API calls / month.\"}|QUOTA_EXHAUSTED",
      "498|{\"message\":\"invalid token\"}|AUTHENTICATION",
      "499|{\"message\":\"request cancelled\"}|SERVER",
      "500|{\"message\":\"internal server error\"}|SERVER",
      "503|{\"message\":\"service unavailable\"}|OVERLOADED",
      "504|{\"message\":\"gateway timeout\"}|TIMEOUT"})
  void classifiesByStatusAndMessage(int status, String body, ErrorKind kind) {
    ProviderError e = provider.classifyError(status, Map.of(), body.getBytes(StandardCharsets.UTF_8));
    assertThat(e.kind()).isEqualTo(kind);
    assertThat(e.message()).isNotBlank().doesNotContain("{\"");
  }

  @Test
  void nonJsonBodiesAndRetryAfterAreKept() {
    ProviderError e = provider.classifyError(429, Map.of("retry-after", "3"),
        "upstream says slow down".getBytes(StandardCharsets.UTF_8));
    assertThat(e.kind()).isEqualTo(ErrorKind.RATE_LIMITED);
    assertThat(e.message()).isEqualTo("upstream says slow down");
    assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(3));
  }
}
