package dev.rill.cli;

import dev.rill.api.Framing;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Cuts a recorded response body into one piece per wire event, so a replay can send each event as its own
 * network write, as a provider does: SSE after each blank line, NDJSON after each line feed, AWS event-stream
 * by each message's length prelude, a JSON array after each top-level element. Concatenating the pieces gives
 * the body back, byte for byte.
 */
final class WireSplitter {
  private WireSplitter() {}

  /** The pieces of {@code body}, in order; never empty pieces. */
  static List<byte[]> split(Framing framing, byte[] body) {
    return switch (framing) {
      case SSE -> sse(body);
      case NDJSON -> lines(body);
      case AWS_EVENT_STREAM -> eventStream(body);
      case JSON_ARRAY -> jsonArray(body);
    };
  }

  /** Cuts after every blank line (an event ends with LF LF, CR LF CR LF or CR CR). */
  static List<byte[]> sse(byte[] b) {
    List<byte[]> out = new ArrayList<>();
    int start = 0;
    int lineStart = 0;
    int i = 0;
    while (i < b.length) {
      byte c = b[i];
      if (c == '\n' || c == '\r') {
        int end = i + ((c == '\r' && i + 1 < b.length && b[i + 1] == '\n') ? 2 : 1);
        boolean blank = i == lineStart;
        i = end;
        lineStart = end;
        if (blank) {
          out.add(Arrays.copyOfRange(b, start, end));
          start = end;
        }
      } else {
        i++;
      }
    }
    tail(out, b, start);
    return out;
  }

  /** Cuts after every line feed. */
  static List<byte[]> lines(byte[] b) {
    List<byte[]> out = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < b.length; i++) {
      if (b[i] == '\n') {
        out.add(Arrays.copyOfRange(b, start, i + 1));
        start = i + 1;
      }
    }
    tail(out, b, start);
    return out;
  }

  /** Cuts by each message's 4-byte big-endian total length; a bad length leaves the rest in one piece. */
  static List<byte[]> eventStream(byte[] b) {
    List<byte[]> out = new ArrayList<>();
    int start = 0;
    while (b.length - start >= 4) {
      long total = ((b[start] & 0xffL) << 24) | ((b[start + 1] & 0xffL) << 16) | ((b[start + 2] & 0xffL) << 8)
          | (b[start + 3] & 0xffL);
      if (total < 16 || total > b.length - start) {
        break;
      }
      out.add(Arrays.copyOfRange(b, start, start + (int) total));
      start += (int) total;
    }
    tail(out, b, start);
    return out;
  }

  /** Cuts after each top-level element's separating comma, and after the closing bracket. */
  static List<byte[]> jsonArray(byte[] b) {
    List<byte[]> out = new ArrayList<>();
    int start = 0;
    int depth = 0;
    boolean inString = false;
    boolean escaped = false;
    for (int i = 0; i < b.length; i++) {
      byte c = b[i];
      if (inString) {
        if (escaped) {
          escaped = false;
        } else if (c == '\\') {
          escaped = true;
        } else if (c == '"') {
          inString = false;
        }
        continue;
      }
      switch (c) {
        case '"' -> inString = true;
        case '[', '{' -> depth++;
        case ']', '}' -> {
          depth--;
          if (depth == 0) {
            out.add(Arrays.copyOfRange(b, start, i + 1));
            start = i + 1;
          }
        }
        case ',' -> {
          if (depth == 1) {
            out.add(Arrays.copyOfRange(b, start, i + 1));
            start = i + 1;
          }
        }
        default -> { }
      }
    }
    tail(out, b, start);
    return out;
  }

  private static void tail(List<byte[]> out, byte[] b, int start) {
    if (start < b.length) {
      out.add(Arrays.copyOfRange(b, start, b.length));
    }
  }
}
