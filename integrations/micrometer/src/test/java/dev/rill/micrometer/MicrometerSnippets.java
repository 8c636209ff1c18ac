package dev.rill.micrometer;

import dev.rill.runtime.Rill;
import dev.rill.runtime.StreamOptions;
import io.micrometer.observation.ObservationRegistry;

/** The Micrometer snippet of {@code docs/integrations.md}, compiled and run by {@code MicrometerSnippetsTest}. */
final class MicrometerSnippets {
  private MicrometerSnippets() {}

  static Rill client(ObservationRegistry observationRegistry, String baseUrl) {
    // snippet: micrometer
    RillObservation observation = RillObservation.create(observationRegistry); // Spring: the ObservationRegistry bean
    Rill rill = Rill.builder()
        .options(StreamOptions.enhancedBuilder().listener(observation).build())
        .baseUrl("openai", baseUrl)
        .build();
    // end
    return rill;
  }
}
