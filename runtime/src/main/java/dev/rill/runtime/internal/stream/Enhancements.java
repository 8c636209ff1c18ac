package dev.rill.runtime.internal.stream;

import dev.rill.runtime.MalformedEventPolicy;
import dev.rill.runtime.Stage;
import java.time.Clock;
import java.util.List;
import java.util.function.Consumer;

/**
 * The per-attempt features of the enhanced pipeline, those that need to see the wire: chunk metadata (with the
 * wire bytes each chunk came from), the first-chunk and idle timeouts (keep-alives reset the idle timer), the
 * malformed-event policy, and the user's stages. Null in basic mode, so basic mode pays for none of it.
 *
 * @param metadata whether chunks get {@link dev.rill.api.ChunkMetadata}
 * @param clock the clock for chunk timestamps
 * @param firstChunkNanos the first-chunk timeout in nanoseconds, 0 for none
 * @param idleNanos the idle timeout in nanoseconds, 0 for none
 * @param malformedEvents what to do with an event the plugin cannot read
 * @param stages the user's stages for this call, in order
 * @param warnings where warnings go (the listeners), besides the response
 */
public record Enhancements(
    boolean metadata, Clock clock, long firstChunkNanos, long idleNanos, MalformedEventPolicy malformedEvents,
    List<Stage> stages, Consumer<String> warnings) {

  public Enhancements {
    stages = List.copyOf(stages);
  }

  boolean hasTimers() {
    return firstChunkNanos > 0 || idleNanos > 0;
  }
}
