package dev.rill.conformance.reference;

import dev.rill.api.StreamingProvider;
import dev.rill.conformance.ErrorCase;
import dev.rill.conformance.ProviderVerification;
import java.util.List;

/** The kit certifies its own reference plugin: every applicable required rule must pass. */
class ReferenceProviderConformanceTest extends ProviderVerification {
  @Override
  protected StreamingProvider provider() {
    return new ReferenceProvider();
  }

  @Override
  protected List<ErrorCase> errorBodies() {
    return ReferenceErrorBodies.all();
  }
}
