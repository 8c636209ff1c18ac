package dev.rill.api.internal;

import dev.rill.api.ChunkMetadata;
import dev.rill.api.StreamChunk;
import java.util.Objects;

/**
 * What only the runtime may do to api values: attach {@link ChunkMetadata} to a {@link StreamChunk}, which has no
 * public way to set it. Not part of the API: this package is exported only to {@code dev.rill.runtime} (on the
 * class path nothing enforces that; plugins must not call it).
 *
 * <p>{@link StreamChunk}'s static initialiser hands its private copy function to {@link #setChunkAccess} (the JDK's
 * "shared secrets" pattern), so the chunk keeps a private constructor.
 */
public final class RuntimeAccess {

  /** Copies a chunk with metadata attached; implemented privately by {@link StreamChunk}. */
  @FunctionalInterface
  public interface ChunkAccess {
    /** A copy of {@code chunk} with {@code metadata}. */
    StreamChunk withMetadata(StreamChunk chunk, ChunkMetadata metadata);
  }

  private static volatile ChunkAccess chunks;

  private RuntimeAccess() {}

  /**
   * A copy of {@code chunk} carrying {@code metadata} (null removes it); every other field is the same.
   *
   * @throws NullPointerException if {@code chunk} is null
   */
  public static StreamChunk withMetadata(StreamChunk chunk, ChunkMetadata metadata) {
    Objects.requireNonNull(chunk, "chunk");
    // An instance exists, so StreamChunk's initialiser has run and registered its access.
    return chunks.withMetadata(chunk, metadata);
  }

  /**
   * Called once, by {@link StreamChunk}'s static initialiser.
   *
   * @throws IllegalStateException when called again
   */
  public static void setChunkAccess(ChunkAccess access) {
    Objects.requireNonNull(access, "access");
    synchronized (RuntimeAccess.class) {
      if (chunks != null) {
        throw new IllegalStateException("chunk access is already set");
      }
      chunks = access;
    }
  }
}
