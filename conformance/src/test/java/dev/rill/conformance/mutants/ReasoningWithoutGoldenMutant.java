package dev.rill.conformance.mutants;

import dev.rill.api.Capability;
import dev.rill.api.Framing;
import dev.rill.api.ProviderInfo;
import dev.rill.conformance.reference.ReferenceNdjsonProvider;

/** Defect: declares REASONING but ships no golden that shows reasoning (rule H0.4). */
public class ReasoningWithoutGoldenMutant extends ReferenceNdjsonProvider {
  private static final ProviderInfo INFO = ProviderInfo.builder(ID, "Reference plugin (NDJSON)").family("reference")
      .defaultBaseUrl("https://reference.invalid/v1").apiKeyEnv("REFERENCE_API_KEY").framing(Framing.NDJSON)
      .capabilities(Capability.TEXT, Capability.TOOLS, Capability.USAGE_IN_STREAM, Capability.FINISH_REASON,
          Capability.REASONING)
      .build();

  @Override
  public ProviderInfo info() {
    return INFO;
  }
}
