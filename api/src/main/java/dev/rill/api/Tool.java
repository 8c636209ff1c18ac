package dev.rill.api;

import java.util.Objects;

/**
 * A function the model may call.
 *
 * @param name the function name
 * @param description what it does, for the model; may be empty
 * @param parametersSchema the JSON Schema of its arguments, as JSON text (e.g. {@code {"type":"object",...}})
 * @since 0.1
 */
public record Tool(String name, String description, String parametersSchema) {
  /** Checks and normalises the components (see the class comment). */
  public Tool {
    Objects.requireNonNull(name, "name");
    if (name.isBlank()) {
      throw new IllegalArgumentException("a tool needs a name");
    }
    description = description == null ? "" : description;
    parametersSchema = parametersSchema == null || parametersSchema.isBlank()
        ? "{\"type\":\"object\",\"properties\":{}}" : parametersSchema;
  }

  /** A tool; {@code parametersSchema} is the JSON Schema of its arguments, as JSON text. */
  public static Tool of(String name, String description, String parametersSchema) {
    return new Tool(name, description, parametersSchema);
  }
}
