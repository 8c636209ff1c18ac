package dev.rill.conformance.reference;

import dev.rill.api.StreamingProvider;
import dev.rill.conformance.ErrorCase;
import dev.rill.conformance.ProviderVerification;
import java.util.List;

/** The NDJSON reference plugin, certified: exercises the NDJSON rules. */
class ReferenceNdjsonProviderConformanceTest extends ProviderVerification {
  @Override
  protected StreamingProvider provider() {
    return new ReferenceNdjsonProvider();
  }

  @Override
  protected List<ErrorCase> errorBodies() {
    return ReferenceErrorBodies.all();
  }
}
