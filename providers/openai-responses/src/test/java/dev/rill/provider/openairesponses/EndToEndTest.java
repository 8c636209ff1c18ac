package dev.rill.provider.openairesponses;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rill.api.ChatRequest;
import dev.rill.api.ChatResponse;
import dev.rill.runtime.Rill;
import dev.rill.testkit.golden.Golden;
import dev.rill.testkit.golden.GoldenTranscripts;
import dev.rill.testkit.server.RecordedRequest;
import dev.rill.testkit.server.Response;
import dev.rill.testkit.server.WireServer;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** One stream through the real runtime: HTTP transport, SSE framing, this plugin, a loopback server. */
class EndToEndTest {

  @Test
  void aGoldenStreamedOverHttpCollectsToItsExpectation() {
    Golden golden = GoldenTranscripts.load(OpenAiResponsesProvider.ID, "reasoning-summary",
        EndToEndTest.class.getClassLoader());
    try (WireServer server = WireServer.start();
        Rill rill = Rill.builder().discover(false).register(new OpenAiResponsesProvider())
            .baseUrl("openai-responses", server.baseUri().toString()).apiKey("openai-responses", "k")
            .idleTimeout(Duration.ofSeconds(10)).build()) {
      server.enqueue(Response.status(200).header("Content-Type", "text/event-stream").write(golden.wire()));
      ChatResponse response = rill.stream(ChatRequest.builder("openai-responses:o4-mini")
          .user(golden.prompt()).build()).collect().join();
      golden.expect().assertMatches(response);
      assertThat(response.provider()).isEqualTo("openai-responses");
      assertThat(response.model()).isEqualTo("o4-mini-2025-04-16");
      RecordedRequest sent = server.requests().get(0);
      assertThat(sent.method()).isEqualTo("POST");
      assertThat(sent.path()).endsWith("/responses");
      assertThat(sent.header("authorization")).isEqualTo("Bearer k");
      assertThat(sent.bodyText()).startsWith("{\"model\":\"o4-mini\",\"input\":[").contains("\"stream\":true");
    }
  }
}
