package dev.rill.micrometer;

import static io.micrometer.observation.tck.TestObservationRegistryAssert.assertThat;

import dev.rill.testkit.fixtures.OpenAiWire;
import dev.rill.api.ChatRequest;
import dev.rill.runtime.Rill;
import dev.rill.testkit.server.WireServer;
import io.micrometer.observation.tck.TestObservationRegistry;
import org.junit.jupiter.api.Test;

/** The page's Micrometer snippet runs: discovery finds the OpenAI plugin, the key comes from a system property. */
class MicrometerSnippetsTest {

  @Test
  void theSnippetObservesACall() {
    TestObservationRegistry registry = TestObservationRegistry.create();
    System.setProperty("rill.provider.openai.api-key", "sk-test");
    try (WireServer server = WireServer.start(); Rill rill = MicrometerSnippets.client(registry, server.baseUri().toString())) {
      server.enqueue(OpenAiWire.hello());
      rill.call(ChatRequest.builder("openai:gpt-4o-mini").user("Say hello").build());
    } finally {
      System.clearProperty("rill.provider.openai.api-key");
    }
    assertThat(registry).hasObservationWithNameEqualTo("gen_ai.client.operation").that().hasBeenStopped();
  }
}
