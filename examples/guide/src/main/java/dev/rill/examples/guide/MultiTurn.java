package dev.rill.examples.guide;

import dev.rill.api.ChatRequest;
import dev.rill.api.ChatResponse;
import dev.rill.api.Message;
import dev.rill.runtime.Rill;
import java.util.ArrayList;
import java.util.List;

/** A conversation: every turn sends the whole history, the model's answers included. */
public final class MultiTurn {
  private MultiTurn() {}

  /**
   * Two user turns, each answered.
   *
   * @param rill the client
   * @return the conversation after both answers
   */
  public static List<Message> twoTurns(Rill rill) {
    // tag::multi-turn[]
    List<Message> conversation = new ArrayList<>();
    conversation.add(Message.system("Answer in one sentence."));
    for (String question : List.of("Why is the sky blue?", "And why are sunsets red?")) {
      conversation.add(Message.user(question));
      ChatRequest request = ChatRequest.builder("openai:gpt-4o-mini").messages(conversation).build();
      ChatResponse answer = rill.stream(request).collect().join();
      conversation.add(Message.assistantTurn(answer));          // the model's turn is part of the history
    }
    // end::multi-turn[]
    return conversation;
  }
}
