package dev.rill.provider.gemini.internal;

import dev.rill.api.FinishReason;
import dev.rill.api.FinishReason.Kind;

/**
 * Gemini's {@code Candidate.FinishReason} and {@code PromptFeedback.BlockReason} mapped to
 * {@link FinishReason.Kind}. Both the JSON names and, for {@code enum-encoding=int} responses, the protobuf numbers
 * of {@code google.ai.generativelanguage.v1beta} are known:
 *
 * <pre>
 *  0 FINISH_REASON_UNSPECIFIED  OTHER          7 BLOCKLIST                CONTENT_FILTER
 *  1 STOP                       STOP           8 PROHIBITED_CONTENT       CONTENT_FILTER
 *  2 MAX_TOKENS                 LENGTH         9 SPII                     CONTENT_FILTER
 *  3 SAFETY                     CONTENT_FILTER 10 MALFORMED_FUNCTION_CALL ERROR
 *  4 RECITATION                 CONTENT_FILTER 11 IMAGE_SAFETY            CONTENT_FILTER
 *  5 OTHER                      OTHER          12 UNEXPECTED_TOOL_CALL    ERROR
 *  6 LANGUAGE                   OTHER
 * </pre>
 *
 * (numbers as in the generated {@code google-ai-generativelanguage} v1beta client). Also by name only:
 * IMAGE_PROHIBITED_CONTENT, IMAGE_RECITATION (CONTENT_FILTER), TOO_MANY_TOOL_CALLS, MISSING_THOUGHT_SIGNATURE,
 * MALFORMED_RESPONSE (ERROR); an unlisted number is OTHER. Anything else is OTHER, never STOP. STOP becomes TOOL_CALLS when the candidate
 * called a function ({@link FinishReason#as}). The raw value is kept verbatim: a name, or the number as text.
 */
public final class GeminiFinishReasons {

  private static final String[] BY_NUMBER = {
      "FINISH_REASON_UNSPECIFIED", "STOP", "MAX_TOKENS", "SAFETY", "RECITATION", "OTHER", "LANGUAGE", "BLOCKLIST",
      "PROHIBITED_CONTENT", "SPII", "MALFORMED_FUNCTION_CALL", "IMAGE_SAFETY", "UNEXPECTED_TOOL_CALL"};

  private static final String[] BLOCK_BY_NUMBER = {
      "BLOCK_REASON_UNSPECIFIED", "SAFETY", "OTHER", "BLOCKLIST", "PROHIBITED_CONTENT", "IMAGE_SAFETY"};

  private GeminiFinishReasons() {}

  /** The finish reason for a raw {@code finishReason} value (a name, or a number as text). */
  public static FinishReason of(String raw) {
    return FinishReason.of(kind(nameOf(raw, BY_NUMBER)), raw);
  }

  /** The normalised kind of a finish-reason name. */
  static Kind kind(String name) {
    return switch (name) {
      case "STOP" -> Kind.STOP;
      case "MAX_TOKENS" -> Kind.LENGTH;
      case "SAFETY", "RECITATION", "BLOCKLIST", "PROHIBITED_CONTENT", "SPII", "IMAGE_SAFETY",
          "IMAGE_PROHIBITED_CONTENT", "IMAGE_RECITATION" -> Kind.CONTENT_FILTER;
      case "MALFORMED_FUNCTION_CALL", "UNEXPECTED_TOOL_CALL", "TOO_MANY_TOOL_CALLS", "MISSING_THOUGHT_SIGNATURE",
          "MALFORMED_RESPONSE" -> Kind.ERROR;
      default -> Kind.OTHER;
    };
  }

  /**
   * The finish reason for a blocked prompt ({@code promptFeedback.blockReason}): CONTENT_FILTER, whatever the
   * reason, with the raw value kept.
   */
  public static FinishReason blocked(String raw) {
    return FinishReason.of(Kind.CONTENT_FILTER, raw);
  }

  /** Whether a raw block reason actually blocks (anything but the unspecified value). */
  static boolean blocks(String raw) {
    String name = nameOf(raw, BLOCK_BY_NUMBER);
    return !name.equals("BLOCK_REASON_UNSPECIFIED") && !name.isEmpty();
  }

  private static String nameOf(String raw, String[] byNumber) {
    if (!raw.isEmpty() && raw.chars().allMatch(c -> c >= '0' && c <= '9') && raw.length() < 4) {
      int n = Integer.parseInt(raw);
      return n < byNumber.length ? byNumber[n] : "";
    }
    return raw;
  }
}
