package dev.rill.conformance.reference;

import dev.rill.api.Capability;
import dev.rill.api.Framing;
import dev.rill.api.ProviderInfo;

/** The reference protocol framed as NDJSON, ending at a {@code {"done":true}} line. */
public class ReferenceNdjsonProvider extends ReferenceProvider {
  public static final String ID = "reference-ndjson";
  static final ProviderInfo INFO = ProviderInfo.builder(ID, "Reference plugin (NDJSON)").family("reference")
      .defaultBaseUrl("https://reference.invalid/v1").apiKeyEnv("REFERENCE_API_KEY").framing(Framing.NDJSON)
      .capabilities(Capability.TEXT, Capability.TOOLS, Capability.USAGE_IN_STREAM, Capability.FINISH_REASON)
      .build();

  public ReferenceNdjsonProvider() {}

  @Override
  public ProviderInfo info() {
    return INFO;
  }
}
