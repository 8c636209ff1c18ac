package dev.rill.conformance.reference;

import dev.rill.api.Capability;
import dev.rill.api.Framing;
import dev.rill.api.ProviderInfo;

/**
 * The reference protocol carried in AWS event-stream messages (one flat JSON object per message payload, the
 * {@code :event-type} header naming it, the stream ending at a {@code {"done":true}} payload): the kit's AWS
 * event-stream reference plugin, on which rule W1.11 (CRC checked) is proven to hold and to fail.
 */
public class ReferenceEventStreamProvider extends ReferenceProvider {
  public static final String ID = "reference-eventstream";
  static final ProviderInfo INFO = ProviderInfo.builder(ID, "Reference plugin (AWS event-stream)").family("reference")
      .defaultBaseUrl("https://reference.invalid/v1").apiKeyEnv("REFERENCE_API_KEY")
      .framing(Framing.AWS_EVENT_STREAM)
      .capabilities(Capability.TEXT, Capability.TOOLS, Capability.USAGE_IN_STREAM, Capability.FINISH_REASON)
      .build();

  public ReferenceEventStreamProvider() {}

  @Override
  public ProviderInfo info() {
    return INFO;
  }
}
