package dev.rill.framing;

/**
 * Caps that keep hostile or broken input from exhausting memory: exceeding one is a
 * {@link dev.rill.api.ErrorKind#LIMIT_EXCEEDED} error ({@link dev.rill.api.Limit#EVENT_BYTES}), not an
 * {@link OutOfMemoryError}.
 *
 * <p>Providers put one JSON object on one {@code data:} line, so a line must be able to hold a whole event: use
 * {@link #of(int)}, which sets the line cap to the event cap plus room for the field name and the line end. The
 * default, 16 MiB, fits a large image in one event (a 12 MB PNG is 16 MB in base64).
 *
 * @param maxLineBytes the longest line (SSE, NDJSON) accepted, in bytes
 * @param maxEventBytes the largest event (SSE data buffer, event-stream message, JSON array element) accepted
 * @since 0.1
 */
public record FramingLimits(int maxLineBytes, int maxEventBytes) {

  /** Room on a line beyond its event's data: the field name ({@code data: }) and the line end. */
  private static final int LINE_SLACK = 64;

  /** 16 MiB events, on lines of the same size (plus the field name). */
  public static final FramingLimits DEFAULT = of(16 << 20);

  /** Checks and normalises the components (see the class comment). */
  public FramingLimits {
    if (maxLineBytes <= 0 || maxEventBytes <= 0) {
      throw new IllegalArgumentException("limits must be positive");
    }
  }

  /** Events of at most {@code maxEventBytes}, on lines that can hold a whole event. */
  public static FramingLimits of(int maxEventBytes) {
    if (maxEventBytes <= 0 || maxEventBytes > Integer.MAX_VALUE - LINE_SLACK) {
      throw new IllegalArgumentException("maxEventBytes must be positive and below 2 GiB: " + maxEventBytes);
    }
    return new FramingLimits(maxEventBytes + LINE_SLACK, maxEventBytes);
  }
}
