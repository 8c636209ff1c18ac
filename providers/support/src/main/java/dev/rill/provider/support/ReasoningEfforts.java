package dev.rill.provider.support;

import dev.rill.api.ReasoningOptions;

/**
 * The effort level for {@link ReasoningOptions} sent to an API that takes an effort, not a token budget (OpenAI's
 * {@code reasoning_effort} and {@code reasoning.effort}): the effort when one is given, else the budget's level, up to
 * 1024 tokens {@code low}, up to 4096 {@code medium}, above {@code high}. A request's reasoning is never dropped for
 * being a budget.
 */
public final class ReasoningEfforts {
  private ReasoningEfforts() {}

  /** The effort for {@code reasoning}, or null when it sets neither an effort nor a budget. */
  public static String effortOf(ReasoningOptions reasoning) {
    if (reasoning.effort() != null) {
      return reasoning.effort();
    }
    Integer budget = reasoning.budgetTokens();
    if (budget == null) {
      return null;
    }
    return budget <= 1024 ? "low" : budget <= 4096 ? "medium" : "high";
  }
}
