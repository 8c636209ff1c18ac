package dev.rill.provider.support;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * Reads one field's value while an event is read in a single streaming pass: the parser is on the value's first
 * token {@code t} (as {@code nextToken()} after {@code nextName()} left it) and, whatever the value, ends on its last
 * token, so the caller's loop goes on with the next name. Values of an unexpected type are skipped and read as
 * absent; values the decoder must refuse raise {@link BadShape}.
 *
 * <pre>{@code
 * String name;
 * while ((name = p.nextName()) != null) {
 *   JsonToken t = p.nextToken();
 *   switch (name) {
 *     case "type" -> type = JsonFields.string(p, t);
 *     case "output_tokens" -> outputTokens = JsonFields.count(p, t, "usage.output_tokens");
 *     default -> p.skipChildren();
 *   }
 * }
 * }</pre>
 *
 * @since 0.1
 */
public final class JsonFields {

  private JsonFields() {}

  /**
   * A value the decoder cannot accept (a negative count, an index out of range); the decoder reports it as
   * {@link dev.rill.api.ErrorKind#MALFORMED_RESPONSE} with the raw event. Cheap: no stack trace.
   *
   * @since 0.1
   */
  public static final class BadShape extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** A bad shape described by {@code message}. */
    public BadShape(String message) {
      super(message, null, false, false);
    }
  }

  /** The string value, or null for any other token (whose subtree is skipped). */
  public static String string(JsonParser p, JsonToken t) {
    if (t == JsonToken.VALUE_STRING) {
      return p.getString();
    }
    p.skipChildren();
    return null;
  }

  /** A string, number or boolean as text (error codes are sometimes numbers), else null. */
  public static String scalar(JsonParser p, JsonToken t) {
    if (t == JsonToken.VALUE_STRING || t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT
        || t == JsonToken.VALUE_TRUE || t == JsonToken.VALUE_FALSE) {
      return p.getString();
    }
    p.skipChildren();
    return null;
  }

  /**
   * A count: a non-negative integer, or null when absent, null or not an integer.
   *
   * @param what how the error names the field, e.g. {@code usage.input_tokens}
   * @throws BadShape for a negative integer
   */
  public static Long count(JsonParser p, JsonToken t, String what) {
    if (t == JsonToken.VALUE_NUMBER_INT) {
      long v = p.getLongValue();
      if (v < 0) {
        throw new BadShape(what + " is negative: " + v);
      }
      return v;
    }
    p.skipChildren();
    return null;
  }

  /**
   * A position: a non-negative int, or -1 when absent, null or not an integer.
   *
   * @param what how the error names the field
   * @throws BadShape for a negative integer or one beyond {@link Integer#MAX_VALUE}
   */
  public static int index(JsonParser p, JsonToken t, String what) {
    if (t == JsonToken.VALUE_NUMBER_INT) {
      long v = p.getLongValue();
      if (v < 0 || v > Integer.MAX_VALUE) {
        throw new BadShape(what + " out of range: " + v);
      }
      return (int) v;
    }
    p.skipChildren();
    return -1;
  }

  /** Whether the value is an object to read member by member; any other value is skipped. */
  public static boolean isObject(JsonParser p, JsonToken t) {
    if (t == JsonToken.START_OBJECT) {
      return true;
    }
    p.skipChildren();
    return false;
  }
}
