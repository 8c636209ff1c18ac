package dev.rill.framing;

/**
 * Caps that keep hostile or broken input from exhausting memory: exceeding one is a
 * {@link dev.rill.api.ErrorKind#MALFORMED_RESPONSE} error, not an {@link OutOfMemoryError}.
 *
 * @param maxLineBytes the longest line (SSE, NDJSON) accepted, in bytes
 * @param maxEventBytes the largest event (SSE data buffer, event-stream message, JSON array element) accepted
 * @since 0.1
 */
public record FramingLimits(int maxLineBytes, int maxEventBytes) {

  /** 1 MiB lines and 8 MiB events. */
  public static final FramingLimits DEFAULT = new FramingLimits(1 << 20, 8 << 20);

  public FramingLimits {
    if (maxLineBytes <= 0 || maxEventBytes <= 0) {
      throw new IllegalArgumentException("limits must be positive");
    }
  }
}
