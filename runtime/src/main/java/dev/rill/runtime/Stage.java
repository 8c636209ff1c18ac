package dev.rill.runtime;

import dev.rill.api.ChatResponse;
import dev.rill.api.StreamChunk;

/**
 * A user stage in the enhanced pipeline: transforms or observes each chunk before the subscriber sees it, in
 * the order the stages were added. The folded response reflects what the stages let through.
 *
 * <p>{@link #forCall} is called once per call and may return a fresh instance for per-call state; the default
 * returns {@code this}, for a stateless stage. Stage methods run on the thread that decodes the stream (an I/O
 * thread): keep them fast and never block. A stage that throws fails the stream with the exception as cause.
 *
 * <pre>{@code
 * Stage redact = chunk -> chunk.content().contains("secret")
 *     ? StreamChunk.builder().content(chunk.content().replace("secret", "******")).build() : chunk;
 * }</pre>
 *
 * @since 0.1
 */
@FunctionalInterface
public interface Stage {

  /** The instance to use for one call. */
  default Stage forCall(CallInfo call) {
    return this;
  }

  /** Transforms or observes one chunk; returns the chunk to pass on, or null to drop it. */
  StreamChunk onChunk(StreamChunk chunk);

  /** Called once when the call completes successfully, with the folded response. */
  default void onComplete(ChatResponse response) {}
}
