package dev.rill.examples.guide;

import dev.rill.api.ChatRequest;
import dev.rill.api.ChatResponse;
import dev.rill.api.Message;
import dev.rill.api.Tool;
import dev.rill.api.ToolCall;
import dev.rill.runtime.Rill;
import java.util.ArrayList;
import java.util.List;

/** The tool-call loop: ask, run the tools the model called, send their results back, until it answers. */
public final class ToolLoop {
  private ToolLoop() {}

  /**
   * Answers a question that needs the weather tool.
   *
   * @param rill the client
   * @return the model's final text
   */
  public static String weather(Rill rill) {
    // tag::tool-loop[]
    Tool weather = Tool.of("get_weather", "The current weather in a city",
        "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}},\"required\":[\"city\"]}");
    List<Message> conversation = new ArrayList<>(List.of(Message.user("What is the weather in Paris?")));
    for (int turn = 0; turn < 8; turn++) {                       // bound the loop: a model may call tools forever
      ChatRequest request = ChatRequest.builder("openai:gpt-4o-mini").messages(conversation).tool(weather).build();
      ChatResponse response = rill.stream(request).collect().join();
      conversation.add(Message.assistantTurn(response));          // its text, tool calls (and reasoning) go back
      if (response.toolCalls().isEmpty()) {
        return response.text();
      }
      for (ToolCall call : response.toolCalls()) {                // complete calls; arguments are JSON text
        conversation.add(Message.toolResult(call.id(), runTool(call.name(), call.arguments())));
      }
    }
    throw new IllegalStateException("no answer after 8 turns");
    // end::tool-loop[]
  }

  /**
   * The application's tool: here a fixed answer.
   *
   * @param name the function name
   * @param argumentsJson its arguments, as JSON text
   * @return the result, as the text sent back to the model
   */
  static String runTool(String name, String argumentsJson) {
    if (!name.equals("get_weather")) {
      return "{\"error\":\"unknown tool " + name + "\"}";
    }
    return "{\"city\":\"Paris\",\"temperature\":18,\"unit\":\"celsius\",\"sky\":\"cloudy\"}";
  }
}
