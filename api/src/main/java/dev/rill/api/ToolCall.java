package dev.rill.api;

import java.util.Objects;

/**
 * A complete tool call: what the model asked to run. In a {@link ChatResponse} it is the fold of every
 * {@link ToolCallDelta} of one index; in a {@link Message} it is a call the assistant made earlier in the
 * conversation.
 *
 * @param id the call id, which the tool result must quote
 * @param name the function name
 * @param arguments the arguments as JSON text, exactly as streamed ({@code "{}"} when none)
 * @param signature the provider's opaque signature of the call (Gemini's {@code thoughtSignature} on a
 *     {@code functionCall}), to be sent back with it; empty when none
 * @since 0.1
 */
public record ToolCall(String id, String name, String arguments, String signature) {
  /** Checks and normalises the components (see the class comment). */
  public ToolCall {
    Objects.requireNonNull(name, "name");
    id = id == null ? "" : id;
    arguments = arguments == null || arguments.isEmpty() ? "{}" : arguments;
    signature = signature == null ? "" : signature;
  }

  /** A call without a signature. */
  public static ToolCall of(String id, String name, String arguments) {
    return new ToolCall(id, name, arguments, "");
  }
}
