package dev.rill.examples.guide;

import dev.rill.api.ChatRequest;
import dev.rill.api.ChatResponse;
import dev.rill.api.ErrorKind;
import dev.rill.api.RillException;
import dev.rill.runtime.ChatStream;
import dev.rill.runtime.ChunkIterator;
import dev.rill.runtime.Rill;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** Stopping a call: {@code cancel()} from any thread, or closing a blocking view early. */
public final class Cancelling {
  private Cancelling() {}

  /**
   * Cancels a call once the first text arrived (a user pressed "stop").
   *
   * @param rill the client
   * @param request the request
   * @return what had arrived when the call was cancelled
   */
  public static ChatResponse stopButton(Rill rill, ChatRequest request) {
    // tag::cancel[]
    ChatStream stream = rill.stream(request);
    CompletableFuture<ChatResponse> answer = stream.forEach(chunk -> {
      System.out.print(chunk.content());
      if (!chunk.content().isEmpty()) {
        stream.cancel();                                         // from any thread; closes the connection once
      }
    });
    try {
      return answer.join();                                      // a stream that had already ended is unaffected
    } catch (CompletionException e) {
      RillException error = (RillException) e.getCause();        // kind CANCELLED
      if (error.kind() != ErrorKind.CANCELLED) {
        throw error;
      }
      return error.partial();                                    // what arrived before the cancel
    }
    // end::cancel[]
  }

  /**
   * Reads until {@code enough} characters arrived, then stops: closing the iterator cancels the call.
   *
   * @param rill the client
   * @param request the request
   * @param enough how many characters to read
   * @return the text read
   */
  public static String firstCharacters(Rill rill, ChatRequest request, int enough) {
    // tag::stop-early[]
    StringBuilder text = new StringBuilder();
    try (ChunkIterator chunks = rill.stream(request).iterator()) {
      while (text.length() < enough && chunks.hasNext()) {
        text.append(chunks.next().content());
      }
    }                                                            // close() cancels the rest of the call
    // end::stop-early[]
    return text.toString();
  }
}
