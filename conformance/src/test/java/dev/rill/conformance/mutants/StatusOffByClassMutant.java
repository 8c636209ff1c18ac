package dev.rill.conformance.mutants;

import dev.rill.api.ErrorKind;
import dev.rill.api.ProviderError;
import dev.rill.conformance.reference.ReferenceProvider;
import java.util.Map;

/** Defect: a 404 is classified as a server error (rule E3.1). */
public class StatusOffByClassMutant extends ReferenceProvider {
  @Override
  public ProviderError classifyError(int status, Map<String, String> headers, byte[] body) {
    ProviderError e = super.classifyError(status, headers, body);
    return status == 404 ? new ProviderError(ErrorKind.SERVER, e.code(), e.message(), e.retryAfter()) : e;
  }
}
