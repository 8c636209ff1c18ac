package dev.rill.benchmarks;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Iterator;
import java.util.stream.Stream;

/**
 * The JDK baseline: {@code java.net.http.HttpClient} with {@code BodyHandlers.ofLines()}, a Jackson streaming
 * parse of each {@code data:} line on the calling thread.
 */
final class JdkLinesClient implements BenchClient {
  private static final String BODY = "{\"model\":\"" + MODEL + "\",\"messages\":[{\"role\":\"user\",\"content\":\""
      + PROMPT + "\"}],\"stream\":true,\"stream_options\":{\"include_usage\":true}}";

  private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final HttpRequest request;

  JdkLinesClient(URI base) {
    this.request = HttpRequest.newBuilder(base.resolve("chat/completions"))
        .header("Authorization", "Bearer " + API_KEY)
        .header("Content-Type", "application/json")
        .header("Accept", "text/event-stream")
        .POST(HttpRequest.BodyPublishers.ofString(BODY))
        .build();
  }

  @Override
  public String stream(Runnable firstChunk) throws Exception {
    HttpResponse<Stream<String>> response = client.send(request, HttpResponse.BodyHandlers.ofLines());
    if (response.statusCode() != 200) {
      throw new IllegalStateException("HTTP " + response.statusCode());
    }
    StringBuilder text = new StringBuilder(8192);
    try (Stream<String> lines = response.body()) {
      Iterator<String> it = lines.iterator();
      while (it.hasNext()) {
        String line = it.next();
        if (!line.startsWith("data:")) {
          continue;
        }
        String data = line.startsWith("data: ") ? line.substring(6) : line.substring(5);
        if (data.equals("[DONE]")) {
          break;
        }
        boolean empty = text.length() == 0;
        if (ChunkText.append(data, text) > 0 && empty) {
          firstChunk.run();
        }
      }
      while (it.hasNext()) {
        it.next(); // drain to the end of the body so the connection is reused
      }
    }
    return text.toString();
  }

  @Override
  public void close() {
    // java.net.http.HttpClient has no close() before JDK 21; its threads are daemons.
  }
}
