package dev.rill.provider.ollama.internal;

import dev.rill.api.ErrorKind;
import dev.rill.api.RillException;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;

/** JSON helpers shared by the encoder, decoder and error classifier: one factory, no data binding. */
final class JsonBodies {

  /** The one factory of this plugin; thread-safe and shared by every stream. */
  static final JsonFactory FACTORY = new JsonFactory();

  private JsonBodies() {}

  static JsonParser parser(byte[] bytes, int offset, int length) {
    return FACTORY.createParser(ObjectReadContext.empty(), bytes, offset, length);
  }

  static JsonGenerator generator(ByteArrayOutputStream out) {
    return FACTORY.createGenerator(ObjectWriteContext.empty(), out);
  }

  /**
   * Writes a provider option value: strings, numbers, booleans, null, and lists, arrays and maps of those.
   *
   * @throws IllegalArgumentException for any other type
   */
  static void writeValue(JsonGenerator g, Object value) {
    if (value == null) {
      g.writeNull();
    } else if (value instanceof String s) {
      g.writeString(s);
    } else if (value instanceof Boolean b) {
      g.writeBoolean(b);
    } else if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
      g.writeNumber(((Number) value).longValue());
    } else if (value instanceof Double || value instanceof Float) {
      double d = ((Number) value).doubleValue();
      if (Double.isNaN(d) || Double.isInfinite(d)) {
        throw new IllegalArgumentException("a number option must be finite: " + d);
      }
      g.writeNumber(d);
    } else if (value instanceof BigDecimal d) {
      g.writeNumber(d);
    } else if (value instanceof BigInteger i) {
      g.writeNumber(i);
    } else if (value instanceof Map<?, ?> map) {
      g.writeStartObject();
      for (Map.Entry<?, ?> e : map.entrySet()) {
        g.writeName(String.valueOf(e.getKey()));
        writeValue(g, e.getValue());
      }
      g.writeEndObject();
    } else if (value instanceof Iterable<?> list) {
      g.writeStartArray();
      for (Object item : list) {
        writeValue(g, item);
      }
      g.writeEndArray();
    } else if (value instanceof Object[] array) {
      g.writeStartArray();
      for (Object item : array) {
        writeValue(g, item);
      }
      g.writeEndArray();
    } else {
      throw new IllegalArgumentException("unsupported option value type " + value.getClass().getName()
          + " (use strings, numbers, booleans, lists and maps)");
    }
  }

  /**
   * Copies one JSON document given as text into the generator, compacted.
   *
   * @param what names the document in the error message, e.g. "the parameters schema of tool 'x'"
   * @throws RillException of kind INVALID_REQUEST when the text is not one JSON value of the expected shape
   */
  static void copyJson(JsonGenerator g, String json, String what, boolean objectOnly, String providerId) {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    try (JsonParser p = parser(bytes, 0, bytes.length)) {
      JsonToken first = p.nextToken();
      if (first == null || (objectOnly && first != JsonToken.START_OBJECT)) {
        throw invalid(providerId, what + " must be a JSON object");
      }
      // Validate the whole document before writing anything, so a bad one leaves no half-written body behind.
      p.skipChildren();
      if (p.nextToken() != null) {
        throw invalid(providerId, what + " has text after its JSON value");
      }
    } catch (JacksonException e) {
      throw invalid(providerId, what + " is not valid JSON: " + e.getOriginalMessage());
    }
    try (JsonParser p = parser(bytes, 0, bytes.length)) {
      p.nextToken();
      g.copyCurrentStructure(p);
    }
  }

  /** The current value (object, array or scalar) as compact JSON text. */
  static String compact(JsonParser p) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(64);
    try (JsonGenerator g = generator(out)) {
      g.copyCurrentStructure(p);
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  static RillException invalid(String providerId, String message) {
    return RillException.builder(ErrorKind.INVALID_REQUEST).provider(providerId).message(message).build();
  }

  /** Strips trailing slashes from the base URL and appends {@code path}. */
  static java.net.URI resolve(java.net.URI base, String path) {
    String s = base.toString();
    int end = s.length();
    while (end > 0 && s.charAt(end - 1) == '/') {
      end--;
    }
    return java.net.URI.create(s.substring(0, end) + path);
  }
}
