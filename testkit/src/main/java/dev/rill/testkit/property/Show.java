package dev.rill.testkit.property;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.StringJoiner;

/** How a failing value is written in a failure message: strings and bytes escaped, long values cut. */
public final class Show {
  /** The longest rendering; longer ones are cut. */
  public static final int MAX = 600;

  private Show() {}

  /** {@code v} for a failure message: strings quoted and escaped, byte arrays as escaped text, cut at {@link #MAX}. */
  public static String value(Object v) {
    String s = render(v);
    return s.length() > MAX ? s.substring(0, MAX) + "... (" + s.length() + " chars)" : s;
  }

  private static String render(Object v) {
    if (v instanceof String s) {
      return quote(s);
    }
    if (v instanceof byte[] b) {
      return bytes(b);
    }
    if (v instanceof Collection<?> c) {
      StringJoiner j = new StringJoiner(", ", "[", "]");
      c.forEach(e -> j.add(render(e)));
      return j.toString();
    }
    return String.valueOf(v);
  }

  /** The bytes as an escaped string of their UTF-8 text, each byte that is not valid UTF-8 written {@code \xNN}. */
  public static String bytes(byte[] b) {
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(b);
    CharBuffer out = CharBuffer.allocate(b.length + 1);
    StringBuilder sb = new StringBuilder(b.length + 16).append(b.length).append(" bytes \"");
    while (true) {
      CoderResult r = decoder.decode(in, out, true);
      out.flip();
      sb.append(escape(out.toString()));
      out.clear();
      if (r.isMalformed() || r.isUnmappable()) {
        for (int i = 0; i < r.length(); i++) {
          sb.append(String.format("\\x%02X", in.get() & 0xFF));
        }
      } else if (r.isUnderflow()) {
        break;
      }
    }
    return sb.append('"').toString();
  }

  /** {@code s} in double quotes, with control characters, quotes, backslashes and odd spaces escaped. */
  public static String quote(String s) {
    return '"' + escape(s) + '"';
  }

  private static String escape(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 2);
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      switch (ch) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (ch < 0x20 || ch == 0x7F || (ch >= 0x80 && ch <= 0xA0) || Character.isSurrogate(ch)
              || ch == 0x2028 || ch == 0x2029 || ch == 0xFEFF || Character.getType(ch) == Character.FORMAT) {
            sb.append(String.format("\\u%04x", (int) ch));
          } else {
            sb.append(ch);
          }
        }
      }
    }
    return sb.toString();
  }
}
