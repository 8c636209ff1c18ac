package dev.rill.provider.support;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rill.api.ErrorKind;
import dev.rill.api.ProviderError;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;

class OpenAiStyleErrorsTest {

  private static final OpenAiStyleErrors CHAT = OpenAiStyleErrors.CHAT_COMPLETIONS;

  private static ProviderError classify(OpenAiStyleErrors errors, int status, String body) {
    return errors.classify(status, Map.of(), body.getBytes(StandardCharsets.UTF_8));
  }

  private static String openAi(String message, String type, String code) {
    return "{\"error\":{\"message\":\"" + message + "\",\"type\":" + (type == null ? "null" : "\"" + type + "\"")
        + ",\"param\":null,\"code\":" + (code == null ? "null" : "\"" + code + "\"") + "}}";
  }

  @Test
  void theStatusTableRefinedByTheBody() {
    ProviderError key = classify(CHAT, 401, openAi("Incorrect API key", "invalid_request_error", "invalid_api_key"));
    assertThat(key.kind()).isEqualTo(ErrorKind.AUTHENTICATION);
    assertThat(key.code()).isEqualTo("invalid_api_key");
    assertThat(key.message()).isEqualTo("Incorrect API key");
    assertThat(classify(CHAT, 429, openAi("quota", "insufficient_quota", "insufficient_quota")).kind())
        .isEqualTo(ErrorKind.QUOTA_EXHAUSTED);
    assertThat(classify(CHAT, 400, openAi("This model's maximum context length is 4096 tokens", null, null)).kind())
        .isEqualTo(ErrorKind.CONTEXT_LENGTH_EXCEEDED);
    assertThat(classify(CHAT, 400, openAi("x", null, "content_filter")).kind()).isEqualTo(ErrorKind.CONTENT_FILTERED);
    assertThat(classify(CHAT, 400, openAi("rate_limit mentioned", "invalid_request_error", "429")).kind())
        .isEqualTo(ErrorKind.INVALID_REQUEST);
    ProviderError html = classify(CHAT, 502, "<html>Bad gateway</html>");
    assertThat(html.kind()).isEqualTo(ErrorKind.SERVER);
    assertThat(html.message()).isEqualTo("<html>Bad gateway</html>");
    assertThat(classify(CHAT, 422, "{\"detail\":\"Field required\"}").message()).isEqualTo("Field required");
  }

  @Test
  void streamErrorsGoByCodeThenMessageThenTypeThenStatus() {
    assertThat(CHAT.streamKind(new OpenAiStyleErrors.ErrorBody("x", null, "rate_limit_exceeded", 0)))
        .isEqualTo(ErrorKind.RATE_LIMITED);
    assertThat(CHAT.streamKind(new OpenAiStyleErrors.ErrorBody("context window exceeded", "server_error", null, 0)))
        .isEqualTo(ErrorKind.CONTEXT_LENGTH_EXCEEDED);
    assertThat(CHAT.streamKind(new OpenAiStyleErrors.ErrorBody(null, "overloaded_error", null, 0)))
        .isEqualTo(ErrorKind.OVERLOADED);
    assertThat(CHAT.streamKind(new OpenAiStyleErrors.ErrorBody(null, null, null, 503)))
        .isEqualTo(ErrorKind.OVERLOADED);
    assertThat(CHAT.streamKind(new OpenAiStyleErrors.ErrorBody(null, null, null, 0))).isEqualTo(ErrorKind.SERVER);
  }

  @Test
  void aDialectCanNameMoreInvalidRequestCodes() {
    OpenAiStyleErrors responses = new OpenAiStyleErrors(code -> code.startsWith("invalid_image"));
    OpenAiStyleErrors.ErrorBody image = new OpenAiStyleErrors.ErrorBody("bad", null, "invalid_image_format", 0);
    assertThat(responses.streamKind(image)).isEqualTo(ErrorKind.INVALID_REQUEST);
    assertThat(CHAT.streamKind(image)).isEqualTo(ErrorKind.SERVER);
  }

  @Test
  void readsAnErrorObjectInPlace() {
    try (JsonParser p = new JsonFactory().createParser(ObjectReadContext.empty(),
        "{\"message\":\"m\",\"type\":\"t\",\"code\":429,\"extra\":{\"a\":[1]}} ")) {
      assertThat(p.nextToken()).isEqualTo(JsonToken.START_OBJECT);
      assertThat(OpenAiStyleErrors.readErrorObject(p)).isEqualTo(new OpenAiStyleErrors.ErrorBody("m", "t", "429", 429));
      assertThat(p.currentToken()).isEqualTo(JsonToken.END_OBJECT);
    }
  }

  @Test
  void retryDelaysIncludeTheExhaustedRateLimitReset() {
    assertThat(OpenAiStyleErrors.retryAfter(429, Map.of("retry-after", "2"))).isEqualTo(Duration.ofSeconds(2));
    assertThat(OpenAiStyleErrors.retryAfter(429, Map.of("x-ratelimit-reset-requests", "1s",
        "x-ratelimit-reset-tokens", "6m0s", "x-ratelimit-remaining-requests", "0",
        "x-ratelimit-remaining-tokens", "10"))).isEqualTo(Duration.ofSeconds(1));
    assertThat(OpenAiStyleErrors.retryAfter(429, Map.of("x-ratelimit-reset-requests", "1s",
        "x-ratelimit-reset-tokens", "6m0s"))).isEqualTo(Duration.ofMinutes(6));
    assertThat(OpenAiStyleErrors.retryAfter(500, Map.of("x-ratelimit-reset-requests", "1s"))).isNull();
  }
}
