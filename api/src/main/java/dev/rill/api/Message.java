package dev.rill.api;

import java.util.List;
import java.util.Objects;

/**
 * One turn of a conversation.
 *
 * <p>A user message holds text and image parts; an assistant message holds text, the reasoning blocks to send
 * back ({@link Part.Reasoning}) and, when the model called tools, those {@link #toolCalls()}; a tool message holds
 * the result of the call named by {@link #toolCallId()}. {@link #assistantTurn(ChatResponse)} builds the assistant
 * message from a streamed response.
 *
 * @param role who wrote it
 * @param parts the content, in order
 * @param toolCalls the tool calls an assistant message made
 * @param toolCallId for a {@link Role#TOOL} message, the id of the call it answers
 * @param name optional author name or, for a tool message, the function name
 * @since 0.1
 */
public record Message(Role role, List<Part> parts, List<ToolCall> toolCalls, String toolCallId, String name) {

  /** Checks and normalises the components (see the class comment). */
  public Message {
    Objects.requireNonNull(role, "role");
    parts = List.copyOf(parts);
    toolCalls = List.copyOf(toolCalls);
    if (role == Role.TOOL && (toolCallId == null || toolCallId.isEmpty())) {
      throw new IllegalArgumentException("a tool message needs the id of the call it answers");
    }
    if (!toolCalls.isEmpty() && role != Role.ASSISTANT) {
      throw new IllegalArgumentException("only assistant messages carry tool calls");
    }
    if (role != Role.ASSISTANT) {
      for (Part p : parts) {
        if (p instanceof Part.Reasoning) {
          throw new IllegalArgumentException("only assistant messages carry reasoning");
        }
      }
    }
  }

  /** A system message of this text. */
  public static Message system(String text) {
    return new Message(Role.SYSTEM, List.of(Part.text(text)), List.of(), null, null);
  }

  /** A user message of this text. */
  public static Message user(String text) {
    return new Message(Role.USER, List.of(Part.text(text)), List.of(), null, null);
  }

  /** A user message of these parts: text and images. */
  public static Message user(Part... parts) {
    return new Message(Role.USER, List.of(parts), List.of(), null, null);
  }

  /** An assistant message of this text: an earlier answer of the model. */
  public static Message assistant(String text) {
    return new Message(Role.ASSISTANT, text.isEmpty() ? List.of() : List.of(Part.text(text)), List.of(), null, null);
  }

  /** An assistant turn that called tools, with optional text before the calls. */
  public static Message assistantToolCalls(String text, List<ToolCall> calls) {
    return new Message(Role.ASSISTANT, text == null || text.isEmpty() ? List.of() : List.of(Part.text(text)), calls,
        null, null);
  }

  /**
   * The assistant message to append to the conversation after {@code response} (its choice 0): the reasoning
   * blocks with their signatures and redacted data, in order, then the text, and the tool calls with their
   * signatures. Providers that require their reasoning back (Anthropic and Bedrock with extended thinking and
   * tools, Gemini 3 with function calls) get it from here. Each reasoning part records {@code response.provider()}
   * as its origin, so a later call to a provider that signs differently leaves it out.
   */
  public static Message assistantTurn(ChatResponse response) {
    List<Part> parts = new java.util.ArrayList<>(response.reasoningBlocks().size() + 1);
    for (ReasoningBlock block : response.reasoningBlocks()) {
      parts.add(Part.reasoning(block, response.provider()));
    }
    if (!response.text().isEmpty()) {
      parts.add(Part.text(response.text()));
    }
    return new Message(Role.ASSISTANT, parts, response.toolCalls(), null, null);
  }

  /** The result of the tool call {@code toolCallId}. */
  public static Message toolResult(String toolCallId, String content) {
    return new Message(Role.TOOL, List.of(Part.text(content)), List.of(), toolCallId, null);
  }

  /** The concatenated text parts. */
  public String text() {
    StringBuilder sb = new StringBuilder();
    for (Part p : parts) {
      if (p instanceof Part.Text t) {
        sb.append(t.text());
      }
    }
    return sb.toString();
  }

  /** Whether every part is text. */
  public boolean isTextOnly() {
    for (Part p : parts) {
      if (!(p instanceof Part.Text)) {
        return false;
      }
    }
    return true;
  }
}
