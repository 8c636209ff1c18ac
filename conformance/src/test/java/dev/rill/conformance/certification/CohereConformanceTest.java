package dev.rill.conformance.certification;

import dev.rill.api.ErrorKind;
import dev.rill.api.StreamingProvider;
import dev.rill.conformance.ErrorCase;
import dev.rill.conformance.ErrorCases;
import dev.rill.conformance.ProviderVerification;
import dev.rill.provider.cohere.CohereProvider;
import java.util.ArrayList;
import java.util.List;

/** Certifies the Cohere plugin with its own goldens and documented error bodies. */
class CohereConformanceTest extends ProviderVerification {
  @Override
  protected StreamingProvider provider() {
    return new CohereProvider();
  }

  @Override
  protected List<ErrorCase> errorBodies() {
    List<ErrorCase> cases = new ArrayList<>(ErrorCases.generic());
    // https://docs.cohere.com/reference/errors
    cases.add(ErrorCase.of("payment-required", 402, "{\"message\":\"Please add a payment method\"}",
        ErrorKind.QUOTA_EXHAUSTED));
    cases.add(ErrorCase.of("invalid-token", 498, "{\"message\":\"invalid api token\"}", ErrorKind.AUTHENTICATION));
    return cases;
  }
}
