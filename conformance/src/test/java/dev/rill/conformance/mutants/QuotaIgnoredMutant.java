package dev.rill.conformance.mutants;

import dev.rill.api.ErrorKind;
import dev.rill.api.ProviderError;
import dev.rill.conformance.reference.ReferenceProvider;
import java.util.Map;

/** Defect: the body's quota code is ignored, so an exhausted quota looks retryable (rule E3.2). */
public class QuotaIgnoredMutant extends ReferenceProvider {
  @Override
  public ProviderError classifyError(int status, Map<String, String> headers, byte[] body) {
    ProviderError e = super.classifyError(status, headers, body);
    return e.kind() == ErrorKind.QUOTA_EXHAUSTED ? new ProviderError(ErrorKind.RATE_LIMITED, e.code(), e.message(),
        e.retryAfter()) : e;
  }
}
