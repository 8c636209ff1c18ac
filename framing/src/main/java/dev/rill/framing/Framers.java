package dev.rill.framing;

import dev.rill.api.Framing;
import dev.rill.framing.internal.EventStreamFramer;
import dev.rill.framing.internal.JsonArrayFramer;
import dev.rill.framing.internal.NdjsonFramer;
import dev.rill.framing.internal.SseFramer;
import java.util.Objects;

/**
 * Static factories for the {@link Framer}s of every {@link Framing}. Each call returns a new framer for one
 * response body; framers are cheap and hold no threads.
 *
 * <pre>{@code
 * Framer framer = Framers.of(provider.info().framing(), FramingLimits.DEFAULT, handler);
 * framer.feed(byteBuffer);   // as reads arrive, in pieces of any size
 * framer.endOfInput();       // when the body ends
 * }</pre>
 *
 * @since 0.1
 */
public final class Framers {

  /** Makes the framer for one body: {@link Framers#of} is the standard one; tests substitute their own. */
  @FunctionalInterface
  public interface Factory {
    /** A new framer for one body of {@code framing}, reporting to {@code handler}. */
    Framer create(Framing framing, FramingLimits limits, EventHandler handler);
  }

  private Framers() {}

  /**
   * A server-sent-events framer that follows the WHATWG parsing rules: UTF-8, one leading BOM stripped, CR,
   * LF and CRLF line ends, comments as keep-alives, {@code event}/{@code data}/{@code id}/{@code retry}
   * fields, an event dispatched on its blank line, a pending event discarded at the end of input.
   */
  public static Framer sse(FramingLimits limits, EventHandler handler) {
    return new SseFramer(Objects.requireNonNull(limits, "limits"), handler);
  }

  /**
   * A newline-delimited JSON framer: one event per line (LF or CRLF), blank lines as keep-alives, a last line
   * without a newline dispatched at the end of input.
   */
  public static Framer ndjson(FramingLimits limits, EventHandler handler) {
    return new NdjsonFramer(Objects.requireNonNull(limits, "limits"), handler);
  }

  /**
   * An AWS binary event-stream framer ({@code application/vnd.amazon.eventstream}) that checks the prelude and
   * message CRCs of every message.
   */
  public static Framer awsEventStream(FramingLimits limits, EventHandler handler) {
    return new EventStreamFramer(Objects.requireNonNull(limits, "limits"), handler);
  }

  /** A framer for a JSON array streamed element by element (Gemini without {@code alt=sse}). */
  public static Framer jsonArray(FramingLimits limits, EventHandler handler) {
    return new JsonArrayFramer(Objects.requireNonNull(limits, "limits"), handler);
  }

  /** The framer for {@code framing}. */
  public static Framer of(Framing framing, FramingLimits limits, EventHandler handler) {
    return switch (Objects.requireNonNull(framing, "framing")) {
      case SSE -> sse(limits, handler);
      case NDJSON -> ndjson(limits, handler);
      case AWS_EVENT_STREAM -> awsEventStream(limits, handler);
      case JSON_ARRAY -> jsonArray(limits, handler);
    };
  }
}
