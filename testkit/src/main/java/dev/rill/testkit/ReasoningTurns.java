package dev.rill.testkit;

import dev.rill.api.ChatAccumulator;
import dev.rill.api.ChatRequest;
import dev.rill.api.Message;
import dev.rill.api.Part;
import dev.rill.api.Role;
import dev.rill.api.StreamChunk;
import dev.rill.api.ToolCall;
import dev.rill.api.ToolCallDelta;
import java.util.List;

/**
 * Conversations for request tests of providers that take no reasoning back: each comes in two forms, with an
 * assistant turn built by {@link Message#assistantTurn} from a response holding signed, redacted and unsigned
 * reasoning and a signed tool call, and the same conversation without any of that. Such a provider must encode
 * both to the same body.
 *
 * @since 0.1
 */
public final class ReasoningTurns {

  private static final String CALL_ID = "call_1";
  private static final String ARGUMENTS = "{\"city\":\"Paris\"}";

  private ReasoningTurns() {}

  /** User question, an assistant turn with reasoning, text and a signed tool call, and the tool's result. */
  public static ChatRequest toolTurnWithReasoning(String model) {
    ChatAccumulator fold = new ChatAccumulator("test", model);
    fold.add(StreamChunk.reasoningDelta("I should look it up."));
    fold.add(StreamChunk.ofReasoningSignature("signature-1"));
    fold.add(StreamChunk.ofRedactedReasoning("opaque-data"));
    fold.add(StreamChunk.reasoningDelta("unsigned thought"));
    fold.add(StreamChunk.text("Checking."));
    fold.add(StreamChunk.toolCall(new ToolCallDelta(0, CALL_ID, "get_weather", ARGUMENTS,
        "call-signature")));
    return ChatRequest.builder(model).user("Weather in Paris?")
        .message(Message.assistantTurn(fold.response()))
        .message(Message.toolResult(CALL_ID, "18C")).build();
  }

  /** {@link #toolTurnWithReasoning} without reasoning or signatures. */
  public static ChatRequest toolTurnWithoutReasoning(String model) {
    return ChatRequest.builder(model).user("Weather in Paris?")
        .message(Message.assistantToolCalls("Checking.", List.of(ToolCall.of(CALL_ID, "get_weather", ARGUMENTS))))
        .message(Message.toolResult(CALL_ID, "18C")).build();
  }

  /** A plain answer whose assistant message holds a reasoning part before its text, then a new user turn. */
  public static ChatRequest answerWithReasoning(String model) {
    return ChatRequest.builder(model).user("Hi")
        .message(new Message(Role.ASSISTANT, List.of(new Part.Reasoning("r", "s", false, "", ""), Part.text("Hello")),
            List.of(), null, null))
        .user("Bye").build();
  }

  /** {@link #answerWithReasoning} without the reasoning part. */
  public static ChatRequest answerWithoutReasoning(String model) {
    return ChatRequest.builder(model).user("Hi").assistant("Hello").user("Bye").build();
  }

  /** Texts none of the bodies of a provider that takes no reasoning back may contain. */
  public static List<String> reasoningTexts() {
    return List.of("I should look it up.", "signature-1", "opaque-data", "unsigned thought", "call-signature");
  }
}
