package dev.rill.api;

/**
 * Token usage as the provider reported it. Every field is nullable: unknown is {@code null}, never 0.
 * Values are never negative.
 *
 * @param inputTokens prompt tokens, cached ones included
 * @param outputTokens generated tokens, reasoning included
 * @param totalTokens the provider's total, or input + output when both are known and no total was given
 * @param reasoningTokens generated reasoning tokens (part of output)
 * @param cachedInputTokens input tokens read from the provider's prompt cache (part of input)
 * @param cacheWriteTokens input tokens written to the prompt cache (Anthropic's cache creation)
 * @since 0.1
 */
public record Usage(
    Long inputTokens, Long outputTokens, Long totalTokens, Long reasoningTokens, Long cachedInputTokens,
    Long cacheWriteTokens) {

  /** Checks and normalises the components (see the class comment). */
  public Usage {
    check("inputTokens", inputTokens);
    check("outputTokens", outputTokens);
    check("totalTokens", totalTokens);
    check("reasoningTokens", reasoningTokens);
    check("cachedInputTokens", cachedInputTokens);
    check("cacheWriteTokens", cacheWriteTokens);
    if (totalTokens == null && inputTokens != null && outputTokens != null) {
      totalTokens = inputTokens + outputTokens;
    }
  }

  /** Usage with input and output counts. */
  public static Usage of(long input, long output) {
    return new Usage(input, output, null, null, null, null);
  }

  /**
   * Combines this usage with a later report from the same stream: each field the later one knows replaces
   * this one's (providers such as Anthropic and Gemini send cumulative counts).
   */
  public Usage merge(Usage later) {
    if (later == null) {
      return this;
    }
    Long in = pick(later.inputTokens, inputTokens);
    Long out = pick(later.outputTokens, outputTokens);
    Long total = later.totalTokens != null ? later.totalTokens
        : (later.inputTokens != null || later.outputTokens != null) ? null : totalTokens;
    return new Usage(in, out, total, pick(later.reasoningTokens, reasoningTokens),
        pick(later.cachedInputTokens, cachedInputTokens), pick(later.cacheWriteTokens, cacheWriteTokens));
  }

  private static Long pick(Long later, Long earlier) {
    return later != null ? later : earlier;
  }

  private static void check(String name, Long value) {
    if (value != null && value < 0) {
      throw new IllegalArgumentException(name + " must not be negative: " + value);
    }
  }
}
