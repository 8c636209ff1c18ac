package dev.acme.rill;

import dev.rill.api.ErrorKind;
import dev.rill.api.StreamingProvider;
import dev.rill.conformance.ErrorCase;
import dev.rill.conformance.ErrorCases;
import dev.rill.conformance.ProviderVerification;
import java.util.ArrayList;
import java.util.List;

/** Every rule of the Rill conformance kit, one test each, against the Acme plugin. */
class AcmeConformanceTest extends ProviderVerification {
  @Override
  protected StreamingProvider provider() {
    return new AcmeProvider();
  }

  /** Acme's documented error responses (README.md, "Errors"), on top of the shared status table. */
  @Override
  protected List<ErrorCase> errorBodies() {
    List<ErrorCase> cases = new ArrayList<>(ErrorCases.generic());
    cases.add(ErrorCase.of("quota", 429, "{\"error\":{\"code\":\"quota_exhausted\",\"message\":\"Monthly quota used"
        + " up\"}}", ErrorKind.QUOTA_EXHAUSTED).withCode("quota_exhausted"));
    cases.add(ErrorCase.of("context", 400, "{\"error\":{\"code\":\"context_too_long\",\"message\":\"Prompt too long"
        + "\"}}", ErrorKind.CONTEXT_LENGTH_EXCEEDED).withCode("context_too_long"));
    cases.add(ErrorCase.of("overloaded", 503, "{\"error\":{\"code\":\"overloaded\",\"message\":\"Try later\"}}",
        ErrorKind.OVERLOADED).withCode("overloaded"));
    return cases;
  }
}
