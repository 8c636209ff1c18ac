package dev.rill.provider.bedrock.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rill.api.ErrorKind;
import dev.rill.api.ProviderError;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConverseErrorClassifierTest {

  private final ConverseErrorClassifier classifier = new ConverseErrorClassifier();

  private ProviderError classify(int status, String errorType, String body) {
    Map<String, String> headers = errorType == null ? Map.of() : Map.of("x-amzn-errortype", errorType);
    return classifier.classify(status, headers, body.getBytes(StandardCharsets.UTF_8));
  }

  @ParameterizedTest
  @CsvSource({
      "429,ThrottlingException:http://internal.amazon.com/coral/com.amazon.bedrock/,RATE_LIMITED,ThrottlingException",
      "400,ValidationException:http://internal.amazon.com/coral/com.amazon.bedrock/,INVALID_REQUEST,ValidationException",
      "403,AccessDeniedException:http://internal.amazon.com/coral/com.amazon.bedrock/,PERMISSION,AccessDeniedException",
      "404,ResourceNotFoundException:http://internal.amazon.com/coral/com.amazon.bedrock/,NOT_FOUND,"
          + "ResourceNotFoundException",
      "408,ModelTimeoutException:http://internal.amazon.com/coral/com.amazon.bedrock/,TIMEOUT,ModelTimeoutException",
      "500,InternalServerException:http://internal.amazon.com/coral/com.amazon.bedrock/,SERVER,InternalServerException",
      "503,ServiceUnavailableException:http://internal.amazon.com/coral/com.amazon.bedrock/,OVERLOADED,"
          + "ServiceUnavailableException",
      "429,ModelNotReadyException:http://internal.amazon.com/coral/com.amazon.bedrock/,OVERLOADED,ModelNotReadyException",
      "400,ServiceQuotaExceededException:http://internal.amazon.com/coral/com.amazon.bedrock/,QUOTA_EXHAUSTED,"
          + "ServiceQuotaExceededException",
      "403,UnrecognizedClientException:http://internal.amazon.com/coral/com.amazon.coral.service/,AUTHENTICATION,"
          + "UnrecognizedClientException",
      "403,InvalidSignatureException:http://internal.amazon.com/coral/com.amazon.coral.service/,AUTHENTICATION,"
          + "InvalidSignatureException",
  })
  void errorTypeHeader(int status, String header, ErrorKind kind, String code) {
    ProviderError e = classify(status, header, "{\"message\":\"detail\"}");
    assertThat(e.kind()).isEqualTo(kind);
    assertThat(e.code()).isEqualTo(code);
    assertThat(e.message()).isEqualTo("detail");
  }

  @Test
  void contextLengthMessages() {
    assertThat(classify(400, "ValidationException:http://x/", "{\"message\":\"Input is too long for requested model.\"}")
        .kind()).isEqualTo(ErrorKind.CONTEXT_LENGTH_EXCEEDED);
    assertThat(classify(400, null, "{\"message\":\"The model returned the following errors: too many input tokens\"}")
        .kind()).isEqualTo(ErrorKind.CONTEXT_LENGTH_EXCEEDED);
  }

  @Test
  void withoutATypeTheStatusDecides() {
    assertThat(classify(429, null, "{\"message\":\"Too many requests\"}").kind()).isEqualTo(ErrorKind.RATE_LIMITED);
    assertThat(classify(502, null, "<html>bad gateway</html>").message()).isEqualTo("<html>bad gateway</html>");
    assertThat(classify(401, null, "").kind()).isEqualTo(ErrorKind.AUTHENTICATION);
    ProviderError typed = classify(400, null, "{\"__type\":\"com.amazon.coral.validate#ValidationException\","
        + "\"Message\":\"bad\"}");
    assertThat(typed.code()).isEqualTo("ValidationException");
    assertThat(typed.message()).isEqualTo("bad");
  }

  @Test
  void retryAfterSeconds() {
    ProviderError e = classifier.classify(429, Map.of("retry-after", "2"), new byte[0]);
    assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(2));
    assertThat(classifier.classify(429, null, null).retryAfter()).isNull();
  }
}
