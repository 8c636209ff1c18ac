package dev.rill.benchmarks;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;

/**
 * The floors' per-event JSON work: a Jackson streaming parser over one OpenAI {@code chat.completion.chunk},
 * appending {@code choices[*].delta.content} to a builder. Pull parsing, no trees, {@code skipChildren} past the
 * rest.
 */
final class ChunkText {
  static final JsonFactory JSON = new JsonFactory();

  private ChunkText() {}

  /** Appends the content delta of the chunk in {@code bytes[offset, offset+length)}; returns the chars added. */
  static int append(byte[] bytes, int offset, int length, StringBuilder out) {
    try (JsonParser p = JSON.createParser(ObjectReadContext.empty(), bytes, offset, length)) {
      return walk(p, out);
    }
  }

  /** The same for a chunk held as text (the JDK {@code ofLines} baseline). */
  static int append(String json, StringBuilder out) {
    try (JsonParser p = JSON.createParser(ObjectReadContext.empty(), json)) {
      return walk(p, out);
    }
  }

  private static int walk(JsonParser p, StringBuilder out) {
    int before = out.length();
    if (p.nextToken() != JsonToken.START_OBJECT) {
      return 0;
    }
    while (p.nextToken() == JsonToken.PROPERTY_NAME) {
      String name = p.currentName();
      JsonToken t = p.nextToken();
      if (t == JsonToken.START_ARRAY && "choices".equals(name)) {
        while (p.nextToken() == JsonToken.START_OBJECT) {
          while (p.nextToken() == JsonToken.PROPERTY_NAME) {
            String field = p.currentName();
            JsonToken v = p.nextToken();
            if (v == JsonToken.START_OBJECT && "delta".equals(field)) {
              while (p.nextToken() == JsonToken.PROPERTY_NAME) {
                String d = p.currentName();
                JsonToken dv = p.nextToken();
                if (dv == JsonToken.VALUE_STRING && "content".equals(d)) {
                  out.append(p.getStringCharacters(), p.getStringOffset(), p.getStringLength());
                } else {
                  p.skipChildren();
                }
              }
            } else {
              p.skipChildren();
            }
          }
        }
      } else {
        p.skipChildren();
      }
    }
    return out.length() - before;
  }
}
