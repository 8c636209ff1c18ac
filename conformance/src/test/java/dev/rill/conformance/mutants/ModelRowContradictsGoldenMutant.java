package dev.rill.conformance.mutants;

import dev.rill.api.Capability;
import dev.rill.api.Framing;
import dev.rill.api.ProviderInfo;
import dev.rill.conformance.reference.ReferenceNdjsonProvider;

/**
 * Defect: declares TOOLS, but a model row says the model of its tool-call golden ({@code ref-model-1}) lacks it, so
 * the runtime would refuse the very request the golden answers (rule H0.7).
 */
public class ModelRowContradictsGoldenMutant extends ReferenceNdjsonProvider {
  private static final ProviderInfo INFO = ProviderInfo.builder(ID, "Reference plugin (NDJSON)").family("reference")
      .defaultBaseUrl("https://reference.invalid/v1").apiKeyEnv("REFERENCE_API_KEY").framing(Framing.NDJSON)
      .capabilities(Capability.TEXT, Capability.TOOLS, Capability.USAGE_IN_STREAM, Capability.FINISH_REASON)
      .models("ref-model-*", "a row written without checking the goldens", Capability.TOOLS)
      .build();

  @Override
  public ProviderInfo info() {
    return INFO;
  }
}
