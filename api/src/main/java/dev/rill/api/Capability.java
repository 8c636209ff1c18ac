package dev.rill.api;

/**
 * A feature a provider declares. The runtime and the conformance kit read these; rules that need a
 * capability the provider does not declare are skipped with that reason.
 *
 * @since 0.1
 */
public enum Capability {
  /** Streams text deltas. */
  TEXT,
  /** Streams tool (function) calls. */
  TOOLS,
  /** Streams reasoning ("thinking") separately from the text. */
  REASONING,
  /** Reports token usage inside the stream. */
  USAGE_IN_STREAM,
  /** Accepts image parts in user messages. */
  IMAGES,
  /** Accepts a system prompt. */
  SYSTEM_PROMPT,
  /** Reports a finish reason. */
  FINISH_REASON,
  /** Can return several choices ({@code n > 1}) in one stream. */
  MULTIPLE_CHOICES
}
