package dev.rill.examples.guide;

import dev.rill.api.ChatRequest;
import dev.rill.api.ChatResponse;
import dev.rill.api.StreamChunk;
import dev.rill.runtime.ChunkIterator;
import dev.rill.runtime.Rill;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.stream.Stream;

/** The three ways to consume a {@code ChatStream}: a callback, a blocking iterator or Java stream, a subscriber. */
public final class ConsumingStreams {
  private ConsumingStreams() {}

  /**
   * A callback per chunk, on the delivering thread; the future completes with the fold.
   *
   * @param rill the client
   * @param request the request
   * @return the folded response
   */
  public static ChatResponse callback(Rill rill, ChatRequest request) {
    // tag::callback[]
    CompletableFuture<ChatResponse> done = rill.stream(request)
        .forEach(chunk -> System.out.print(chunk.content()));   // runs on an I/O thread: never block here
    ChatResponse response = done.join();                         // the fold: text, tool calls, usage, finish
    // end::callback[]
    return response;
  }

  /**
   * A blocking iterator on the calling thread; closing it early cancels the call.
   *
   * @param rill the client
   * @param request the request
   * @return the text read
   */
  public static String iterator(Rill rill, ChatRequest request) {
    StringBuilder text = new StringBuilder();
    // tag::iterator[]
    try (ChunkIterator chunks = rill.stream(request).iterator()) {
      while (chunks.hasNext()) {                                 // waits; throws the RillException on failure
        StreamChunk chunk = chunks.next();
        text.append(chunk.content());
      }
    }
    // end::iterator[]
    return text.toString();
  }

  /**
   * The chunks as a {@link Stream}; closing it cancels the call.
   *
   * @param rill the client
   * @param request the request
   * @return the text read
   */
  public static String javaStream(Rill rill, ChatRequest request) {
    // tag::java-stream[]
    try (Stream<StreamChunk> chunks = rill.stream(request).stream()) {
      return chunks.map(StreamChunk::content).reduce("", String::concat);
    }
    // end::java-stream[]
  }

  /**
   * A Reactive Streams subscriber: its demand drives the socket.
   *
   * @param rill the client
   * @param request the request
   * @return the text received, once the stream completed
   */
  public static String subscriber(Rill rill, ChatRequest request) {
    CompletableFuture<String> result = new CompletableFuture<>();
    // tag::subscriber[]
    rill.stream(request).subscribe(new Flow.Subscriber<StreamChunk>() {
      private final StringBuilder text = new StringBuilder();
      private Flow.Subscription subscription;

      @Override public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        s.request(16);                                           // nothing is sent before the first request
      }

      @Override public void onNext(StreamChunk chunk) {
        text.append(chunk.content());
        subscription.request(1);                                 // ask for more as you consume
      }

      @Override public void onError(Throwable error) {           // a RillException carrying the partial response
        result.completeExceptionally(error);
      }

      @Override public void onComplete() {
        result.complete(text.toString());
      }
    });
    // end::subscriber[]
    return result.join();
  }

  /**
   * Just the text, or just the fold.
   *
   * @param rill the client
   * @param request the request
   * @return the text
   */
  public static String textOnly(Rill rill, ChatRequest request) {
    // tag::text-and-collect[]
    String text = rill.stream(request).text().join();            // only the text
    ChatResponse response = rill.stream(request).collect().join(); // everything, folded (a second call)
    // end::text-and-collect[]
    return text.equals(response.text()) ? text : null;
  }
}
