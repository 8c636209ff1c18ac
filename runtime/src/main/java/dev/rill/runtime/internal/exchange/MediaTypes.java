package dev.rill.runtime.internal.exchange;

import dev.rill.api.Framing;
import java.util.Locale;

/** Whether a response's content type is the stream a framing expects: the one routing point of the response head. */
final class MediaTypes {
  private MediaTypes() {}

  static boolean matches(Framing framing, String contentType) {
    if (contentType == null) {
      return false;
    }
    String ct = contentType.toLowerCase(Locale.ROOT);
    int semi = ct.indexOf(';');
    String mime = (semi < 0 ? ct : ct.substring(0, semi)).strip();
    return switch (framing) {
      case SSE -> mime.equals("text/event-stream");
      case NDJSON -> mime.equals("application/x-ndjson") || mime.equals("application/ndjson")
          || mime.equals("application/jsonl") || mime.equals("application/json");
      case AWS_EVENT_STREAM -> mime.equals("application/vnd.amazon.eventstream");
      case JSON_ARRAY -> mime.equals("application/json");
    };
  }
}
