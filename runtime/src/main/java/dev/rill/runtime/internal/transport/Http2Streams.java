package dev.rill.runtime.internal.transport;

import java.lang.reflect.Field;
import org.apache.hc.core5.concurrent.Cancellable;
import org.apache.hc.core5.http.nio.DataStreamChannel;

/**
 * Finds the reset handle of the HTTP/2 stream a request body is written to.
 *
 * <p>Why: HttpClient 5.6 has no way to end one exchange of a shared HTTP/2 connection without closing that
 * connection: cancelling the exchange's future fails the exchange, and a failed exchange makes HttpClient discard its
 * endpoint, which for HTTP/2 is the whole connection, every other stream on it included. HttpCore's own stream channel
 * can reset its stream alone (RST_STREAM, CANCEL): it is the {@link DataStreamChannel} HttpCore hands the request
 * producer, which HttpClient's {@code HttpAsyncMainClientExec} wraps in an anonymous channel holding it in a field.
 * This class unwraps one such level (HttpClient is an automatic module, so its classes are open to reflection). If a
 * later HttpClient changes the wrapper, nothing is found and a cancel falls back to cancelling the future; the
 * transport's HTTP/2 cancel test then fails, which is how an upgrade learns of it. An HTTP/1.1 channel is not
 * {@link Cancellable}, so nothing is found for it either.
 */
final class Http2Streams {
  private static final ClassValue<Field> INNER = new ClassValue<>() {
    @Override
    protected Field computeValue(Class<?> type) {
      for (Field f : type.getDeclaredFields()) {
        if (DataStreamChannel.class.isAssignableFrom(f.getType())) {
          try {
            f.setAccessible(true);
            return f;
          } catch (RuntimeException e) {
            return null;
          }
        }
      }
      return null;
    }
  };

  private Http2Streams() {}

  /** The HTTP/2 stream's reset handle behind {@code channel}, or null (HTTP/1.1, or a wrapper not understood). */
  static Cancellable resetHandle(DataStreamChannel channel) {
    DataStreamChannel c = channel;
    for (int depth = 0; depth < 3 && c != null; depth++) {
      if (c instanceof Cancellable reset) {
        // HttpCore's HTTP/2 stream channel only; nothing else is reset this way.
        return c.getClass().getName().startsWith("org.apache.hc.core5.http2.") ? reset : null;
      }
      Field inner = INNER.get(c.getClass());
      if (inner == null) {
        return null;
      }
      try {
        c = (DataStreamChannel) inner.get(c);
      } catch (IllegalAccessException | RuntimeException e) {
        return null;
      }
    }
    return null;
  }
}
