package dev.rill.framing;

import java.nio.ByteBuffer;

/**
 * An incremental framer for one response body: fed bytes as they arrive, in pieces of any size, it calls its
 * {@link EventHandler} once per complete event, as soon as the event is complete (never waiting for the
 * next read). Any partition of the same bytes gives the same events.
 *
 * <p>Not thread-safe: one body, one thread at a time. Errors (an oversized line or event, a bad CRC) are
 * thrown as {@link dev.rill.api.RillException} of kind {@link dev.rill.api.ErrorKind#MALFORMED_RESPONSE};
 * events dispatched before the error stay dispatched.
 *
 * @since 0.1
 */
public interface Framer {

  /**
   * Consumes every remaining byte of {@code bytes}. The buffer may be reused by the caller after return, so
   * the framer copies what it keeps. Does nothing once {@link #stopped()}.
   */
  void feed(ByteBuffer bytes);

  /** Consumes {@code length} bytes of {@code bytes} from {@code offset}. */
  default void feed(byte[] bytes, int offset, int length) {
    feed(ByteBuffer.wrap(bytes, offset, length));
  }

  /**
   * Signals the end of the body. A framing that allows it dispatches a last unterminated record (an NDJSON
   * line without a newline); SSE discards a pending event, as the specification says.
   */
  void endOfInput();

  /** Whether the handler asked to stop (returned {@code false}); later input is ignored. */
  boolean stopped();
}
