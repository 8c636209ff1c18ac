package dev.rill.api;

/**
 * One block of a model's reasoning, as a {@link ChatResponse} keeps it so it can be sent back in the next turn
 * ({@link Message#assistantTurn(ChatResponse)}).
 *
 * <p>A plain block holds reasoning text and, when the provider signs its reasoning (Anthropic, Bedrock, Gemini),
 * the opaque signature that proves it; a redacted block holds only opaque {@link #data()} (Anthropic's
 * {@code redacted_thinking}, Bedrock's {@code redactedContent}). Providers require signatures and redacted data
 * back exactly as received.
 *
 * @param text the reasoning text, empty when none (always empty for a redacted block)
 * @param signature the provider's signature of this block, empty when none
 * @param redacted whether this is a redacted block, whose content is {@link #data()}
 * @param data the opaque content of a redacted block, empty otherwise
 * @since 0.1
 */
public record ReasoningBlock(String text, String signature, boolean redacted, String data) {

  /** Checks and normalises the components (see the class comment). */
  public ReasoningBlock {
    text = text == null ? "" : text;
    signature = signature == null ? "" : signature;
    data = data == null ? "" : data;
  }

  /** A reasoning block with text and its signature (empty when unsigned). */
  public static ReasoningBlock of(String text, String signature) {
    return new ReasoningBlock(text, signature, false, "");
  }

  /** A redacted block holding only the provider's opaque data. */
  public static ReasoningBlock ofRedacted(String data) {
    return new ReasoningBlock("", "", true, data);
  }

  /** Whether the block carries a signature. */
  public boolean isSigned() {
    return !signature.isEmpty();
  }
}
