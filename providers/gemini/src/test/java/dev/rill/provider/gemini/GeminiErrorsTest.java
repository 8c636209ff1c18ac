package dev.rill.provider.gemini;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rill.api.ErrorKind;
import dev.rill.api.ProviderError;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@link GeminiProvider#classifyError} on Google's error bodies. */
class GeminiErrorsTest {

  private final GeminiProvider provider = new GeminiProvider();

  private ProviderError classify(int status, String body) {
    return provider.classifyError(status, Map.of(), body.getBytes(StandardCharsets.UTF_8));
  }

  private static String error(int code, String status, String message, String details) {
    return "{\"error\":{\"code\":" + code + ",\"message\":\"" + message + "\",\"status\":\"" + status + "\""
        + (details == null ? "" : ",\"details\":[" + details + "]") + "}}";
  }

  @ParameterizedTest
  @CsvSource({
      "429, RESOURCE_EXHAUSTED, RATE_LIMITED", "503, UNAVAILABLE, OVERLOADED", "500, INTERNAL, SERVER",
      "400, INVALID_ARGUMENT, INVALID_REQUEST", "400, FAILED_PRECONDITION, INVALID_REQUEST",
      "403, PERMISSION_DENIED, PERMISSION", "401, UNAUTHENTICATED, AUTHENTICATION", "404, NOT_FOUND, NOT_FOUND",
      "504, DEADLINE_EXCEEDED, TIMEOUT", "409, ABORTED, CONFLICT"})
  void statusesMapToKinds(int code, String status, ErrorKind kind) {
    ProviderError e = classify(code, error(code, status, "m", null));
    assertThat(e.kind()).isEqualTo(kind);
    assertThat(e.code()).isEqualTo(status);
    assertThat(e.message()).isEqualTo("m");
  }

  @Test
  void retryInfoGivesTheRetryDelay() {
    String details = "{\"@type\":\"type.googleapis.com/google.rpc.QuotaFailure\",\"violations\":[{\"quotaMetric\":"
        + "\"generativelanguage.googleapis.com/generate_content_free_tier_input_token_count\"}]},"
        + "{\"@type\":\"type.googleapis.com/google.rpc.RetryInfo\",\"retryDelay\":\"30s\"}";
    ProviderError e = classify(429, error(429, "RESOURCE_EXHAUSTED",
        "You exceeded your current quota: input_token_count exceeded", details));
    assertThat(e.kind()).isEqualTo(ErrorKind.RATE_LIMITED);
    assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(30));
    ProviderError fractional = classify(429, error(429, "RESOURCE_EXHAUSTED", "q",
        "{\"@type\":\"type.googleapis.com/google.rpc.RetryInfo\",\"retryDelay\":\"1.5s\"}"));
    assertThat(fractional.retryAfter()).isEqualTo(Duration.ofMillis(1500));
  }

  @Test
  void theRetryAfterHeaderIsTheFallback() {
    ProviderError e = provider.classifyError(503, Map.of("retry-after", "7"),
        error(503, "UNAVAILABLE", "The model is overloaded.", null).getBytes(StandardCharsets.UTF_8));
    assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(7));
  }

  @Test
  void anInvalidApiKeyIsAuthenticationThoughGoogleSends400() {
    String details = "{\"@type\":\"type.googleapis.com/google.rpc.ErrorInfo\",\"reason\":\"API_KEY_INVALID\","
        + "\"domain\":\"googleapis.com\",\"metadata\":{\"service\":\"generativelanguage.googleapis.com\"}}";
    ProviderError e = classify(400, error(400, "INVALID_ARGUMENT", "API key not valid. Please pass a valid API key.",
        details));
    assertThat(e.kind()).isEqualTo(ErrorKind.AUTHENTICATION);
    assertThat(e.code()).isEqualTo("API_KEY_INVALID");
  }

  @Test
  void tokenLimitMessagesAreContextLengthButOnlyForInvalidArguments() {
    assertThat(classify(400, error(400, "INVALID_ARGUMENT",
        "The input token count (1200000) exceeds the maximum number of tokens allowed (1048576).", null)).kind())
        .isEqualTo(ErrorKind.CONTEXT_LENGTH_EXCEEDED);
    assertThat(classify(400, error(400, "INVALID_ARGUMENT",
        "Request payload size exceeds the limit: 20971520 bytes.", null)).kind())
        .isEqualTo(ErrorKind.INVALID_REQUEST);
    assertThat(classify(429, error(429, "RESOURCE_EXHAUSTED",
        "Quota exceeded: the input token count per minute exceeds the maximum number of tokens", null)).kind())
        .isEqualTo(ErrorKind.RATE_LIMITED);
  }

  @Test
  void anArrayWrappedBodyAndNonJsonBodiesAreHandled() {
    assertThat(classify(503, "[" + error(503, "UNAVAILABLE", "busy", null) + "]").kind())
        .isEqualTo(ErrorKind.OVERLOADED);
    ProviderError html = classify(502, "<html>Bad Gateway</html>");
    assertThat(html.kind()).isEqualTo(ErrorKind.SERVER);
    assertThat(html.message()).isEqualTo("<html>Bad Gateway</html>");
    assertThat(classify(418, "{\"error\":{\"code\":418,\"message\":\"teapot\"}}").kind())
        .isEqualTo(ErrorKind.INVALID_REQUEST);
  }
}
