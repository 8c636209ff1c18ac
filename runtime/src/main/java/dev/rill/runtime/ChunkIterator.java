package dev.rill.runtime;

import dev.rill.api.StreamChunk;
import java.util.Iterator;

/**
 * A blocking iterator over a {@link ChatStream}'s chunks. Closing it before the end cancels the call and
 * releases its connection.
 *
 * @since 0.1
 */
public interface ChunkIterator extends Iterator<StreamChunk>, AutoCloseable {

  /** Cancels the stream if it is still running. Idempotent. */
  @Override
  void close();
}
