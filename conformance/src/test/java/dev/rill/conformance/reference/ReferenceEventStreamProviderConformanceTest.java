package dev.rill.conformance.reference;

import dev.rill.api.StreamingProvider;
import dev.rill.conformance.ErrorCase;
import dev.rill.conformance.ProviderVerification;
import java.util.List;

/** The kit certifies its AWS event-stream reference plugin: W1.11 applies, the text-framing rules skip. */
class ReferenceEventStreamProviderConformanceTest extends ProviderVerification {
  @Override
  protected StreamingProvider provider() {
    return new ReferenceEventStreamProvider();
  }

  @Override
  protected List<ErrorCase> errorBodies() {
    return ReferenceErrorBodies.all();
  }
}
