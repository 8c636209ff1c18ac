package dev.rill.api;

import java.time.Instant;
import java.util.Objects;

/**
 * What the enhanced pipeline knows about a chunk: its position, when it arrived, how many wire bytes it
 * came from and who sent it.
 *
 * @param index 0-based position of the chunk in its stream, gap-free
 * @param timestamp when the runtime received it, from the client's clock
 * @param sizeBytes bytes of the wire event(s) the chunk was decoded from, framing included (a {@code long}: the
 *     keep-alives before one chunk may pass 2 GiB)
 * @param provider the provider id
 * @param model the model that answered, when known, else the requested one
 * @since 0.1
 */
public record ChunkMetadata(long index, Instant timestamp, long sizeBytes, String provider, String model) {
  /** Checks and normalises the components (see the class comment). */
  public ChunkMetadata {
    if (index < 0 || sizeBytes < 0) {
      throw new IllegalArgumentException("index and sizeBytes must not be negative");
    }
    Objects.requireNonNull(timestamp, "timestamp");
    Objects.requireNonNull(provider, "provider");
  }
}
