package dev.rill.runtime.internal.exchange;

import dev.rill.api.ChunkMetadata;
import dev.rill.api.StreamChunk;
import dev.rill.api.internal.RuntimeAccess;
import java.time.Clock;

/**
 * Attaches {@link ChunkMetadata} to the chunks of one exchange: a gap-free index, the arrival time, the wire bytes
 * each chunk came from (every body byte counts toward exactly one chunk: keep-alives and events that produced none
 * count toward the next), the provider and the model that answered. Confined to the I/O thread.
 */
final class MetadataStamper {
  private final Clock clock;
  private final String provider;
  private String model;
  private long index;
  private long pendingWireBytes;

  MetadataStamper(Clock clock, String provider, String model) {
    this.clock = clock;
    this.provider = provider;
    this.model = model;
  }

  /** Wire bytes of an event or a keep-alive, for the next chunk. */
  void wire(long bytes) {
    pendingWireBytes += bytes;
  }

  /** The model that answered, once the stream said it. */
  void answered(String model) {
    if (model != null && !model.isEmpty()) {
      this.model = model;
    }
  }

  StreamChunk stamp(StreamChunk chunk) {
    ChunkMetadata m = new ChunkMetadata(index++, clock.instant(), pendingWireBytes, provider, model);
    pendingWireBytes = 0;
    return RuntimeAccess.withMetadata(chunk, m);
  }
}
