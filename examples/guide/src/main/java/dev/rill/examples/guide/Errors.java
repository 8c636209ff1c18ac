package dev.rill.examples.guide;

import dev.rill.api.ChatRequest;
import dev.rill.api.ChatResponse;
import dev.rill.api.RillException;
import dev.rill.runtime.ChunkIterator;
import dev.rill.runtime.Rill;
import java.time.Duration;
import java.util.concurrent.CompletionException;

/** Every failure is one {@link RillException}; a future wraps it in a {@link CompletionException}. */
public final class Errors {
  private Errors() {}

  /**
   * What a caller does with each kind of failure.
   *
   * @param rill the client
   * @param request the request
   * @return a line saying what happened
   */
  public static String handle(Rill rill, ChatRequest request) {
    // tag::errors[]
    try {
      ChatResponse response = rill.stream(request).collect().join();
      return response.text();
    } catch (CompletionException e) {                            // join() and get() wrap the stream's failure
      RillException error = (RillException) e.getCause();        // always a RillException
      String partial = error.partial().text();                   // whatever arrived before the failure
      return switch (error.kind()) {
        case RATE_LIMITED, OVERLOADED -> "busy; retry after "
            + error.retryAfter().map(Duration::toSeconds).orElse(1L) + " s";
        case AUTHENTICATION, PERMISSION -> "check the API key: " + error.getMessage(); // never contains the key
        case TIMEOUT -> "timed out (" + error.timeoutPhase().orElseThrow() + ") after: " + partial;
        case TRUNCATED, STREAM_INTERRUPTED -> "cut off after: " + partial;
        default -> error.kind() + ": " + error.getMessage();
      };
    }
    // end::errors[]
  }

  /**
   * The blocking views throw the {@code RillException} itself, unwrapped.
   *
   * @param rill the client
   * @param request the request
   * @return the text, or the error's kind
   */
  public static String unwrapped(Rill rill, ChatRequest request) {
    // tag::errors-unwrapped[]
    StringBuilder text = new StringBuilder();
    try (ChunkIterator chunks = rill.stream(request).iterator()) {
      chunks.forEachRemaining(chunk -> text.append(chunk.content()));
    } catch (RillException error) {                              // not wrapped: the iterator throws it as is
      return error.kind() + " after \"" + text + "\"";
    }
    // end::errors-unwrapped[]
    return text.toString();
  }
}
