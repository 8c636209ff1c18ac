package dev.rill.opentelemetry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rill.testkit.fixtures.OpenAiWire;
import dev.rill.api.ChatRequest;
import dev.rill.runtime.Rill;
import dev.rill.testkit.server.WireServer;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import org.junit.jupiter.api.Test;

/** The page's OpenTelemetry snippets run: discovery finds the OpenAI plugin, the key comes from a system property. */
class OpenTelemetrySnippetsTest {

  @Test
  void theSnippetsRecordSpans() {
    InMemorySpanExporter spans = InMemorySpanExporter.create();
    System.setProperty("rill.provider.openai.api-key", "sk-test");
    try (WireServer server = WireServer.start();
        OpenTelemetrySdk sdk = OpenTelemetrySdk.builder().setTracerProvider(
            SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spans)).build()).build();
        Rill rill = OpenTelemetrySnippets.client(sdk, server.baseUri().toString())) {
      server.enqueue(OpenAiWire.hello());
      server.enqueue(OpenAiWire.hello());
      ChatRequest request = ChatRequest.builder("openai:gpt-4o-mini").user("Say hello").build();
      assertThat(rill.call(request).text()).isEqualTo("Hello!");
      assertThat(OpenTelemetrySnippets.withContent(rill, sdk, request)).isEqualTo("Hello!");
      // one span per call: a call's own options replace the client's, so the second call has one listener
      assertThat(spans.getFinishedSpanItems()).hasSize(2);
      assertThat(spans.getFinishedSpanItems().get(1).getAttributes().asMap().keySet().toString())
          .contains("gen_ai.input.messages");
    } finally {
      System.clearProperty("rill.provider.openai.api-key");
    }
  }
}
