package dev.rill.conformance.mutants;

import dev.rill.api.Capability;
import dev.rill.api.Framing;
import dev.rill.api.ProviderInfo;
import dev.rill.conformance.reference.ReferenceProvider;

/** Defect: reports an SPI version this API does not define (rule H0.3). */
public class WrongSpiVersionMutant extends ReferenceProvider {
  private static final ProviderInfo INFO = ProviderInfo.builder(ID, "Reference plugin").family("reference")
      .defaultBaseUrl("https://reference.invalid/v1").apiKeyEnv("REFERENCE_API_KEY").framing(Framing.SSE)
      .capabilities(Capability.TEXT, Capability.TOOLS, Capability.REASONING, Capability.USAGE_IN_STREAM,
          Capability.FINISH_REASON)
      .spiVersion(99).build();

  @Override
  public ProviderInfo info() {
    return INFO;
  }
}
