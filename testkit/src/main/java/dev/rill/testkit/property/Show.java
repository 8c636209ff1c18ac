package dev.rill.testkit.property;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.HexFormat;
import java.util.StringJoiner;

/** How a failing value is written in a failure message: strings and bytes escaped, long values cut. */
final class Show {
  static final int MAX = 600;

  private Show() {}

  static String value(Object v) {
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

  /** Valid UTF-8 as an escaped string, anything else in hex. */
  static String bytes(byte[] b) {
    try {
      String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b)).toString();
      return b.length + " bytes " + quote(text);
    } catch (CharacterCodingException e) {
      return b.length + " bytes 0x" + HexFormat.of().formatHex(b);
    }
  }

  /** {@code s} in double quotes, with control characters, quotes, backslashes and odd spaces escaped. */
  static String quote(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
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
    return sb.append('"').toString();
  }
}
