package dev.rill.conformance.certification;

import dev.rill.api.ErrorKind;
import dev.rill.api.StreamingProvider;
import dev.rill.conformance.ErrorCase;
import dev.rill.conformance.ErrorCases;
import dev.rill.conformance.ProviderVerification;
import dev.rill.provider.openai.OpenAiProvider;
import java.util.ArrayList;
import java.util.List;

/** Certifies the OpenAI plugin with its own goldens and documented error bodies. */
class OpenAiConformanceTest extends ProviderVerification {
  @Override
  protected StreamingProvider provider() {
    return new OpenAiProvider();
  }

  @Override
  protected List<ErrorCase> errorBodies() {
    List<ErrorCase> cases = new ArrayList<>(ErrorCases.generic());
    // https://platform.openai.com/docs/guides/error-codes
    cases.add(ErrorCase.of("insufficient-quota", 429, "{\"error\":{\"message\":\"You exceeded your current quota, "
        + "please check your plan and billing details.\",\"type\":\"insufficient_quota\",\"param\":null,"
        + "\"code\":\"insufficient_quota\"}}", ErrorKind.QUOTA_EXHAUSTED));
    cases.add(ErrorCase.of("context-length", 400, "{\"error\":{\"message\":\"This model's maximum context length is "
        + "128000 tokens. However, your messages resulted in 130000 tokens.\",\"type\":\"invalid_request_error\","
        + "\"param\":\"messages\",\"code\":\"context_length_exceeded\"}}", ErrorKind.CONTEXT_LENGTH_EXCEEDED));
    cases.add(ErrorCase.of("invalid-key", 401, "{\"error\":{\"message\":\"Incorrect API key provided.\","
        + "\"type\":\"invalid_request_error\",\"param\":null,\"code\":\"invalid_api_key\"}}", ErrorKind.AUTHENTICATION));
    return cases;
  }
}
