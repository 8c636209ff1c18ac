package dev.rill.conformance.certification;

import dev.rill.api.ErrorKind;
import dev.rill.api.StreamingProvider;
import dev.rill.conformance.ErrorCase;
import dev.rill.conformance.ErrorCases;
import dev.rill.conformance.ProviderVerification;
import dev.rill.provider.anthropic.AnthropicProvider;
import java.util.ArrayList;
import java.util.List;

/** Certifies the Anthropic plugin with its own goldens and documented error bodies. */
class AnthropicConformanceTest extends ProviderVerification {
  @Override
  protected StreamingProvider provider() {
    return new AnthropicProvider();
  }

  @Override
  protected List<ErrorCase> errorBodies() {
    List<ErrorCase> cases = new ArrayList<>(ErrorCases.generic());
    // https://docs.anthropic.com/en/api/errors
    cases.add(ErrorCase.of("overloaded", 529, "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\","
        + "\"message\":\"Overloaded\"}}", ErrorKind.OVERLOADED).withCode("overloaded_error"));
    cases.add(ErrorCase.of("rate-limit", 429, "{\"type\":\"error\",\"error\":{\"type\":\"rate_limit_error\","
        + "\"message\":\"Number of request tokens has exceeded your per-minute rate limit\"}}", ErrorKind.RATE_LIMITED)
        .withCode("rate_limit_error"));
    cases.add(ErrorCase.of("context", 400, "{\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\","
        + "\"message\":\"prompt is too long: 210000 tokens > 200000 maximum\"}}", ErrorKind.CONTEXT_LENGTH_EXCEEDED));
    cases.add(ErrorCase.of("auth", 401, "{\"type\":\"error\",\"error\":{\"type\":\"authentication_error\","
        + "\"message\":\"invalid x-api-key\"}}", ErrorKind.AUTHENTICATION).withCode("authentication_error"));
    return cases;
  }
}
