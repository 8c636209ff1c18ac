package dev.rill.examples.guide;

import dev.rill.api.ChatRequest;
import dev.rill.api.ChatResponse;
import dev.rill.runtime.Rill;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** Moving chunk delivery off the client's I/O threads, for consumer code that blocks or takes long. */
public final class Threads {
  private Threads() {}

  /**
   * Streams with delivery on an executor of the application's.
   *
   * @param request the request
   * @return the response
   */
  public static ChatResponse onExecutor(ChatRequest request) {
    // tag::delivery-executor[]
    ExecutorService delivery = Executors.newFixedThreadPool(4);  // on JDK 21+: newVirtualThreadPerTaskExecutor()
    try (Rill rill = Rill.builder().deliveryExecutor(delivery).build()) {
      return rill.stream(request)
          .forEach(chunk -> saveToDatabase(chunk.content()))    // may block: it runs on the executor
          .join();
    } finally {
      delivery.shutdown();                                       // the client does not own it
    }
    // end::delivery-executor[]
  }

  /** The thread the last {@link #saveToDatabase} ran on, for the test. */
  static volatile Thread lastSaver;

  private static void saveToDatabase(String text) {
    lastSaver = Thread.currentThread();
  }
}
