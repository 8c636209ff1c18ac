package dev.rill.examples.guide;

// tag::five-lines[]
import dev.rill.api.ChatRequest;
import dev.rill.api.ChatResponse;
import dev.rill.runtime.Rill;
// end::five-lines[]

/** The README's five lines: one streamed answer printed as it arrives, then its finish reason and usage. */
public final class FiveLines {
  private FiveLines() {}

  /**
   * Streams an answer from OpenAI (the key from {@code OPENAI_API_KEY} or {@code -Drill.provider.openai.api-key}).
   *
   * @param args unused
   */
  public static void main(String[] args) {
    // tag::five-lines[]
    try (Rill rill = Rill.create()) {                       // discovers the provider plugins on the class path
      ChatRequest request = ChatRequest.builder("openai:gpt-4o-mini").user("Why is the sky blue?").build();
      ChatResponse answer = rill.stream(request)             // cold: nothing is sent until you consume it
          .forEach(chunk -> System.out.print(chunk.content())).join();
      System.out.println("\n" + answer.finishReason() + " " + answer.usage());
    }
    // end::five-lines[]
  }
}
