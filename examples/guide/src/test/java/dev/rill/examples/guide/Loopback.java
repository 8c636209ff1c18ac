package dev.rill.examples.guide;

import dev.rill.runtime.Rill;
import dev.rill.testkit.golden.Golden;
import dev.rill.testkit.golden.GoldenTranscripts;
import dev.rill.testkit.server.RecordedRequest;
import dev.rill.testkit.server.Response;
import dev.rill.testkit.server.WireServer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * A loopback {@link WireServer} standing in for every provider the guides call: golden transcripts are replayed as
 * the responses, and the system properties {@code rill.provider.<id>.base-url} and {@code .api-key} point
 * {@code Rill.create()} and plain builders at it, so a snippet runs unchanged.
 */
final class Loopback implements AutoCloseable {
  static final String KEY = "sk-guide-test-key-0123456789";
  private static final List<String> PROVIDERS = List.of("openai", "anthropic", "openai-compatible");

  final WireServer server = WireServer.start();
  final String base;

  Loopback() {
    String uri = server.baseUri().toString();
    base = uri.endsWith("/") ? uri.substring(0, uri.length() - 1) : uri;
    for (String id : PROVIDERS) {
      System.setProperty("rill.provider." + id + ".base-url", base);
      if (!id.equals("openai-compatible")) {
        System.setProperty("rill.provider." + id + ".api-key", KEY);
      }
    }
  }

  /** A client as a user builds one; the system properties send it here. */
  Rill client() {
    return Rill.create();
  }

  /** The golden transcript {@code provider/name}. */
  static Golden golden(String provider, String name) {
    return GoldenTranscripts.load(provider, name, Loopback.class.getClassLoader());
  }

  /** Queues the golden transcript {@code provider/name} as the next response, whole. */
  Loopback replay(String provider, String name) {
    Golden golden = golden(provider, name);
    server.enqueue(Response.status(200).header("Content-Type", golden.framing().mediaType()).write(golden.wire()));
    return this;
  }

  /**
   * Queues {@code openai/text-usage} with a pause after its first {@code events} events (an answer still streaming).
   */
  Loopback replaySlowly(int events, Duration pause) {
    String[] parts = golden("openai", "text-usage").wireText().split("(?<=\n\n)");
    Response r = Response.status(200).header("Content-Type", "text/event-stream");
    for (int i = 0; i < parts.length; i++) {
      r = r.write(parts[i]);
      if (i == events - 1) {
        r = r.pause(pause);
      }
    }
    server.enqueue(r);
    return this;
  }

  /** The text of the request number {@code index} (0-based) the server received. */
  String requestBody(int index) {
    return new String(requests().get(index).body(), StandardCharsets.UTF_8);
  }

  List<RecordedRequest> requests() {
    return server.requests();
  }

  @Override
  public void close() {
    for (String id : PROVIDERS) {
      System.clearProperty("rill.provider." + id + ".base-url");
      System.clearProperty("rill.provider." + id + ".api-key");
    }
    server.close();
  }
}
