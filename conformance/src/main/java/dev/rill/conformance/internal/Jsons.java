package dev.rill.conformance.internal;

import java.io.StringWriter;
import java.util.Locale;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;

/** JSON helpers for the rules, on Jackson's streaming API. */
public final class Jsons {
  private static final JsonFactory JSON = new JsonFactory();

  /** Unknown members the tolerant-reader rule adds: a scalar, an object and an array, nested. */
  public static final String UNKNOWN_MEMBERS =
      "\"rill_unknown_scalar\":\"x\",\"rill_unknown_object\":{\"a\":[1,{\"b\":null}],\"c\":{}},"
          + "\"rill_unknown_array\":[[],{\"d\":true},\"e\"]";

  private Jsons() {}

  /** The JSON string literal for {@code s}: quotes, backslashes and control characters escaped, nothing else. */
  public static String quote(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        case '\b' -> sb.append("\\b");
        case '\f' -> sb.append("\\f");
        default -> {
          if (c < 0x20) {
            sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    return sb.append('"').toString();
  }

  /** Whether {@code text} is exactly one JSON value (surrounding whitespace allowed). */
  public static boolean isSingleValue(String text) {
    try (JsonParser p = JSON.createParser(ObjectReadContext.empty(), text)) {
      JsonToken t = p.nextToken();
      if (t == null) {
        return false;
      }
      p.skipChildren();
      return p.nextToken() == null;
    } catch (JacksonException e) {
      return false;
    }
  }

  /** Whether {@code text} is a JSON object. */
  public static boolean isObject(String text) {
    String t = text.strip();
    return t.startsWith("{") && isSingleValue(t);
  }

  /** {@code object} with {@link #UNKNOWN_MEMBERS} added first; {@code object} must be a JSON object. */
  public static String withUnknownMembers(String object) {
    int brace = object.indexOf('{');
    int next = brace + 1;
    while (next < object.length() && Character.isWhitespace(object.charAt(next))) {
      next++;
    }
    boolean empty = next < object.length() && object.charAt(next) == '}';
    return object.substring(0, brace + 1) + UNKNOWN_MEMBERS + (empty ? "" : ",") + object.substring(brace + 1);
  }

  /**
   * {@code json} re-written with every positive integer under a member whose name mentions tokens or a count made
   * negative; null when the text is not JSON or has no such number.
   */
  public static String withNegativeCounts(String json) {
    StringWriter out = new StringWriter();
    int changed = 0;
    try (JsonParser p = JSON.createParser(ObjectReadContext.empty(), json);
        JsonGenerator g = JSON.createGenerator(ObjectWriteContext.empty(), out)) {
      JsonToken t;
      while ((t = p.nextToken()) != null) {
        String name = p.currentName();
        if (t == JsonToken.VALUE_NUMBER_INT && name != null && isCountName(name) && p.getValueAsLong(0) > 0) {
          g.writeNumber(-p.getValueAsLong(0));
          changed++;
        } else {
          g.copyCurrentEvent(p);
        }
      }
    } catch (JacksonException e) {
      return null;
    }
    return changed == 0 ? null : out.toString();
  }

  private static boolean isCountName(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    return n.contains("token") || n.contains("count");
  }
}
