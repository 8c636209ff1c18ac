package dev.rill.conformance.mutants;

import dev.rill.api.Capability;
import dev.rill.api.Framing;
import dev.rill.api.ProviderInfo;
import dev.rill.conformance.reference.ReferenceNdjsonProvider;

/** Defect: declares IMAGES, but prepare() drops image parts from the request body (rule H0.8). */
public class ImagesDroppedMutant extends ReferenceNdjsonProvider {
  private static final ProviderInfo INFO = ProviderInfo.builder(ID, "Reference plugin (NDJSON)").family("reference")
      .defaultBaseUrl("https://reference.invalid/v1").apiKeyEnv("REFERENCE_API_KEY").framing(Framing.NDJSON)
      .capabilities(Capability.TEXT, Capability.TOOLS, Capability.USAGE_IN_STREAM, Capability.FINISH_REASON,
          Capability.IMAGES)
      .build();

  @Override
  public ProviderInfo info() {
    return INFO;
  }
}
