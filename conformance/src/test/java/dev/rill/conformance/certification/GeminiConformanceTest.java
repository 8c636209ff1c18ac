package dev.rill.conformance.certification;

import dev.rill.api.ErrorKind;
import dev.rill.api.StreamingProvider;
import dev.rill.conformance.ErrorCase;
import dev.rill.conformance.ErrorCases;
import dev.rill.conformance.ProviderVerification;
import dev.rill.provider.gemini.GeminiProvider;
import java.util.ArrayList;
import java.util.List;

/** Certifies the Gemini plugin with its own goldens and documented error bodies. */
class GeminiConformanceTest extends ProviderVerification {
  @Override
  protected StreamingProvider provider() {
    return new GeminiProvider();
  }

  @Override
  protected List<ErrorCase> errorBodies() {
    List<ErrorCase> cases = new ArrayList<>(ErrorCases.generic());
    // https://ai.google.dev/gemini-api/docs/troubleshooting
    cases.add(ErrorCase.of("resource-exhausted", 429, "{\"error\":{\"code\":429,\"message\":\"Resource has been "
        + "exhausted (e.g. check quota).\",\"status\":\"RESOURCE_EXHAUSTED\"}}", ErrorKind.RATE_LIMITED));
    cases.add(ErrorCase.of("unavailable", 503, "{\"error\":{\"code\":503,\"message\":\"The model is overloaded. "
        + "Please try again later.\",\"status\":\"UNAVAILABLE\"}}", ErrorKind.OVERLOADED));
    cases.add(ErrorCase.of("bad-key", 400, "{\"error\":{\"code\":400,\"message\":\"API key not valid. Please pass a "
        + "valid API key.\",\"status\":\"INVALID_ARGUMENT\",\"details\":[{\"@type\":"
        + "\"type.googleapis.com/google.rpc.ErrorInfo\",\"reason\":\"API_KEY_INVALID\"}]}}",
        ErrorKind.AUTHENTICATION));
    return cases;
  }
}
