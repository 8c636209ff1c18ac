package dev.rill.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;

/** Test helper: parses the CLI's JSON lines into maps and lists, strictly (one value per line). */
final class JsonObjects {
  private static final JsonFactory JSON = new JsonFactory();

  private JsonObjects() {}

  /** Every non-blank line of {@code text}, each parsed as one JSON object. */
  static List<Map<String, Object>> lines(String text) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (String line : text.split("\n")) {
      if (!line.isBlank()) {
        out.add(object(line));
      }
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> object(String line) {
    try (JsonParser p = JSON.createParser(ObjectReadContext.empty(), line)) {
      Object value = value(p, p.nextToken());
      if (p.nextToken() != null) {
        throw new IllegalArgumentException("more than one JSON value on a line: " + line);
      }
      if (!(value instanceof Map)) {
        throw new IllegalArgumentException("not a JSON object: " + line);
      }
      return (Map<String, Object>) value;
    }
  }

  private static Object value(JsonParser p, JsonToken t) {
    switch (t) {
      case START_OBJECT -> {
        Map<String, Object> m = new LinkedHashMap<>();
        String name;
        while ((name = p.nextName()) != null) {
          m.put(name, value(p, p.nextToken()));
        }
        return m;
      }
      case START_ARRAY -> {
        List<Object> l = new ArrayList<>();
        JsonToken next;
        while ((next = p.nextToken()) != JsonToken.END_ARRAY) {
          l.add(value(p, next));
        }
        return l;
      }
      case VALUE_STRING -> {
        return p.getString();
      }
      case VALUE_NUMBER_INT -> {
        return p.getLongValue();
      }
      case VALUE_NUMBER_FLOAT -> {
        return p.getDoubleValue();
      }
      case VALUE_TRUE -> {
        return Boolean.TRUE;
      }
      case VALUE_FALSE -> {
        return Boolean.FALSE;
      }
      case VALUE_NULL -> {
        return null;
      }
      default -> throw new IllegalArgumentException("unexpected token " + t);
    }
  }
}
