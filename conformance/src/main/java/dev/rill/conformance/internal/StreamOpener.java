package dev.rill.conformance.internal;

import dev.rill.api.ChatRequest;
import dev.rill.api.StreamChunk;
import dev.rill.runtime.Rill;
import dev.rill.runtime.StreamOptions;
import java.util.concurrent.Flow;

/**
 * Opens the chunk stream a lifecycle rule drives. The kit uses {@link Rill#stream}; the kit's own tests wrap it
 * with deliberately broken streams (a cancel that does not abort...) to prove the lifecycle rules can fail.
 */
@FunctionalInterface
public interface StreamOpener {
  /** The runtime's own {@code ChatStream}. */
  StreamOpener STANDARD = Rill::stream;

  /** Opens one stream with the client's options (the basic pipeline); nothing may be sent before a request. */
  Flow.Publisher<StreamChunk> open(Rill rill, ChatRequest request);

  /**
   * Opens one stream with per-call {@code options} (the enhanced pipeline's timeouts, retry and listeners: rules
   * L4.10 to L4.12). By default the runtime's {@link Rill#stream(ChatRequest, StreamOptions)}.
   */
  default Flow.Publisher<StreamChunk> open(Rill rill, ChatRequest request, StreamOptions options) {
    return rill.stream(request, options);
  }
}
