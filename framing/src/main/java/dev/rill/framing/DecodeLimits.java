package dev.rill.framing;

import java.util.Objects;

/**
 * The caps one {@link DecodeSession} enforces, so that no response can make the client grow without end. Each
 * one exceeded ends the stream with {@link dev.rill.api.ErrorKind#LIMIT_EXCEEDED} naming its
 * {@link dev.rill.api.Limit}, with the output folded so far kept.
 *
 * <p>The defaults, and why:
 * <ul>
 *   <li>events (and lines) of 16 MiB ({@link FramingLimits#DEFAULT}): one event may carry a large image in base64;
 *   <li>256 MiB of body per response: the longest outputs models stream today (about 128k tokens, one event of up
 *       to a few hundred bytes each) stay far below it, while a server that never stops is cut off;
 *   <li>16 Mi characters folded (text, reasoning, refusal and tool arguments together): about a hundred times the
 *       largest output limit of any model, and small enough that the fold of a runaway stream cannot exhaust a
 *       modest heap;
 *   <li>128 choices: OpenAI's documented maximum for {@code n}, the most any API allows;
 *   <li>1,024 tool calls per choice: eight times the 128 tools an OpenAI request may declare.
 * </ul>
 *
 * @param framing the caps on one line and one event
 * @param maxResponseBytes the most body bytes of one response
 * @param maxFoldChars the most characters folded from one response
 * @param maxChoices the number of choices; a choice index at or above it is refused
 * @param maxToolCalls the number of tool calls per choice; a tool-call index at or above it is refused
 * @since 0.1
 */
public record DecodeLimits(FramingLimits framing, long maxResponseBytes, long maxFoldChars, int maxChoices,
    int maxToolCalls) {

  /** The defaults above. */
  public static final DecodeLimits DEFAULT =
      new DecodeLimits(FramingLimits.DEFAULT, 256L << 20, 16L << 20, 128, 1024);

  /** Checks and normalises the components (see the class comment). */
  public DecodeLimits {
    Objects.requireNonNull(framing, "framing");
    if (maxResponseBytes <= 0 || maxFoldChars <= 0 || maxChoices <= 0 || maxToolCalls <= 0) {
      throw new IllegalArgumentException("limits must be positive");
    }
  }

  /** A copy with other framing caps. */
  public DecodeLimits withFraming(FramingLimits limits) {
    return new DecodeLimits(limits, maxResponseBytes, maxFoldChars, maxChoices, maxToolCalls);
  }

  /** A copy with another cap on the body bytes of one response. */
  public DecodeLimits withMaxResponseBytes(long bytes) {
    return new DecodeLimits(framing, bytes, maxFoldChars, maxChoices, maxToolCalls);
  }

  /** A copy with another cap on the characters folded from one response. */
  public DecodeLimits withMaxFoldChars(long chars) {
    return new DecodeLimits(framing, maxResponseBytes, chars, maxChoices, maxToolCalls);
  }

  /** A copy with other caps on choices and tool calls. */
  public DecodeLimits withMaxChoicesAndToolCalls(int choices, int toolCalls) {
    return new DecodeLimits(framing, maxResponseBytes, maxFoldChars, choices, toolCalls);
  }
}
