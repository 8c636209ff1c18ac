package dev.rill.api;

/**
 * Turns the {@link WireEvent}s of one response stream into {@link StreamChunk}s. Stateful and confined to
 * one stream: the runtime calls it from one thread at a time, in order, and never after
 * {@link #decode} returned {@link Progress#END} or {@link #endOfInput} was called.
 *
 * <p>A decoder emits zero or more chunks per event through the {@link ChunkSink}. It reports the end of the
 * stream by the protocol's own terminator (OpenAI's {@code [DONE]}, Anthropic's {@code message_stop}, an
 * Ollama line with {@code "done":true}), never merely by a finish reason, because usage often follows it.
 *
 * <p>Errors are thrown as {@link RillException}: an error event inside the stream with the kind the
 * provider's classifier gives it, and a payload the decoder cannot read as
 * {@link ErrorKind#MALFORMED_RESPONSE} carrying the raw event text. After a {@code MALFORMED_RESPONSE} the
 * runtime may, by policy, skip the event and go on, so a decoder must stay usable after throwing it.
 *
 * @since 0.1
 */
public interface StreamDecoder {

  /** What the stream does after an event. */
  enum Progress {
    /** More events are expected. */
    CONTINUE,
    /** This event was the protocol's terminator: the stream is complete. */
    END
  }

  /**
   * Decodes one event.
   *
   * @return {@link Progress#END} if this event terminates the stream
   * @throws RillException for an error event or a malformed payload
   */
  Progress decode(WireEvent event, ChunkSink sink);

  /**
   * Called once when the body ended without {@link Progress#END}. Returns whether that is a proper end for
   * this protocol (some, such as Gemini's, have no terminator and end after the finish reason); the runtime
   * reports {@link ErrorKind#TRUNCATED} otherwise. The decoder may emit final chunks.
   */
  boolean endOfInput(ChunkSink sink);

  /**
   * Releases what the decoder holds (parsers, pooled buffers). The runtime calls it exactly once when the stream
   * ends in any way (completion, error, cancel, timeout), after the last {@link #decode} or {@link #endOfInput},
   * possibly without {@link #endOfInput} ever being called. The default does nothing.
   */
  default void close() {}
}
