package dev.rill.examples.guide;

import dev.rill.api.ChatRequest;
import dev.rill.api.ChatResponse;
import dev.rill.runtime.Interceptors;
import dev.rill.runtime.Rill;
import dev.rill.runtime.RetryPolicy;
import dev.rill.runtime.StreamOptions;
import java.time.Duration;

/** Basic mode (the default: no retry) and enhanced mode (retry, metadata, timing, warnings). */
public final class Modes {
  private Modes() {}

  /**
   * One call in enhanced mode.
   *
   * @param rill the client
   * @param request the request
   * @return the response, with its timing
   */
  public static ChatResponse enhancedCall(Rill rill, ChatRequest request) {
    // tag::enhanced[]
    ChatResponse response = rill.stream(request, StreamOptions.enhanced()).collect().join();
    System.out.println(response.timing().attempts() + " attempt(s), first chunk after "
        + response.timing().timeToFirstChunk().toMillis() + " ms; warnings " + response.warnings());
    // end::enhanced[]
    return response;
  }

  /**
   * A client whose calls are all enhanced, with two changes.
   *
   * @return the client
   */
  public static Rill enhancedClient() {
    // tag::enhanced-client[]
    Rill rill = Rill.builder()
        .options(StreamOptions.enhancedBuilder()
            .idleTimeout(Duration.ofSeconds(30))                 // silence once output started
            .fallback("anthropic:claude-sonnet-4-5")            // when openai fails before any output
            .build())
        .build();
    // end::enhanced-client[]
    return rill;
  }

  /**
   * Basic mode plus one built-in: retries, nothing else.
   *
   * @param rill the client
   * @param request the request
   * @return the response
   */
  public static ChatResponse basicWithRetry(Rill rill, ChatRequest request) {
    // tag::basic-retry[]
    StreamOptions basicWithRetry = StreamOptions.basicBuilder()
        .interceptor(Interceptors.retry(RetryPolicy.attempts(3)))
        .build();
    ChatResponse response = rill.stream(request, basicWithRetry).collect().join();
    // end::basic-retry[]
    return response;
  }
}
