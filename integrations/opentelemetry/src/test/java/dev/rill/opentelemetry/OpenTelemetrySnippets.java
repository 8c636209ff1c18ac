package dev.rill.opentelemetry;

import dev.rill.api.ChatRequest;
import dev.rill.runtime.Rill;
import dev.rill.runtime.StreamOptions;
import io.opentelemetry.api.OpenTelemetry;

/** The OpenTelemetry snippets of {@code docs/integrations.md}, compiled and run by {@code OpenTelemetrySnippetsTest}. */
final class OpenTelemetrySnippets {
  private OpenTelemetrySnippets() {}

  static Rill client(OpenTelemetry openTelemetry, String baseUrl) {
    // snippet: opentelemetry
    RillTelemetry telemetry = RillTelemetry.create(openTelemetry); // e.g. GlobalOpenTelemetry.get()
    Rill rill = Rill.builder()
        .options(StreamOptions.enhancedBuilder().listener(telemetry).build()) // basic mode works the same
        .baseUrl("openai", baseUrl)
        .build();
    // end
    return rill;
  }

  static String withContent(Rill rill, OpenTelemetry openTelemetry, ChatRequest request) {
    // snippet: opentelemetry-content
    RillTelemetry withContent = RillTelemetry.builder(openTelemetry).captureContent(true).build();
    String text = rill.stream(request, StreamOptions.basicBuilder().listener(withContent).build()).await().text();
    // end
    return text;
  }
}
