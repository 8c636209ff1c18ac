package dev.rill.provider.ollama.internal;

import dev.rill.api.ErrorKind;
import dev.rill.api.RillException;
import dev.rill.provider.support.JsonValues;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;

/**
 * JSON helpers shared by the encoder, decoder and error classifier: one factory, no data binding. Option values
 * are written by {@link JsonValues}.
 */
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
   * Copies one JSON document given as text into the generator, compacted ({@link JsonValues#copyJson}).
   *
   * @param what names the document in the error message, e.g. "the parameters schema of tool 'x'"
   * @throws RillException of kind INVALID_REQUEST when the text is not one JSON value of the expected shape
   */
  static void copyJson(JsonGenerator g, String json, String what, boolean objectOnly, String providerId) {
    try {
      JsonValues.copyJson(g, json, what, objectOnly);
    } catch (JsonValues.InvalidValue e) {
      throw invalid(providerId, e.getMessage());
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
