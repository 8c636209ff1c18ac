package dev.rill.provider.openairesponses.internal;

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

class ResponsesErrorsTest {

  private static ProviderError classify(int status, String body) {
    return ResponsesErrors.classify(status, Map.of(), body.getBytes(StandardCharsets.UTF_8));
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
    assertThat(classify(429, openAi("Rate limit reached", "requests", "rate_limit_exceeded")).kind())
        .isEqualTo(ErrorKind.RATE_LIMITED);
  }

  @Test
  void contextLengthByCodeOrMessageButNotAParameterLength() {
    assertThat(classify(400, openAi("Your input exceeds the context window of this model.", "invalid_request_error",
        "context_length_exceeded")).kind()).isEqualTo(ErrorKind.CONTEXT_LENGTH_EXCEEDED);
    assertThat(classify(400, openAi("This model's maximum context length is 128000 tokens.", "invalid_request_error",
        null)).kind()).isEqualTo(ErrorKind.CONTEXT_LENGTH_EXCEEDED);
    assertThat(classify(400, openAi("Invalid 'input[0].content[0].text': string too long. Expected a string with "
        + "maximum length 10485760, but got a string with length 12000000 instead.", "invalid_request_error",
        "string_above_max_length")).kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
  }

  @Test
  void a429InsideA400BodyIsNotARateLimit() {
    assertThat(classify(400, openAi("max_output_tokens must be at most 429 for this model", "invalid_request_error",
        "429")).kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
    assertThat(classify(400, openAi("rate_limit mentioned", "invalid_request_error", null)).kind())
        .isEqualTo(ErrorKind.INVALID_REQUEST);
  }

  @Test
  void quotaAndContentFilter() {
    ProviderError quota = classify(429, openAi("You exceeded your current quota, please check your plan and billing "
        + "details.", "insufficient_quota", "insufficient_quota"));
    assertThat(quota.kind()).isEqualTo(ErrorKind.QUOTA_EXHAUSTED);
    assertThat(quota.code()).isEqualTo("insufficient_quota");
    assertThat(classify(400, openAi("The response was filtered due to the prompt triggering Azure OpenAI's content "
        + "management policy.", null, "content_filter")).kind()).isEqualTo(ErrorKind.CONTENT_FILTERED);
  }

  @Test
  void nonJsonBodies() {
    ProviderError html = classify(502, "<html><body>Bad gateway</body></html>");
    assertThat(html.kind()).isEqualTo(ErrorKind.SERVER);
    assertThat(html.message()).isEqualTo("<html><body>Bad gateway</body></html>");
    assertThat(classify(500, "").message()).isNull();
    assertThat(classify(400, "{\"error\":\"model is required\"}").message()).isEqualTo("model is required");
  }

  @Test
  void retryAfterHeaders() {
    assertThat(ResponsesErrors.classify(429, Map.of("retry-after-ms", "1500", "retry-after", "9"), new byte[0])
        .retryAfter()).isEqualTo(Duration.ofMillis(1500));
    assertThat(ResponsesErrors.classify(503, Map.of("retry-after", "20"), new byte[0]).retryAfter())
        .isEqualTo(Duration.ofSeconds(20));
    assertThat(ResponsesErrors.classify(429, Map.of("x-ratelimit-reset-requests", "1s",
        "x-ratelimit-reset-tokens", "6m0s"), new byte[0]).retryAfter()).isEqualTo(Duration.ofMinutes(6));
    assertThat(ResponsesErrors.classify(500, Map.of("x-ratelimit-reset-requests", "1s"), new byte[0]).retryAfter())
        .isNull();
  }

  record StatusAndValue(int status, String value) {}

  @Test
  void retryAfterIsNeverNegative() {
    Gen<Integer> statuses = Gens.ints(400, 599);
    Gen<String> values = Gens.strings();
    Property.forAll(c -> new StatusAndValue(statuses.generate(c), values.generate(c))).tries(200).check(sv -> {
      String value = sv.value();
      Duration d = ResponsesErrors.classify(sv.status(), Map.of("retry-after", value, "retry-after-ms", value,
          "x-ratelimit-reset-tokens", value), value.getBytes(StandardCharsets.UTF_8)).retryAfter();
      assertThat(d == null || !d.isNegative()).isTrue();
    });
  }
}
