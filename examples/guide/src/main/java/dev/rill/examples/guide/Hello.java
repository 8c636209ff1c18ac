package dev.rill.examples.guide;

// tag::hello[]
import dev.rill.api.ChatRequest;
import dev.rill.api.ChatResponse;
import dev.rill.api.RillException;
import dev.rill.runtime.Rill;
import java.util.concurrent.CompletionException;

/** Asks a question given on the command line and prints the answer as it streams. */
public final class Hello {
  /**
   * Runs the program.
   *
   * @param args the question, in words
   */
  public static void main(String[] args) {
    String question = args.length > 0 ? String.join(" ", args) : "Why is the sky blue?";
    try (Rill rill = Rill.create()) {
      ChatRequest request = ChatRequest.builder("openai:gpt-4o-mini").user(question).build();
      ChatResponse answer = rill.stream(request)
          .forEach(chunk -> System.out.print(chunk.content()))
          .join();
      System.out.printf("%n[%s, %s]%n", answer.finishReason().kind(), answer.usage());
    } catch (CompletionException e) {
      RillException error = (RillException) e.getCause();
      System.err.println("\nfailed: " + error.getMessage());     // e.g. AUTHENTICATION when the key is missing
      System.exit(1);
    }
  }

  private Hello() {}
}
// end::hello[]
