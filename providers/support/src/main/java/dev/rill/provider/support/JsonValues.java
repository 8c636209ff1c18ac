package dev.rill.provider.support;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;

/**
 * Writes what a request body takes from the caller: option values of any supported type, JSON texts (tool schemas,
 * call arguments), and the request's {@link dev.rill.api.ChatRequest#options() options} as top-level fields (the
 * fields for one provider: {@link dev.rill.api.ProviderOptions#fieldsFor(dev.rill.api.ProviderInfo)}).
 *
 * <p>The rule every plugin follows for options: an option named like a field the encoder writes replaces that field.
 * The encoder writes a field only when {@code !options.containsKey(name)}, then {@link #writeOptions} writes every
 * option, in the map's order. Encoders that build the body as a model of maps first use {@link #merge} instead.
 *
 * <p>Errors are {@link InvalidValue}s whose message names the culprit; a plugin turns them into its
 * {@code INVALID_REQUEST} {@link dev.rill.api.RillException}. Stateless and thread-safe.
 *
 * @since 0.1
 */
public final class JsonValues {

  /** How deeply option values may nest (a cyclic map would otherwise never end). */
  public static final int MAX_DEPTH = 64;

  private static final JsonFactory JSON = new JsonFactory();

  private JsonValues() {}

  /**
   * A value or JSON text that cannot go into a request body. The message is complete, e.g. {@code option 'x' is
   * not a finite number: NaN} or {@code the parameter schema of tool 'x' is not a JSON object}.
   *
   * @since 0.1
   */
  public static final class InvalidValue extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** An invalid value described by {@code message}. */
    public InvalidValue(String message) {
      super(message);
    }
  }

  /**
   * Writes an option value: null, a string, a boolean, a byte, short, int or long, a finite float or double, a
   * {@link BigDecimal} or {@link BigInteger}, and maps (keys written with {@link String#valueOf}), iterables and
   * object arrays of those, nested at most {@value #MAX_DEPTH} levels.
   *
   * @param what how errors name the value, e.g. {@code option 'response_format'}
   * @throws InvalidValue for any other value
   */
  public static void write(JsonGenerator g, String what, Object value) {
    write(g, what, value, 0);
  }

  /**
   * Writes every entry of {@code options} as a property of the object being written, in the map's order, except
   * the names in {@code except} (fields the plugin must own, such as {@code stream}).
   *
   * @throws InvalidValue naming the option whose value cannot be written
   */
  public static void writeOptions(JsonGenerator g, Map<String, ?> options, String... except) {
    for (Map.Entry<String, ?> e : options.entrySet()) {
      if (contains(except, e.getKey())) {
        continue;
      }
      g.writeName(e.getKey());
      write(g, "option '" + e.getKey() + "'", e.getValue(), 0);
    }
  }

  /**
   * Checks that {@code json} is one complete JSON value (an object when {@code objectOnly}) with nothing after it.
   *
   * @param what how errors name the text, e.g. {@code the parameters schema of tool 'get_weather'}
   * @throws InvalidValue when it is not
   */
  public static void validate(String json, String what, boolean objectOnly) {
    if (json == null) {
      throw new InvalidValue(what + (objectOnly ? " is not a JSON object" : " is not valid JSON: it is missing"));
    }
    try (JsonParser p = JSON.createParser(ObjectReadContext.empty(), json)) {
      JsonToken first = p.nextToken();
      if (first == null) {
        throw new InvalidValue(what + (objectOnly ? " is not a JSON object" : " is not valid JSON: it is empty"));
      }
      if (objectOnly && first != JsonToken.START_OBJECT) {
        throw new InvalidValue(what + " is not a JSON object");
      }
      p.skipChildren();
      if (p.nextToken() != null) {
        throw new InvalidValue(what + " has text after its JSON value");
      }
    } catch (JacksonException e) {
      throw new InvalidValue(what + " is not valid JSON: " + e.getOriginalMessage());
    }
  }

  /**
   * Validates {@code json} ({@link #validate}) and copies it, compacted, into the generator. A bad text writes
   * nothing, so no half-written body is left behind.
   *
   * @throws InvalidValue when the text is not one JSON value of the expected shape
   */
  public static void copyJson(JsonGenerator g, String json, String what, boolean objectOnly) {
    validate(json, what, objectOnly);
    try (JsonParser p = JSON.createParser(ObjectReadContext.empty(), json)) {
      p.nextToken();
      g.copyCurrentStructure(p);
    }
  }

  /**
   * Merges {@code options} into a body model (maps, lists and scalars, in insertion order): an option whose value
   * is a map is merged, recursively, into a map of the same name; any other option replaces the member, or is
   * added at the end.
   */
  @SuppressWarnings("unchecked")
  public static void merge(Map<String, Object> target, Map<String, ?> options) {
    for (Map.Entry<String, ?> e : options.entrySet()) {
      Object existing = target.get(e.getKey());
      if (existing instanceof Map<?, ?> had && e.getValue() instanceof Map<?, ?> add) {
        Map<String, Object> merged = new LinkedHashMap<>((Map<String, Object>) had);
        merge(merged, (Map<String, Object>) add);
        target.put(e.getKey(), merged);
      } else {
        target.put(e.getKey(), e.getValue());
      }
    }
  }

  private static void write(JsonGenerator g, String what, Object value, int depth) {
    if (depth > MAX_DEPTH) {
      throw new InvalidValue(what + " nests more than " + MAX_DEPTH + " levels deep");
    }
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
        throw new InvalidValue(what + " is not a finite number: " + d);
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
        write(g, what, e.getValue(), depth + 1);
      }
      g.writeEndObject();
    } else if (value instanceof Iterable<?> list) {
      g.writeStartArray();
      for (Object item : list) {
        write(g, what, item, depth + 1);
      }
      g.writeEndArray();
    } else if (value instanceof Object[] array) {
      g.writeStartArray();
      for (Object item : array) {
        write(g, what, item, depth + 1);
      }
      g.writeEndArray();
    } else {
      throw new InvalidValue(what + " has a value of type " + value.getClass().getName()
          + "; use strings, numbers, booleans, lists, maps or null");
    }
  }

  private static boolean contains(String[] names, String name) {
    for (String n : names) {
      if (n.equals(name)) {
        return true;
      }
    }
    return false;
  }
}
