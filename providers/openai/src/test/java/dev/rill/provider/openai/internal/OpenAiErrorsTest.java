package dev.rill.provider.openai.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rill.api.ErrorKind;
import dev.rill.api.ProviderError;
import dev.rill.testkit.property.Gen;
import dev.rill.testkit.property.Gens;
import dev.rill.testkit.property.Property;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OpenAiErrorsTest {

  private static ProviderError classify(int status, String body) {
    return OpenAiErrors.classify(status, Map.of(), body.getBytes(StandardCharsets.UTF_8));
  }

  private static String openAi(String message, String type, String code) {
    return "{\n  \"error\": {\n    \"message\": \"" + message + "\",\n    \"type\": " + quoted(type)
        + ",\n    \"param\": null,\n    \"code\": " + quoted(code) + "\n  }\n}\n";
  }

  private static String quoted(String s) {
    return s == null ? "null" : "\"" + s + "\"";
  }

  @Test
  void readsOpenAiErrorBodies() {
    ProviderError e = classify(401, openAi("Incorrect API key provided: sk-abc***xyz.", "invalid_request_error",
        "invalid_api_key"));
    assertThat(e.kind()).isEqualTo(ErrorKind.AUTHENTICATION);
    assertThat(e.code()).isEqualTo("invalid_api_key");
    assertThat(e.message()).isEqualTo("Incorrect API key provided: sk-abc***xyz.");
  }

  @Test
  void statusTableIsTheStart() {
    assertThat(classify(400, openAi("bad", "invalid_request_error", null)).kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
    assertThat(classify(403, "{}").kind()).isEqualTo(ErrorKind.PERMISSION);
    assertThat(classify(404, openAi("The model `gpt-9` does not exist", "invalid_request_error",
        "model_not_found")).kind()).isEqualTo(ErrorKind.NOT_FOUND);
    assertThat(classify(500, openAi("The server had an error", "server_error", null)).kind())
        .isEqualTo(ErrorKind.SERVER);
    assertThat(classify(503, "").kind()).isEqualTo(ErrorKind.OVERLOADED);
    assertThat(classify(429, openAi("Rate limit reached for gpt-4o", "requests", "rate_limit_exceeded")).kind())
        .isEqualTo(ErrorKind.RATE_LIMITED);
  }

  @Test
  void contextLengthByCodeOrMessage() {
    assertThat(classify(400, openAi("This model's maximum context length is 128000 tokens. However, your messages "
        + "resulted in 130000 tokens.", "invalid_request_error", "context_length_exceeded")).kind())
        .isEqualTo(ErrorKind.CONTEXT_LENGTH_EXCEEDED);
    assertThat(classify(400, "{\"object\":\"error\",\"message\":\"This model's maximum context length is 4096 "
        + "tokens.\",\"type\":\"BadRequestError\",\"code\":400}").kind())
        .isEqualTo(ErrorKind.CONTEXT_LENGTH_EXCEEDED);
  }

  @Test
  void aParameterMaximumLengthIsNotAContextError() {
    ProviderError e = classify(400, openAi("Invalid 'messages[0].content': string too long. Expected a string with "
        + "maximum length 1048576, but got a string with length 2000000 instead.", "invalid_request_error",
        "string_above_max_length"));
    assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
  }

  @Test
  void a429InsideA400BodyIsNotARateLimit() {
    assertThat(classify(400, openAi("max_tokens must be at most 429 for this model", "invalid_request_error",
        "429")).kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
    assertThat(classify(400, openAi("rate_limit mentioned", "invalid_request_error", null)).kind())
        .isEqualTo(ErrorKind.INVALID_REQUEST);
  }

  @Test
  void quotaAndContentFilter() {
    assertThat(classify(429, openAi("You exceeded your current quota, please check your plan and billing details.",
        "insufficient_quota", "insufficient_quota")).kind()).isEqualTo(ErrorKind.QUOTA_EXHAUSTED);
    assertThat(classify(400, openAi("The response was filtered due to the prompt triggering Azure OpenAI's "
        + "content management policy.", null, "content_filter")).kind()).isEqualTo(ErrorKind.CONTENT_FILTERED);
    assertThat(classify(400, openAi("Your request was rejected as a result of our safety system.",
        "invalid_request_error", "content_policy_violation")).kind()).isEqualTo(ErrorKind.CONTENT_FILTERED);
  }

  @Test
  void nonJsonAndOtherShapes() {
    ProviderError html = classify(502, "<html><body>Bad gateway</body></html>");
    assertThat(html.kind()).isEqualTo(ErrorKind.SERVER);
    assertThat(html.message()).isEqualTo("<html><body>Bad gateway</body></html>");
    assertThat(html.code()).isNull();
    assertThat(classify(400, "{\"error\":\"model is required\"}").message()).isEqualTo("model is required");
    assertThat(classify(422, "{\"detail\":\"Field required\"}").message()).isEqualTo("Field required");
    assertThat(classify(500, "").message()).isNull();
    assertThat(classify(500, "[1,2").kind()).isEqualTo(ErrorKind.SERVER);
    assertThat(classify(404, "{\"error\":{\"message\":\"x\",\"code\":404}}").code()).isEqualTo("404");
  }

  @Test
  void aSuccessStatusWithAnErrorBodyIsReadLikeAStreamError() {
    assertThat(classify(200, openAi("slow", "rate_limit_error", "rate_limit_exceeded")).kind())
        .isEqualTo(ErrorKind.RATE_LIMITED);
    assertThat(classify(200, "<html>").kind()).isEqualTo(ErrorKind.SERVER);
  }

  @Test
  void retryAfterHeaders() {
    assertThat(OpenAiErrors.retryAfter(429, Map.of("retry-after-ms", "1500", "retry-after", "9")))
        .isEqualTo(Duration.ofMillis(1500));
    assertThat(OpenAiErrors.retryAfter(429, Map.of("retry-after", "20"))).isEqualTo(Duration.ofSeconds(20));
    assertThat(OpenAiErrors.retryAfter(503, Map.of("retry-after", "1.5"))).isEqualTo(Duration.ofMillis(1500));
    assertThat(OpenAiErrors.retryAfter(429, Map.of("date", "Wed, 21 Oct 2026 07:28:00 GMT",
        "retry-after", "Wed, 21 Oct 2026 07:28:30 GMT"))).isEqualTo(Duration.ofSeconds(30));
    assertThat(OpenAiErrors.retryAfter(429, Map.of("date", "Wed, 21 Oct 2026 07:28:00 GMT",
        "retry-after", "Wed, 21 Oct 2026 07:27:00 GMT"))).isEqualTo(Duration.ZERO);
    assertThat(OpenAiErrors.retryAfter(429, Map.of("retry-after", "soon"))).isNull();
    assertThat(OpenAiErrors.retryAfter(429, Map.of("retry-after", "-5"))).isNull();
    assertThat(OpenAiErrors.retryAfter(429, Map.of())).isNull();
  }

  @Test
  void rateLimitResetHeadersFor429() {
    assertThat(OpenAiErrors.retryAfter(429, Map.of("x-ratelimit-reset-requests", "1s",
        "x-ratelimit-reset-tokens", "6m0s"))).isEqualTo(Duration.ofMinutes(6));
    assertThat(OpenAiErrors.retryAfter(429, Map.of("x-ratelimit-reset-requests", "20ms",
        "x-ratelimit-remaining-requests", "0", "x-ratelimit-reset-tokens", "6m0s",
        "x-ratelimit-remaining-tokens", "1000"))).isEqualTo(Duration.ofMillis(20));
    assertThat(OpenAiErrors.retryAfter(429, Map.of("x-ratelimit-reset-tokens", "1h2m3.5s")))
        .isEqualTo(Duration.ofMillis(3_723_500));
    assertThat(OpenAiErrors.retryAfter(500, Map.of("x-ratelimit-reset-requests", "1s"))).isNull();
    ProviderError e = OpenAiErrors.classify(429, Map.of("X-RateLimit-Reset-Requests", "2s"),
        "{}".getBytes(StandardCharsets.UTF_8));
    assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void goDurations() {
    assertThat(OpenAiErrors.goDuration("6m0s")).isEqualTo(Duration.ofMinutes(6));
    assertThat(OpenAiErrors.goDuration("20ms")).isEqualTo(Duration.ofMillis(20));
    assertThat(OpenAiErrors.goDuration("0.5s")).isEqualTo(Duration.ofMillis(500));
    assertThat(OpenAiErrors.goDuration("17us")).isEqualTo(Duration.ofNanos(17_000));
    assertThat(OpenAiErrors.goDuration("1x")).isNull();
    assertThat(OpenAiErrors.goDuration("s")).isNull();
    assertThat(OpenAiErrors.goDuration("-1s")).isNull();
  }

  record StatusAndValue(int status, String value) {}

  @Test
  void retryAfterIsNeverNegative() {
    Gen<Integer> statuses = Gens.ints(400, 599);
    Gen<String> values = Gens.strings();
    Property.forAll(c -> new StatusAndValue(statuses.generate(c), values.generate(c))).tries(200).check(sv -> {
      String value = sv.value();
      Duration d = OpenAiErrors.classify(sv.status(), Map.of("retry-after", value, "retry-after-ms", value,
          "x-ratelimit-reset-tokens", value), value.getBytes(StandardCharsets.UTF_8)).retryAfter();
      assertThat(d == null || !d.isNegative()).isTrue();
    });
  }
}
