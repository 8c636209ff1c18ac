package dev.rill.api;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The shape the answer must take: any JSON object ({@link Kind#JSON}), or JSON that follows a schema
 * ({@link Kind#JSON_SCHEMA}). A request without one ({@code null}) asks for plain text.
 *
 * <p>Each wire family maps it to its own documented field (OpenAI {@code response_format}, Responses
 * {@code text.format}, Anthropic {@code output_config.format}, Gemini {@code responseMimeType} +
 * {@code responseJsonSchema}, Ollama {@code format}, Cohere {@code response_format}, Bedrock Converse
 * {@code outputConfig.textFormat}); a family that cannot express the format rejects the request with
 * {@link ErrorKind#INVALID_REQUEST} before anything is sent. The streamed text of a structured answer is the JSON
 * itself, so {@link ChatResponse.Choice#text()} holds it whole at the end.
 *
 * <pre>{@code
 * ChatRequest.builder("openai:gpt-4o-mini")
 *     .user("Name a city and its country.")
 *     .responseFormat(ResponseFormat.jsonSchema("city",
 *         "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"},\"country\":{\"type\":\"string\"}},"
 *             + "\"required\":[\"city\",\"country\"],\"additionalProperties\":false}"))
 *     .build();
 * }</pre>
 *
 * @param kind JSON of any shape, or JSON following {@code schema}
 * @param name the schema's name ({@code a-z A-Z 0-9 _ -}, at most 64 characters), for {@link Kind#JSON_SCHEMA};
 *     null for {@link Kind#JSON}
 * @param schema the JSON Schema as JSON text, for {@link Kind#JSON_SCHEMA}; null for {@link Kind#JSON}
 * @param strict whether the provider must follow the schema exactly where the family has that switch
 *     (OpenAI chat, Responses); families that always constrain the output to the schema ignore it
 * @since 0.2
 */
public record ResponseFormat(Kind kind, String name, String schema, boolean strict) {

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");

  /** What the answer must be. */
  public enum Kind {
    /** A JSON object, with no schema (often called JSON mode). */
    JSON,
    /** JSON that follows a JSON Schema. */
    JSON_SCHEMA
  }

  /** Checks and normalises the components (see the class comment). */
  public ResponseFormat {
    Objects.requireNonNull(kind, "kind");
    if (kind == Kind.JSON) {
      if (name != null || schema != null) {
        throw new IllegalArgumentException("a JSON response format has no name or schema");
      }
    } else {
      if (name == null || !NAME.matcher(name).matches()) {
        throw new IllegalArgumentException(
            "a response schema needs a name of 1 to 64 letters, digits, '_' or '-': '" + name + "'");
      }
      if (schema == null || schema.isBlank()) {
        throw new IllegalArgumentException("response schema '" + name + "' is empty");
      }
    }
  }

  /** Any JSON object (JSON mode). */
  public static ResponseFormat json() {
    return new ResponseFormat(Kind.JSON, null, null, false);
  }

  /** JSON following {@code schema} (JSON text), strictly where the family has the switch. */
  public static ResponseFormat jsonSchema(String name, String schema) {
    return new ResponseFormat(Kind.JSON_SCHEMA, name, schema, true);
  }

  /** JSON following {@code schema} (JSON text), {@code strict} where the family has the switch. */
  public static ResponseFormat jsonSchema(String name, String schema, boolean strict) {
    return new ResponseFormat(Kind.JSON_SCHEMA, name, schema, strict);
  }

  /** Whether a schema comes with it. */
  public boolean hasSchema() {
    return kind == Kind.JSON_SCHEMA;
  }
}
