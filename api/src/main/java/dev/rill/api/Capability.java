package dev.rill.api;

/**
 * A feature a provider declares, for all its models ({@link ProviderInfo#capabilities()}) less what a model family
 * lacks ({@link ProviderInfo#capabilitiesFor(String)}, from {@link ModelCapabilities} rows).
 *
 * <p>A declaration is a promise both ways. The runtime refuses, before sending anything, a request that needs a
 * capability the provider (or the requested model) does not declare ({@code INVALID_REQUEST} naming both), and a
 * fallback chain skips such an attempt: tools, a tool choice or tool turns in the history need {@link #TOOLS}, an
 * image part {@link #IMAGES}, reasoning options {@link #REASONING}, a system message {@link #SYSTEM_PROMPT}. The
 * conformance kit checks the other side: a declared capability is encoded by {@code prepare} and shown by a golden
 * transcript, and no golden shows tool calls or reasoning the provider does not declare. Rules that need a
 * capability the provider does not declare are skipped with that reason.
 *
 * @since 0.1
 */
public enum Capability {
  /** Streams text deltas. */
  TEXT,
  /** Takes tool (function) definitions, a tool choice and tool turns in the history, and streams tool calls. */
  TOOLS,
  /**
   * Takes reasoning options (effort or budget) and streams reasoning ("thinking") separately from the text where
   * the model shows it (some, such as OpenAI's o-series on chat completions, only count it in the usage).
   */
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
  MULTIPLE_CHOICES,
  /**
   * Constrains the answer to a JSON schema (structured output) by the family's own mechanism; the streamed text is
   * the JSON.
   */
  STRUCTURED_OUTPUT
}
