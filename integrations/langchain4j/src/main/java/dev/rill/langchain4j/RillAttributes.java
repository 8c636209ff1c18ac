package dev.rill.langchain4j;

/**
 * The keys under which an {@code AiMessage} made by Rill keeps, in its {@code attributes()}, what LangChain4j has
 * no field for, so that the next request can send it back. The values are plain JSON-friendly lists and maps, so
 * LangChain4j's chat memory stores survive a round trip through JSON.
 *
 * @since 0.1
 */
public final class RillAttributes {
  /**
   * The reasoning blocks of the answer, in order: a list of maps with {@code text}, {@code signature},
   * {@code redacted} (boolean), {@code data} and {@code origin} (the id of the provider that produced it).
   * Anthropic and Bedrock with extended thinking and tools, and Gemini 3 with function calls, reject a follow-up
   * turn without them.
   */
  public static final String REASONING_BLOCKS = "rill.reasoning_blocks";

  /**
   * The signatures of the answer's tool calls, in the order of {@code toolExecutionRequests()}: a list of strings,
   * empty for an unsigned call (Gemini signs its function calls).
   */
  public static final String TOOL_CALL_SIGNATURES = "rill.tool_call_signatures";

  /** The refusal text of an OpenAI answer, when there was one. */
  public static final String REFUSAL = "rill.refusal";

  /** The id of the Rill provider that answered. */
  public static final String PROVIDER = "rill.provider";

  private RillAttributes() {}
}
