package dev.rill.api;

/**
 * A fragment of a tool call as it streams. Fragments with the same {@link #index()} belong to one call:
 * the first usually carries the {@code id} and {@code name} ({@link #start}), later ones carry only argument text
 * ({@link #arguments(int, String)}). The argument fragments of one index concatenate to the call's JSON arguments.
 *
 * @param index the call's position among the choice's tool calls
 * @param id the call id when this fragment states it, else null
 * @param name the function name when this fragment states it, else null
 * @param arguments a fragment of the JSON arguments; empty, never null
 * @param signature the call's whole signature when this fragment states it (Gemini's {@code thoughtSignature});
 *     empty, never null
 * @since 0.1
 */
public record ToolCallDelta(int index, String id, String name, String arguments, String signature) {
  /** Checks and normalises the components (see the class comment). */
  public ToolCallDelta {
    if (index < 0) {
      throw new IllegalArgumentException("tool call index must not be negative: " + index);
    }
    arguments = arguments == null ? "" : arguments;
    signature = signature == null ? "" : signature;
  }

  /** The first fragment of call {@code index}: its id and function name, no arguments yet. */
  public static ToolCallDelta start(int index, String id, String name) {
    return new ToolCallDelta(index, id, name, "", "");
  }

  /** A later fragment of call {@code index}: a piece of its JSON arguments. */
  public static ToolCallDelta arguments(int index, String fragment) {
    return new ToolCallDelta(index, null, null, fragment, "");
  }

  /**
   * A fragment without a signature, stating whatever the wire gave: a whole call in one fragment (id, name and all
   * its arguments), or parts read from a delta whose fields may each be absent (null id or name, empty arguments).
   */
  public static ToolCallDelta of(int index, String id, String name, String arguments) {
    return new ToolCallDelta(index, id, name, arguments, "");
  }
}
