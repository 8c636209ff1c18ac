package dev.rill.langchain4j;

import dev.rill.runtime.Rill;
import dev.rill.testkit.golden.Golden;
import dev.rill.testkit.server.Response;
import dev.rill.testkit.server.WireServer;
import java.util.List;

/** A loopback provider server and a Rill client that sends every provider's calls to it. */
final class Loopback implements AutoCloseable {
  static final String KEY = "sk-lc4j-test-key-0123456789";
  /** The providers whose goldens are replayed: one per wire family and its variants that ship transcripts. */
  static final List<String> PROVIDERS = List.of("openai", "openai-responses", "anthropic", "gemini", "vertex",
      "ollama", "cohere", "bedrock");

  final WireServer server = WireServer.start();
  final Rill rill;

  Loopback() {
    Rill.Builder b = Rill.builder();
    String base = server.baseUri().toString();
    for (String id : PROVIDERS) {
      b.baseUrl(id, base).apiKey(id, KEY);
    }
    b.option("vertex", "project", "rill-test");
    rill = b.build();
  }

  /** The golden's wire bytes as a provider would send them. */
  static Response replay(Golden g) {
    return Response.status(200).header("Content-Type", g.framing().mediaType()).write(g.wire());
  }

  boolean noLeasedConnections() throws InterruptedException {
    for (int i = 0; i < 100; i++) {
      if (rill.poolStats().leased() == 0) {
        return true;
      }
      Thread.sleep(20);
    }
    return false;
  }

  @Override
  public void close() {
    rill.close();
    server.close();
  }
}
