package dev.rill.api;

/**
 * Who wrote a {@link Message}, or (as {@link StreamChunk#role()}) the streamed answer: {@link #ASSISTANT}.
 *
 * @since 0.1
 */
public enum Role {
  /** Instructions for the model. */
  SYSTEM,
  /** The person or application asking. */
  USER,
  /** The model. */
  ASSISTANT,
  /** The result of a tool call. */
  TOOL
}
