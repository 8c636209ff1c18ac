package dev.rill.langchain4j.internal;

import java.io.StringWriter;
import java.util.Collection;
import java.util.Map;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;

/** Writes the maps and lists LangChain4j gives a JSON schema as (strings, numbers, booleans, nulls) as JSON text. */
final class JsonText {
  private static final JsonFactory JSON = new JsonFactory();

  private JsonText() {}

  static String of(Object value) {
    StringWriter out = new StringWriter();
    try (JsonGenerator g = JSON.createGenerator(ObjectWriteContext.empty(), out)) {
      write(g, value);
    }
    return out.toString();
  }

  private static void write(JsonGenerator g, Object value) {
    if (value == null) {
      g.writeNull();
    } else if (value instanceof Map<?, ?> map) {
      g.writeStartObject();
      for (Map.Entry<?, ?> e : map.entrySet()) {
        g.writeName(String.valueOf(e.getKey()));
        write(g, e.getValue());
      }
      g.writeEndObject();
    } else if (value instanceof Collection<?> list) {
      g.writeStartArray();
      for (Object o : list) {
        write(g, o);
      }
      g.writeEndArray();
    } else if (value instanceof Object[] array) {
      write(g, java.util.Arrays.asList(array));
    } else if (value instanceof Boolean b) {
      g.writeBoolean(b);
    } else if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
      g.writeNumber(((Number) value).longValue());
    } else if (value instanceof Number n) {
      g.writeNumber(n.toString());
    } else if (value instanceof Enum<?> e) {
      g.writeString(e.name().toLowerCase(java.util.Locale.ROOT));
    } else {
      g.writeString(value.toString());
    }
  }
}
