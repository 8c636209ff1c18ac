package dev.rill.benchmarks;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * The transport prototype for the investigation: {@code java.net.http} with a byte-level {@code BodySubscriber}
 * (the floors' SSE splitter and Jackson pull parser) running on the client's own thread (a direct executor), so
 * no hand-off per event and no line Strings. The JDK client reads the socket in large buffers, not one HTTP chunk
 * per {@code read()}.
 */
final class JdkFloorClient implements BenchClient {
  private static final String BODY = "{\"model\":\"" + MODEL + "\",\"messages\":[{\"role\":\"user\",\"content\":\""
      + PROMPT + "\"}],\"stream\":true,\"stream_options\":{\"include_usage\":true}}";

  private final HttpClient client;
  private final HttpRequest request;

  JdkFloorClient(URI base, boolean directExecutor) {
    HttpClient.Builder b = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1);
    if (directExecutor) {
      b.executor(Runnable::run);
    }
    this.client = b.build();
    this.request = HttpRequest.newBuilder(base.resolve("chat/completions"))
        .header("Authorization", "Bearer " + API_KEY)
        .header("Content-Type", "application/json")
        .header("Accept", "text/event-stream")
        .POST(HttpRequest.BodyPublishers.ofString(BODY))
        .build();
  }

  @Override
  public String stream(Runnable firstChunk) throws Exception {
    HttpResponse<String> response = client.send(request, info -> new Subscriber(firstChunk));
    return response.body();
  }

  @Override
  public void close() {}

  private static final class Subscriber implements HttpResponse.BodySubscriber<String> {
    private final CompletableFuture<String> result = new CompletableFuture<>();
    private final StringBuilder text = new StringBuilder(8192);
    private final Runnable firstChunk;
    private final SseSplitter splitter;
    private boolean done;

    Subscriber(Runnable firstChunk) {
      this.firstChunk = firstChunk;
      this.splitter = new SseSplitter(this::onData);
    }

    private void onData(byte[] array, int offset, int length) {
      if (done) {
        return;
      }
      if (length == 6 && array[offset] == '[' && array[offset + 1] == 'D' && array[offset + 5] == ']') {
        done = true;
        return;
      }
      boolean empty = text.length() == 0;
      if (ChunkText.append(array, offset, length, text) > 0 && empty) {
        firstChunk.run();
      }
    }

    @Override
    public CompletionStage<String> getBody() {
      return result;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
      subscription.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
      for (ByteBuffer b : items) {
        splitter.feed(b);
      }
    }

    @Override
    public void onError(Throwable throwable) {
      result.completeExceptionally(throwable);
    }

    @Override
    public void onComplete() {
      result.complete(text.toString());
    }
  }
}
