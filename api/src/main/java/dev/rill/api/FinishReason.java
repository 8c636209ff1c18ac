package dev.rill.api;

import java.util.Objects;

/**
 * Why a choice ended: a normalised {@link Kind} plus the provider's raw string, verbatim.
 *
 * <p>A raw value a plugin does not know maps to {@link Kind#OTHER}, never to {@link Kind#STOP}: a consumer
 * that treats STOP as "the answer is complete" must not be misled.
 *
 * @param kind the normalised reason
 * @param raw the provider's own value, e.g. {@code "end_turn"}; never null
 * @since 0.1
 */
public record FinishReason(Kind kind, String raw) {

  /** The normalised reasons. */
  public enum Kind {
    /** The model finished its answer, or hit a stop sequence. */
    STOP,
    /** The output hit the token limit: the answer is cut. */
    LENGTH,
    /** The model is calling tools and awaits their results. */
    TOOL_CALLS,
    /** The provider filtered the content. */
    CONTENT_FILTER,
    /** The provider reports an error ended the generation. */
    ERROR,
    /** Anything else, including raw values the plugin does not know. */
    OTHER
  }

  /** Checks and normalises the components (see the class comment). */
  public FinishReason {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(raw, "raw");
  }

  /** A reason of {@code kind} with the raw provider value. */
  public static FinishReason of(Kind kind, String raw) {
    return new FinishReason(kind, raw);
  }

  /** A copy with another kind and the same raw value (e.g. Gemini's STOP with a function call is TOOL_CALLS). */
  public FinishReason as(Kind other) {
    return new FinishReason(other, raw);
  }
}
