package dev.rill.examples.sse;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A Spring WebFlux application that relays a model's answer to a browser as server-sent events
 * ({@link ChatRelayController}). The Rill client comes from the starter, configured in {@code application.properties}
 * ({@code rill.providers.openai.api-key} and friends).
 */
@SpringBootApplication
public class SseRelayApplication {
  public static void main(String[] args) {
    SpringApplication.run(SseRelayApplication.class, args);
  }
}
