package dev.rill.runtime.internal.exchange;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The body of a response that is not a stream (an error status, or a success with the wrong media type), kept up
 * to a cap for the plugin's error classifier; the rest is read and dropped so the connection can be reused.
 */
final class ErrorBody {
  private final int cap;
  private byte[] bytes = new byte[256];
  private int length;

  ErrorBody(int cap) {
    this.cap = cap;
  }

  /** Keeps what fits under the cap and consumes the rest of {@code src}. */
  void add(ByteBuffer src) {
    int take = Math.min(src.remaining(), cap - length);
    if (take > 0) {
      if (length + take > bytes.length) {
        bytes = Arrays.copyOf(bytes, Math.min(cap, Math.max(bytes.length * 2, length + take)));
      }
      src.get(bytes, length, take);
      length += take;
    }
    src.position(src.limit());
  }

  /** The bytes kept. */
  byte[] bytes() {
    return Arrays.copyOf(bytes, length);
  }
}
