package dev.rill.api;

/**
 * How much the model should reason before answering, for models that can. Providers use whichever field
 * their API has: an effort level (OpenAI {@code reasoning_effort}) or a token budget (Anthropic thinking,
 * Gemini {@code thinkingBudget}).
 *
 * @param effort {@code low}, {@code medium} or {@code high}, or null
 * @param budgetTokens a reasoning token budget, or null
 * @since 0.1
 */
public record ReasoningOptions(String effort, Integer budgetTokens) {
  /** Checks and normalises the components (see the class comment). */
  public ReasoningOptions {
    if (budgetTokens != null && budgetTokens < 0) {
      throw new IllegalArgumentException("budgetTokens must not be negative");
    }
  }

  /** An effort level: {@code low}, {@code medium} or {@code high}. */
  public static ReasoningOptions effort(String effort) {
    return new ReasoningOptions(effort, null);
  }

  /** A reasoning budget in tokens. */
  public static ReasoningOptions budget(int tokens) {
    return new ReasoningOptions(null, tokens);
  }
}
