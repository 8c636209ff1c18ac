package dev.rill.provider.support;

import dev.rill.api.Message;
import dev.rill.api.Part;
import dev.rill.api.Role;
import dev.rill.api.ToolCall;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A conversation regrouped into the strictly alternating user and assistant turns of Anthropic-style APIs
 * (Anthropic Messages, Bedrock Converse), whose content is a list of blocks.
 *
 * <ul>
 *   <li>System messages are left out (those APIs take them apart).
 *   <li>A user message is a user turn of its parts. A tool result ({@link Role#TOOL} message) is a block of a
 *       user turn; consecutive results, and a user message that follows them, share one user turn.
 *   <li>An assistant message is an assistant turn: its reasoning parts first, in order, those {@code
 *       sendsReasoning} keeps (providers that verify signatures keep the signed and redacted ones), then its other
 *       parts, then its tool calls.
 * </ul>
 *
 * @since 0.1
 */
public final class Turns {

  private Turns() {}

  /**
   * One turn.
   *
   * @param role {@code user} or {@code assistant}
   * @param blocks the content, in order: {@link Part}s, {@link ToolCall}s, and tool-result {@link Message}s
   * @since 0.1
   */
  public record Turn(String role, List<Object> blocks) {}

  /** Reasoning an API that verifies signatures takes back: signed or redacted blocks. */
  public static boolean signedOrRedacted(Part.Reasoning reasoning) {
    return reasoning.redacted() || reasoning.isSigned();
  }

  /**
   * Whether a provider that verifies signatures can take {@code reasoning} back: it was produced by one of
   * {@code origins} (the provider ids that share its signing), or its origin is unknown (built by hand: sent as
   * before). A block from another vendor's model, after a fallback for instance, would fail the whole request.
   */
  public static boolean fromOrigins(Part.Reasoning reasoning, Set<String> origins) {
    return reasoning.origin().isEmpty() || origins.contains(reasoning.origin());
  }

  /** The turns of {@code messages}; {@code sendsReasoning} picks the reasoning parts to keep. */
  public static List<Turn> of(List<Message> messages, Predicate<Part.Reasoning> sendsReasoning) {
    List<Turn> turns = new ArrayList<>();
    List<Object> last = null;
    boolean lastIsUser = false;
    boolean lastHasToolResults = false;
    for (Message m : messages) {
      switch (m.role()) {
        case SYSTEM -> { }
        case USER, TOOL -> {
          if (last == null || !lastIsUser || !lastHasToolResults) {
            last = new ArrayList<>();
            turns.add(new Turn("user", last));
            lastIsUser = true;
            lastHasToolResults = false;
          }
          if (m.role() == Role.TOOL) {
            last.add(m);
            lastHasToolResults = true;
          } else {
            last.addAll(m.parts());
          }
        }
        case ASSISTANT -> {
          last = new ArrayList<>();
          turns.add(new Turn("assistant", last));
          lastIsUser = false;
          for (Part p : m.parts()) {
            if (p instanceof Part.Reasoning r && sendsReasoning.test(r)) {
              last.add(r);
            }
          }
          for (Part p : m.parts()) {
            if (!(p instanceof Part.Reasoning)) {
              last.add(p);
            }
          }
          last.addAll(m.toolCalls());
        }
      }
    }
    return turns;
  }
}
