package dev.rill.provider.gemini.internal;

import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;

/**
 * The provider's one {@link JsonFactory} and the few JSON helpers the encoder and decoder share: compact copies of
 * a JSON subtree, string escaping, and writing the encoder's small body model (maps, lists, scalars and
 * {@link Raw} JSON text).
 */
public final class GeminiJson {

  /** The one factory of this provider: thread-safe, shared by every stream. */
  public static final JsonFactory FACTORY = new JsonFactory();

  private GeminiJson() {}

  /**
   * JSON text already validated and compacted, written as is.
   *
   * @param json a complete JSON value
   */
  public record Raw(String json) {}

  /** Copies the value the parser is at (a scalar, or a structure from its start token) as compact JSON text. */
  static String compactCopy(JsonParser p) {
    StringWriter out = new StringWriter();
    try (JsonGenerator g = FACTORY.createGenerator(ObjectWriteContext.empty(), out)) {
      g.copyCurrentStructureExact(p);
    }
    return out.toString();
  }

  /**
   * Parses {@code text} as one complete JSON value and returns it compacted, or null when it is not valid JSON
   * (or has anything after the value).
   */
  static String compactOrNull(String text) {
    if (text == null) {
      return null;
    }
    try (JsonParser p = FACTORY.createParser(ObjectReadContext.empty(), text)) {
      JsonToken first = p.nextToken();
      if (first == null) {
        return null;
      }
      String compact = compactCopy(p);
      return p.nextToken() == null ? compact : null;
    } catch (JacksonException e) {
      return null;
    }
  }

  /** Whether compact JSON text is an object. */
  static boolean isObject(String compactJson) {
    return compactJson != null && compactJson.startsWith("{");
  }

  /** Appends {@code s} escaped as the inside of a JSON string (no surrounding quotes). */
  static void appendEscaped(StringBuilder out, String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
  }

  /** {@code s} as a quoted JSON string. */
  static String quote(String s) {
    StringBuilder out = new StringBuilder(s.length() + 2).append('"');
    appendEscaped(out, s);
    return out.append('"').toString();
  }

  /**
   * Writes a body-model value: {@link Map} (string keys, insertion order), {@link List}, {@link String},
   * {@link Number}, {@link Boolean}, null, or {@link Raw}. Anything else is written as its string form.
   */
  static void write(JsonGenerator g, Object value) {
    if (value == null) {
      g.writeNull();
    } else if (value instanceof Raw raw) {
      g.writeRawValue(raw.json());
    } else if (value instanceof String s) {
      g.writeString(s);
    } else if (value instanceof Boolean b) {
      g.writeBoolean(b);
    } else if (value instanceof Integer i) {
      g.writeNumber(i);
    } else if (value instanceof Long l) {
      g.writeNumber(l);
    } else if (value instanceof Double d) {
      writeDouble(g, d);
    } else if (value instanceof Float f) {
      writeDouble(g, f.doubleValue());
    } else if (value instanceof java.math.BigDecimal bd) {
      g.writeNumber(bd);
    } else if (value instanceof java.math.BigInteger bi) {
      g.writeNumber(bi);
    } else if (value instanceof Number n) {
      g.writeNumber(n.toString());
    } else if (value instanceof Map<?, ?> map) {
      g.writeStartObject();
      for (Map.Entry<?, ?> e : map.entrySet()) {
        g.writeName(String.valueOf(e.getKey()));
        write(g, e.getValue());
      }
      g.writeEndObject();
    } else if (value instanceof Iterable<?> list) {
      g.writeStartArray();
      for (Object item : list) {
        write(g, item);
      }
      g.writeEndArray();
    } else {
      g.writeString(String.valueOf(value));
    }
  }

  private static void writeDouble(JsonGenerator g, double d) {
    if (d == Math.rint(d) && !Double.isInfinite(d) && Math.abs(d) < 1e15) {
      g.writeNumber((long) d);
    } else {
      g.writeNumber(d);
    }
  }
}
