package dev.rill.examples.guide;

import dev.rill.api.ChatRequest;
import dev.rill.api.ChatResponse;
import dev.rill.api.Message;
import dev.rill.api.ReasoningBlock;
import dev.rill.api.ReasoningOptions;
import dev.rill.runtime.Rill;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Extended thinking across turns: Anthropic and Bedrock (with tools) and Gemini 3 (with function calls) reject a
 * follow-up that does not carry the model's signed reasoning back; {@code Message.assistantTurn} carries it.
 */
public final class ReasoningSentBack {
  private ReasoningSentBack() {}

  /**
   * Asks, then follows up with the first answer's reasoning sent back.
   *
   * @param rill the client
   * @return the second answer
   */
  public static ChatResponse followUp(Rill rill) {
    // tag::reasoning[]
    List<Message> conversation = new ArrayList<>(List.of(Message.user("What is the GCD of 1071 and 462?")));
    Function<List<Message>, ChatRequest> ask = messages -> ChatRequest.builder("anthropic:claude-sonnet-4-5")
        .reasoning(ReasoningOptions.budget(2048)).maxTokens(4096).messages(messages).build();
    ChatResponse first = rill.stream(ask.apply(conversation)).collect().join();
    for (ReasoningBlock block : first.reasoningBlocks()) {       // the thinking, with the provider's signature
      System.out.println("thought: " + block.text() + (block.signature().isEmpty() ? "" : " (signed)"));
    }
    conversation.add(Message.assistantTurn(first));             // reasoning blocks, signatures, text, tool calls
    conversation.add(Message.user("And of 1071 and 1029?"));
    ChatResponse second = rill.stream(ask.apply(conversation)).collect().join();
    // end::reasoning[]
    return second;
  }
}
