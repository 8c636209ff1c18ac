package dev.rill.testkit.golden;

import dev.rill.api.ChatResponse;
import dev.rill.api.ErrorKind;
import dev.rill.api.FinishReason;
import dev.rill.api.ReasoningBlock;
import dev.rill.api.RillException;
import dev.rill.api.ToolCall;
import dev.rill.api.Usage;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a golden transcript must fold into: the {@link ChatResponse} fields a plugin controls, or the error it must
 * raise.
 *
 * <p>Comparison is exact: text passes through untrimmed, tool-call arguments are compared as text, a null usage
 * or finish reason expects the response to carry none, and an expected error means the stream must fail. Null
 * texts count as empty, as in {@link ChatResponse}.
 *
 * @param text the expected text of choice 0
 * @param reasoning the expected reasoning text, empty when none
 * @param refusal the expected refusal text, empty when none
 * @param toolCalls the expected complete tool calls, in index order
 * @param finishReason the expected finish reason, or null when the stream does not say (or fails)
 * @param usage the expected usage, or null when the provider reports none
 * @param errorKind the error the stream must raise, or null when it completes
 * @param errorCode the provider code that error must carry ({@link RillException#providerCode()}), or null to not
 *     check it
 * @param reasoningBlocks the expected {@link ChatResponse#reasoningBlocks()}, in order, or null to not check them;
 *     a tool call's signature is checked when the expected call has one
 */
public record Expectation(String text, String reasoning, String refusal, List<ToolCall> toolCalls,
    FinishReason finishReason, Usage usage, ErrorKind errorKind, String errorCode,
    List<ReasoningBlock> reasoningBlocks) {

  private static final int SHOWN = 120;

  /** Checks and normalises the components (see the class comment). */
  public Expectation {
    text = text == null ? "" : text;
    reasoning = reasoning == null ? "" : reasoning;
    refusal = refusal == null ? "" : refusal;
    toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
    reasoningBlocks = reasoningBlocks == null ? null : List.copyOf(reasoningBlocks);
  }

  /** Whether the transcript must end in an error. */
  public boolean expectsError() {
    return errorKind != null;
  }

  /**
   * Every field of a completed response that differs from this expectation, one readable line each; empty when
   * the response matches. When an error is expected, a completed response is itself a mismatch.
   */
  public List<String> mismatches(ChatResponse actual) {
    Objects.requireNonNull(actual, "actual");
    List<String> out = new ArrayList<>();
    if (errorKind != null) {
      out.add("error: expected " + errorKind + (errorCode != null ? " (code " + errorCode + ")" : "")
          + " but the stream completed");
    }
    contentMismatches(actual, out);
    if (!Objects.equals(finishReason, actual.finishReason())) {
      out.add("finishReason: expected " + finishReason + " but was " + actual.finishReason());
    }
    usageMismatches(actual.usage(), out);
    return List.copyOf(out);
  }

  /**
   * How a raised error differs from this expectation: its kind, and its provider code when one is expected;
   * empty when it matches. When no error is expected, any error is a mismatch.
   */
  public List<String> mismatches(RillException actual) {
    Objects.requireNonNull(actual, "actual");
    List<String> out = new ArrayList<>();
    if (errorKind == null) {
      out.add("error: expected the stream to complete but it failed: " + actual.getMessage());
      return List.copyOf(out);
    }
    if (actual.kind() != errorKind) {
      out.add("error.kind: expected " + errorKind + " but was " + actual.kind() + " (" + actual.getMessage() + ")");
    }
    if (errorCode != null && !errorCode.equals(actual.providerCode())) {
      out.add("error.code: expected " + quote(errorCode) + " but was " + quote(actual.providerCode()));
    }
    return List.copyOf(out);
  }

  /**
   * For an error transcript: how the error and the output received before it differ from this expectation.
   * {@code partial} is the response folded from the chunks delivered before the failure (text, reasoning,
   * refusal and tool calls are compared; finish reason and usage are not, as a failed stream may lack them).
   */
  public List<String> mismatches(ChatResponse partial, RillException error) {
    List<String> out = new ArrayList<>(mismatches(error));
    contentMismatches(partial, out);
    return List.copyOf(out);
  }

  /** Throws an {@link AssertionError} listing every mismatch of {@link #mismatches(ChatResponse)}. */
  public void assertMatches(ChatResponse actual) {
    fail(mismatches(actual));
  }

  /** Throws an {@link AssertionError} listing every mismatch of {@link #mismatches(RillException)}. */
  public void assertMatches(RillException actual) {
    fail(mismatches(actual));
  }

  private static void fail(List<String> mismatches) {
    if (!mismatches.isEmpty()) {
      throw new AssertionError("response differs from the golden expectation:\n  " + String.join("\n  ", mismatches));
    }
  }

  private void contentMismatches(ChatResponse actual, List<String> out) {
    textMismatch("text", text, actual.text(), out);
    textMismatch("reasoning", reasoning, actual.reasoning(), out);
    textMismatch("refusal", refusal, actual.refusal(), out);
    List<ToolCall> calls = actual.toolCalls();
    if (calls.size() != toolCalls.size()) {
      out.add("toolCalls: expected " + toolCalls.size() + " but was " + calls.size() + ": " + calls);
    }
    for (int i = 0; i < Math.min(calls.size(), toolCalls.size()); i++) {
      ToolCall e = toolCalls.get(i);
      ToolCall a = calls.get(i);
      if (!e.id().equals(a.id())) {
        out.add("toolCalls[" + i + "].id: expected " + quote(e.id()) + " but was " + quote(a.id()));
      }
      if (!e.name().equals(a.name())) {
        out.add("toolCalls[" + i + "].name: expected " + quote(e.name()) + " but was " + quote(a.name()));
      }
      textMismatch("toolCalls[" + i + "].arguments", e.arguments(), a.arguments(), out);
      if (!e.signature().isEmpty()) {
        textMismatch("toolCalls[" + i + "].signature", e.signature(), a.signature(), out);
      }
    }
    if (reasoningBlocks != null) {
      List<ReasoningBlock> blocks = actual.reasoningBlocks();
      if (blocks.size() != reasoningBlocks.size()) {
        out.add("reasoningBlocks: expected " + reasoningBlocks.size() + " but was " + blocks.size());
      }
      for (int i = 0; i < Math.min(blocks.size(), reasoningBlocks.size()); i++) {
        ReasoningBlock e = reasoningBlocks.get(i);
        ReasoningBlock a = blocks.get(i);
        if (e.redacted() != a.redacted()) {
          out.add("reasoningBlocks[" + i + "].redacted: expected " + e.redacted() + " but was " + a.redacted());
        }
        textMismatch("reasoningBlocks[" + i + "].text", e.text(), a.text(), out);
        textMismatch("reasoningBlocks[" + i + "].signature", e.signature(), a.signature(), out);
        textMismatch("reasoningBlocks[" + i + "].data", e.data(), a.data(), out);
      }
    }
  }

  private void usageMismatches(Usage actual, List<String> out) {
    if (usage == null || actual == null) {
      if (usage != actual) {
        out.add("usage: expected " + usage + " but was " + actual);
      }
      return;
    }
    usageField("inputTokens", usage.inputTokens(), actual.inputTokens(), out);
    usageField("outputTokens", usage.outputTokens(), actual.outputTokens(), out);
    usageField("totalTokens", usage.totalTokens(), actual.totalTokens(), out);
    usageField("reasoningTokens", usage.reasoningTokens(), actual.reasoningTokens(), out);
    usageField("cachedInputTokens", usage.cachedInputTokens(), actual.cachedInputTokens(), out);
    usageField("cacheWriteTokens", usage.cacheWriteTokens(), actual.cacheWriteTokens(), out);
  }

  private static void usageField(String name, Long expected, Long actual, List<String> out) {
    if (!Objects.equals(expected, actual)) {
      out.add("usage." + name + ": expected " + expected + " but was " + actual);
    }
  }

  private static void textMismatch(String field, String expected, String actual, List<String> out) {
    if (expected.equals(actual)) {
      return;
    }
    int at = 0;
    while (at < expected.length() && at < actual.length() && expected.charAt(at) == actual.charAt(at)) {
      at++;
    }
    out.add(field + ": differs at index " + at + " (expected length " + expected.length() + ", actual "
        + actual.length() + "): expected " + quote(around(expected, at)) + " but was " + quote(around(actual, at)));
  }

  private static String around(String s, int at) {
    if (s.length() <= SHOWN) {
      return s;
    }
    int from = Math.max(0, Math.min(at - SHOWN / 4, s.length() - SHOWN));
    int to = Math.min(s.length(), from + SHOWN);
    return (from > 0 ? "..." : "") + s.substring(from, to) + (to < s.length() ? "..." : "");
  }

  private static String quote(String s) {
    if (s == null) {
      return "null";
    }
    return '"' + s.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t")
        .replace("\"", "\\\"") + '"';
  }
}
