package dev.rill.langchain4j;

import dev.langchain4j.model.output.TokenUsage;
import dev.rill.api.Usage;
import java.util.Objects;

/**
 * LangChain4j's {@link TokenUsage} with the counts Rill normalises beyond input, output and total: reasoning tokens
 * (part of output), input tokens read from the provider's prompt cache and written to it (both part of input). A
 * count the provider did not report is null, never 0. Counts above {@link Integer#MAX_VALUE} are capped there, since
 * LangChain4j counts in {@code Integer}.
 *
 * @since 0.1
 */
public final class RillTokenUsage extends TokenUsage {
  private final Integer reasoningTokenCount;
  private final Integer cachedInputTokenCount;
  private final Integer cacheWriteTokenCount;

  /** Usage with every count; null for an unknown count. */
  public RillTokenUsage(Integer inputTokenCount, Integer outputTokenCount, Integer totalTokenCount,
      Integer reasoningTokenCount, Integer cachedInputTokenCount, Integer cacheWriteTokenCount) {
    super(inputTokenCount, outputTokenCount, totalTokenCount);
    this.reasoningTokenCount = reasoningTokenCount;
    this.cachedInputTokenCount = cachedInputTokenCount;
    this.cacheWriteTokenCount = cacheWriteTokenCount;
  }

  /** The LangChain4j view of Rill's {@link Usage}; null for null. */
  public static RillTokenUsage of(Usage usage) {
    if (usage == null) {
      return null;
    }
    return new RillTokenUsage(count(usage.inputTokens()), count(usage.outputTokens()), count(usage.totalTokens()),
        count(usage.reasoningTokens()), count(usage.cachedInputTokens()), count(usage.cacheWriteTokens()));
  }

  /** Rill's view of this usage. */
  public Usage toUsage() {
    return new Usage(asLong(inputTokenCount()), asLong(outputTokenCount()), asLong(totalTokenCount()),
        asLong(reasoningTokenCount), asLong(cachedInputTokenCount), asLong(cacheWriteTokenCount));
  }

  /** Generated reasoning tokens (part of output), or null. */
  public Integer reasoningTokenCount() {
    return reasoningTokenCount;
  }

  /** Input tokens read from the provider's prompt cache (part of input), or null. */
  public Integer cachedInputTokenCount() {
    return cachedInputTokenCount;
  }

  /** Input tokens written to the provider's prompt cache (Anthropic's cache creation), or null. */
  public Integer cacheWriteTokenCount() {
    return cacheWriteTokenCount;
  }

  /** Adds another response's usage, keeping the extra counts when both are Rill's. */
  @Override
  public TokenUsage add(TokenUsage that) {
    if (that == null) {
      return this;
    }
    RillTokenUsage other = that instanceof RillTokenUsage r ? r : null;
    return new RillTokenUsage(sum(inputTokenCount(), that.inputTokenCount()),
        sum(outputTokenCount(), that.outputTokenCount()), sum(totalTokenCount(), that.totalTokenCount()),
        sum(reasoningTokenCount, other == null ? null : other.reasoningTokenCount),
        sum(cachedInputTokenCount, other == null ? null : other.cachedInputTokenCount),
        sum(cacheWriteTokenCount, other == null ? null : other.cacheWriteTokenCount));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RillTokenUsage r && super.equals(o)
        && Objects.equals(reasoningTokenCount, r.reasoningTokenCount)
        && Objects.equals(cachedInputTokenCount, r.cachedInputTokenCount)
        && Objects.equals(cacheWriteTokenCount, r.cacheWriteTokenCount);
  }

  @Override
  public int hashCode() {
    return Objects.hash(super.hashCode(), reasoningTokenCount, cachedInputTokenCount, cacheWriteTokenCount);
  }

  @Override
  public String toString() {
    return "RillTokenUsage{inputTokenCount=" + inputTokenCount() + ", outputTokenCount=" + outputTokenCount()
        + ", totalTokenCount=" + totalTokenCount() + ", reasoningTokenCount=" + reasoningTokenCount
        + ", cachedInputTokenCount=" + cachedInputTokenCount + ", cacheWriteTokenCount=" + cacheWriteTokenCount + "}";
  }

  private static Integer count(Long value) {
    return value == null ? null : (int) Math.min(value, Integer.MAX_VALUE);
  }

  private static Long asLong(Integer value) {
    return value == null ? null : value.longValue();
  }
}
