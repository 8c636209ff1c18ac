package dev.rill.conformance.internal;

import dev.rill.api.ChatRequest;
import dev.rill.api.StreamChunk;
import dev.rill.runtime.Rill;
import java.util.concurrent.Flow;

/**
 * Opens the chunk stream a lifecycle rule drives. The kit uses {@link Rill#stream}; the kit's own tests wrap it
 * with deliberately broken streams (a cancel that does not abort...) to prove the lifecycle rules can fail.
 */
@FunctionalInterface
public interface StreamOpener {
  /** The runtime's own {@code ChatStream}. */
  StreamOpener STANDARD = Rill::stream;

  /** Opens one stream; nothing may be sent before a subscriber requests. */
  Flow.Publisher<StreamChunk> open(Rill rill, ChatRequest request);
}
