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
 * <p>Whatever way the stream ends, the runtime then calls {@link #close()} once: a decoder that holds a parser,
 * pooled buffers or anything else worth releasing implements it.
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
   * Releases what the decoder holds: its parser (so a Jackson factory's recycler pool gets the parser's buffers
   * back), pooled buffers, anything else. The runtime calls it exactly once when the stream ends in any way
   * (completion, error, cancel, timeout), after the last {@link #decode} or {@link #endOfInput}; it is often called
   * without {@link #endOfInput}, and possibly before any event. No other method is called afterwards. It emits
   * nothing and must not throw (the runtime logs and ignores what it throws). The default does nothing, right for
   * a decoder that holds nothing between events.
   */
  default void close() {}
}
