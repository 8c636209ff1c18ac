package dev.rill.conformance.certification;

import dev.rill.api.ErrorKind;
import dev.rill.api.StreamingProvider;
import dev.rill.conformance.ErrorCase;
import dev.rill.conformance.ErrorCases;
import dev.rill.conformance.ProviderVerification;
import dev.rill.provider.openairesponses.OpenAiResponsesProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Certifies the OpenAI Responses plugin with its goldens and documented error bodies. */
class OpenAiResponsesConformanceTest extends ProviderVerification {
  @Override
  protected StreamingProvider provider() {
    return new OpenAiResponsesProvider();
  }

  @Override
  protected List<ErrorCase> errorBodies() {
    List<ErrorCase> cases = new ArrayList<>(ErrorCases.generic());
    // https://platform.openai.com/docs/guides/error-codes
    cases.add(ErrorCase.of("insufficient-quota", 429, "{\"error\":{\"message\":\"You exceeded your current quota.\","
        + "\"type\":\"insufficient_quota\",\"param\":null,\"code\":\"insufficient_quota\"}}",
        ErrorKind.QUOTA_EXHAUSTED));
    return cases;
  }
}
