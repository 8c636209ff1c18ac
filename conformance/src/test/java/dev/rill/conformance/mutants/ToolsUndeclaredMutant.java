package dev.rill.conformance.mutants;

import dev.rill.api.Capability;
import dev.rill.api.Framing;
import dev.rill.api.ProviderInfo;
import dev.rill.conformance.reference.ReferenceNdjsonProvider;

/** Defect: a golden of its own shows tool calls, but the plugin does not declare TOOLS (rule H0.7). */
public class ToolsUndeclaredMutant extends ReferenceNdjsonProvider {
  private static final ProviderInfo INFO = ProviderInfo.builder(ID, "Reference plugin (NDJSON)").family("reference")
      .defaultBaseUrl("https://reference.invalid/v1").apiKeyEnv("REFERENCE_API_KEY").framing(Framing.NDJSON)
      .capabilities(Capability.TEXT, Capability.USAGE_IN_STREAM, Capability.FINISH_REASON)
      .build();

  @Override
  public ProviderInfo info() {
    return INFO;
  }
}
