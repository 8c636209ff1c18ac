package dev.rill.provider.anthropic.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rill.api.ErrorKind;
import dev.rill.api.ProviderError;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MessagesErrorClassifierTest {

  private static final Instant NOW = Instant.parse("2025-08-18T12:43:00Z");
  private final MessagesErrorClassifier classifier = new MessagesErrorClassifier(Clock.fixed(NOW, ZoneOffset.UTC));

  private static byte[] body(String type, String message) {
    return ("{\"type\":\"error\",\"error\":{\"type\":\"" + type + "\",\"message\":\"" + message + "\"},"
        + "\"request_id\":\"req_011CSHoEeqs5C35K2UUqR7Fy\"}").getBytes(StandardCharsets.UTF_8);
  }

  private ProviderError classify(int status, String type, String message) {
    return classifier.classify(status, Map.of(), body(type, message));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "400 | invalid_request_error | INVALID_REQUEST", "401 | authentication_error | AUTHENTICATION",
      "403 | permission_error | PERMISSION", "404 | not_found_error | NOT_FOUND",
      "413 | request_too_large | REQUEST_TOO_LARGE", "429 | rate_limit_error | RATE_LIMITED",
      "500 | api_error | SERVER", "529 | overloaded_error | OVERLOADED", "402 | billing_error | QUOTA_EXHAUSTED",
      "500 | overloaded_error | OVERLOADED"})
  void errorTypeDecidesTheKindAndIsTheCode(int status, String type, ErrorKind kind) {
    ProviderError e = classify(status, type, "Something");
    assertThat(e.kind()).isEqualTo(kind);
    assertThat(e.code()).isEqualTo(type);
    assertThat(e.message()).isEqualTo("Something");
  }

  @ParameterizedTest
  @CsvSource({"400, INVALID_REQUEST", "401, AUTHENTICATION", "403, PERMISSION", "404, NOT_FOUND", "408, TIMEOUT",
      "409, CONFLICT", "413, REQUEST_TOO_LARGE", "429, RATE_LIMITED", "500, SERVER", "502, SERVER", "503, OVERLOADED",
      "504, TIMEOUT", "529, OVERLOADED"})
  void unknownTypesAndNonJsonBodiesFallBackToTheStatus(int status, ErrorKind kind) {
    assertThat(classify(status, "future_error", "x").kind()).isEqualTo(kind);
    ProviderError html = classifier.classify(status, Map.of(), "<html>Bad gateway</html>".getBytes());
    assertThat(html.kind()).isEqualTo(kind);
    assertThat(html.code()).isNull();
    assertThat(html.message()).isEqualTo("<html>Bad gateway</html>");
    assertThat(classifier.classify(status, Map.of(), new byte[0]).kind()).isEqualTo(kind);
  }

  @Test
  void promptTooLongIsContextLengthExceeded() {
    assertThat(classify(400, "invalid_request_error", "prompt is too long: 208310 tokens > 200000 maximum").kind())
        .isEqualTo(ErrorKind.CONTEXT_LENGTH_EXCEEDED);
    assertThat(classify(400, "invalid_request_error", "input length and `max_tokens` exceed context limit: 188240 + "
        + "21333 > 200000, decrease input length or `max_tokens` and try again").kind())
        .isEqualTo(ErrorKind.CONTEXT_LENGTH_EXCEEDED);
  }

  @Test
  void parameterLimitsAreNotContextErrors() {
    assertThat(classify(400, "invalid_request_error", "max_tokens: 100000 > 64000, which is the maximum allowed "
        + "number of output tokens for claude-sonnet-4-5").kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
    assertThat(classify(400, "invalid_request_error", "max_tokens: 8192 must be less than the context window")
        .kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
    assertThat(classify(400, "invalid_request_error", "messages: text content blocks must be non-empty").kind())
        .isEqualTo(ErrorKind.INVALID_REQUEST);
    assertThat(classify(400, "invalid_request_error", "Error 429 was mentioned").kind())
        .isEqualTo(ErrorKind.INVALID_REQUEST);
  }

  @Test
  void vertexGoogleStyleErrorBodies() {
    byte[] body = ("[{\"error\":{\"code\":429,\"message\":\"Quota exceeded for aiplatform.googleapis.com\","
        + "\"status\":\"RESOURCE_EXHAUSTED\"}}]").getBytes(StandardCharsets.UTF_8);
    ProviderError e = classifier.classify(429, Map.of(), body);
    assertThat(e.kind()).isEqualTo(ErrorKind.RATE_LIMITED);
    assertThat(e.code()).isEqualTo("RESOURCE_EXHAUSTED");
    assertThat(e.message()).startsWith("Quota exceeded");
    ProviderError denied = classifier.classify(403, Map.of(),
        "{\"error\":{\"code\":403,\"message\":\"Permission denied\",\"status\":\"PERMISSION_DENIED\"}}".getBytes());
    assertThat(denied.kind()).isEqualTo(ErrorKind.PERMISSION);
  }

  @Test
  void retryAfterSeconds() {
    ProviderError e = classifier.classify(429, Map.of("retry-after", "17"), body("rate_limit_error", "slow down"));
    assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(17));
    assertThat(classifier.classify(529, Map.of("retry-after", "0.5"), body("overloaded_error", "x")).retryAfter())
        .isEqualTo(Duration.ofMillis(500));
  }

  @Test
  void retryAfterMsWinsAndHttpDatesCountFromTheServerDate() {
    assertThat(classifier.classify(429, Map.of("retry-after-ms", "1500", "retry-after", "9"), new byte[0])
        .retryAfter()).isEqualTo(Duration.ofMillis(1500));
    assertThat(classifier.classify(429, Map.of("retry-after", "Mon, 18 Aug 2025 12:43:30 GMT",
        "date", "Mon, 18 Aug 2025 12:43:10 GMT"), new byte[0]).retryAfter()).isEqualTo(Duration.ofSeconds(20));
  }

  @Test
  void rateLimitResetHeadersPreferTheExhaustedLimit() {
    Map<String, String> headers = Map.of(
        "anthropic-ratelimit-requests-remaining", "12",
        "anthropic-ratelimit-requests-reset", "2025-08-18T12:43:05Z",
        "anthropic-ratelimit-tokens-remaining", "0",
        "anthropic-ratelimit-tokens-reset", "2025-08-18T12:43:42Z",
        "anthropic-ratelimit-input-tokens-remaining", "0",
        "anthropic-ratelimit-input-tokens-reset", "2025-08-18T12:43:30+00:00");
    assertThat(classifier.classify(429, headers, body("rate_limit_error", "x")).retryAfter())
        .isEqualTo(Duration.ofSeconds(42));
  }

  @Test
  void rateLimitResetWithoutRemainingTakesTheEarliestAndNeverGoesNegative() {
    assertThat(classifier.classify(429, Map.of("anthropic-ratelimit-requests-reset", "2025-08-18T12:43:07Z",
        "anthropic-ratelimit-tokens-reset", "2025-08-18T12:44:00Z"), new byte[0]).retryAfter())
        .isEqualTo(Duration.ofSeconds(7));
    assertThat(classifier.classify(429, Map.of("anthropic-ratelimit-requests-reset", "2025-08-18T12:00:00Z"),
        new byte[0]).retryAfter()).isEqualTo(Duration.ZERO);
  }

  @Test
  void garbageRetryHeadersAreIgnored() {
    assertThat(classifier.classify(429, Map.of("retry-after", "-5", "anthropic-ratelimit-tokens-reset", "soon"),
        new byte[0]).retryAfter()).isNull();
    assertThat(classifier.classify(429, Map.of("retry-after", "99999999999999999999"), new byte[0]).retryAfter())
        .isNull();
  }
}
