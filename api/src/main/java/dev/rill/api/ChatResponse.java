package dev.rill.api;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A streamed answer folded into one value: the concatenated text and reasoning, the complete tool calls,
 * usage and the finish reason. Built by {@link ChatAccumulator}; also attached, partial, to a
 * {@link RillException} when a stream fails.
 *
 * <p>The top-level fields describe choice 0. When the request asked for several choices,
 * {@link #choices()} holds every choice, choice 0 included; otherwise it holds just choice 0.
 *
 * @param provider the id of the provider that answered
 * @param model the model that answered (as the stream reported it, else as requested), or null
 * @param responseId the provider's response id, or null
 * @param text the answer's text
 * @param reasoning the reasoning text, empty when none
 * @param refusal the refusal text, empty when none
 * @param toolCalls the complete tool calls, in index order
 * @param usage token usage, or null when the provider reported none
 * @param finishReason why the answer ended, or null when the stream did not say
 * @param chunkCount how many chunks the stream delivered
 * @param choices every choice, in index order
 * @param warnings what the pipeline noticed but did not fail for (skipped events, a missing finish reason...)
 * @param timing enhanced-mode timings, or null in basic mode
 * @param reasoningBlocks the reasoning of choice 0 as blocks, in order, with their signatures and redacted blocks
 *     (what {@link Message#assistantTurn(ChatResponse)} sends back); their texts concatenate to {@link #reasoning()}
 * @since 0.1
 */
public record ChatResponse(
    String provider,
    String model,
    String responseId,
    String text,
    String reasoning,
    String refusal,
    List<ToolCall> toolCalls,
    Usage usage,
    FinishReason finishReason,
    long chunkCount,
    List<Choice> choices,
    List<String> warnings,
    Timing timing,
    List<ReasoningBlock> reasoningBlocks) {

  /** Checks and normalises the components (see the class comment). */
  public ChatResponse {
    Objects.requireNonNull(provider, "provider");
    text = text == null ? "" : text;
    reasoning = reasoning == null ? "" : reasoning;
    refusal = refusal == null ? "" : refusal;
    toolCalls = List.copyOf(toolCalls);
    choices = List.copyOf(choices);
    warnings = List.copyOf(warnings);
    reasoningBlocks = reasoningBlocks == null ? List.of() : List.copyOf(reasoningBlocks);
  }

  /** A copy with more warnings appended. */
  public ChatResponse withWarnings(List<String> more) {
    if (more.isEmpty()) {
      return this;
    }
    List<String> all = new java.util.ArrayList<>(warnings);
    all.addAll(more);
    return new ChatResponse(provider, model, responseId, text, reasoning, refusal, toolCalls, usage, finishReason,
        chunkCount, choices, all, timing, reasoningBlocks);
  }

  /** A copy with timings. */
  public ChatResponse withTiming(Timing timing) {
    return new ChatResponse(provider, model, responseId, text, reasoning, refusal, toolCalls, usage, finishReason,
        chunkCount, choices, warnings, timing, reasoningBlocks);
  }

  /** Whether anything was generated: text, reasoning (a redacted block too), refusal or a tool call. */
  public boolean hasOutput() {
    return !text.isEmpty() || !reasoning.isEmpty() || !refusal.isEmpty() || !toolCalls.isEmpty()
        || !reasoningBlocks.isEmpty();
  }

  /**
   * One choice of a multi-choice answer.
   *
   * @param index the choice index
   * @param text its text
   * @param reasoning its reasoning
   * @param refusal its refusal
   * @param toolCalls its tool calls
   * @param finishReason why it ended, or null
   * @param reasoningBlocks its reasoning as blocks, in order
   */
  public record Choice(int index, String text, String reasoning, String refusal, List<ToolCall> toolCalls,
      FinishReason finishReason, List<ReasoningBlock> reasoningBlocks) {
    /** Checks and normalises the components (see the class comment). */
    public Choice {
      toolCalls = List.copyOf(toolCalls);
      reasoningBlocks = reasoningBlocks == null ? List.of() : List.copyOf(reasoningBlocks);
    }
  }

  /**
   * Timings measured by the enhanced pipeline.
   *
   * @param timeToFirstChunk from sending the request to the first content chunk, or null if none came
   * @param duration from sending the request to the end of the stream
   * @param attempts how many HTTP attempts the call took (1 without retries)
   */
  public record Timing(Duration timeToFirstChunk, Duration duration, int attempts) {
    /** Chunks per second over the whole duration, or 0 for a zero duration. */
    public double chunksPerSecond(long chunks) {
      long nanos = duration.toNanos();
      return nanos <= 0 ? 0 : chunks * 1e9 / nanos;
    }
  }
}
