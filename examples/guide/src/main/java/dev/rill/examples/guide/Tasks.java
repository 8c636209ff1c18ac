package dev.rill.examples.guide;

import dev.rill.api.ChatRequest;
import dev.rill.api.ChatResponse;
import dev.rill.api.RillException;
import dev.rill.api.StreamChunk;
import dev.rill.api.Tool;
import dev.rill.api.ToolCall;
import dev.rill.api.Usage;
import dev.rill.runtime.ChunkIterator;
import dev.rill.runtime.Rill;
import java.util.List;
import java.util.concurrent.CompletionException;

/**
 * The five tasks the migration guides put side by side with openai-java, LangChain4j and Spring AI: stream text,
 * tools, usage, cancel, errors.
 */
public final class Tasks {
  private Tasks() {}

  /**
   * Prints an answer as it streams.
   *
   * @param rill the client
   * @return the text
   */
  public static String streamText(Rill rill) {
    // tag::stream-text[]
    ChatRequest request = ChatRequest.builder("openai:gpt-4o-mini").user("Why is the sky blue?").build();
    ChatResponse response = rill.stream(request)
        .forEach(chunk -> System.out.print(chunk.content()))
        .join();
    // end::stream-text[]
    return response.text();
  }

  /**
   * Declares a tool and reads the calls the model made.
   *
   * @param rill the client
   * @return the calls
   */
  public static List<ToolCall> tools(Rill rill) {
    // tag::tools[]
    Tool weather = Tool.of("get_weather", "The current weather in a city",
        "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}},\"required\":[\"city\"]}");
    ChatRequest request = ChatRequest.builder("openai:gpt-4o-mini")
        .user("What is the weather in Paris?").tool(weather).build();
    ChatResponse response = rill.stream(request).collect().join();
    for (ToolCall call : response.toolCalls()) {                 // whole calls: the deltas are already joined
      System.out.println(call.id() + " " + call.name() + " " + call.arguments());
    }
    // end::tools[]
    return response.toolCalls();
  }

  /**
   * Reads token usage.
   *
   * @param rill the client
   * @return the usage
   */
  public static Usage usage(Rill rill) {
    ChatRequest request = ChatRequest.builder("openai:gpt-4o-mini").user("Why is the sky blue?").build();
    // tag::usage[]
    Usage usage = rill.stream(request).collect().join().usage();  // asked for by the plugin; null if not reported
    System.out.println(usage.inputTokens() + " in, " + usage.outputTokens() + " out, "
        + usage.reasoningTokens() + " reasoning, " + usage.cachedInputTokens() + " cached");
    // end::usage[]
    return usage;
  }

  /**
   * Stops reading after about 40 characters.
   *
   * @param rill the client
   * @return the text read
   */
  public static String cancel(Rill rill) {
    ChatRequest request = ChatRequest.builder("openai:gpt-4o-mini").user("Why is the sky blue?").build();
    // tag::cancel[]
    StringBuilder text = new StringBuilder();
    try (ChunkIterator chunks = rill.stream(request).iterator()) {
      while (text.length() < 40 && chunks.hasNext()) {
        StreamChunk chunk = chunks.next();
        text.append(chunk.content());
      }
    }                                                            // closing cancels the call and its connection
    // end::cancel[]
    return text.toString();
  }

  /**
   * Handles a failure.
   *
   * @param rill the client
   * @return what happened
   */
  public static String errors(Rill rill) {
    ChatRequest request = ChatRequest.builder("openai:gpt-4o-mini").user("Why is the sky blue?").build();
    // tag::errors[]
    try {
      return rill.stream(request).text().join();
    } catch (CompletionException e) {
      RillException error = (RillException) e.getCause();        // one type, one ErrorKind for every provider
      System.err.println(error.kind() + " retryable=" + error.retryable() + " status="
          + error.httpStatus() + ": " + error.getMessage());
      return error.partial().text();                             // the text that arrived before the failure
    }
    // end::errors[]
  }
}
