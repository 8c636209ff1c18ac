package dev.rill.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rill.api.ChatRequest;
import dev.rill.api.ErrorKind;
import dev.rill.api.ProviderError;
import dev.rill.api.RillException;
import dev.rill.api.StreamingProvider;
import dev.rill.runtime.ProviderRegistry;
import dev.rill.runtime.RetryPolicy;
import dev.rill.runtime.Rill;
import dev.rill.runtime.StreamOptions;
import dev.rill.testkit.server.Response;
import dev.rill.testkit.server.WireServer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Every family says the same about a status the wire formats do not distinguish: a redirect (never followed, never
 * retried, "the base URL is probably wrong") and 402 Payment Required (QUOTA_EXHAUSTED). Every plugin on the cli's
 * class path is checked; the kit's reference plugin has its own test.
 */
class StatusAgreementTest {
  static final String LOCATION = "https://api.example.test/v1/chat/completions";

  static List<StreamingProvider> everyProvider() {
    List<StreamingProvider> all = ProviderRegistry.discover(StatusAgreementTest.class.getClassLoader()).all();
    assertThat(all).extracting(p -> p.info().family()).contains("openai-chat", "anthropic-messages", "gemini",
        "ollama", "cohere-v2", "bedrock-eventstream", "openai-responses");
    return all;
  }

  @Test
  void aRedirectIsInvalidRequestNamingTheLocationInEveryFamily() {
    List<String> problems = new ArrayList<>();
    for (StreamingProvider p : everyProvider()) {
      for (int status : new int[] {301, 302, 303, 307, 308}) {
        for (String body : new String[] {"", "<html>Moved</html>", "{\"error\":{\"message\":\"moved\",\"type\":\"x\"}}"}) {
          ProviderError e = p.classifyError(status, Map.of("location", LOCATION, "content-type", "text/html"),
              body.getBytes(StandardCharsets.UTF_8));
          if (!e.equals(ProviderError.redirect(status, Map.of("location", LOCATION)))) {
            problems.add(p.info().id() + " HTTP " + status + " body '" + body + "': " + e);
          }
        }
      }
    }
    assertThat(problems).isEmpty();
  }

  @Test
  void paymentRequiredIsQuotaExhaustedInEveryFamily() {
    String[] bodies = {"", "Payment Required", "{\"error\":{\"message\":\"Insufficient balance\"}}",
        "{\"message\":\"Please add a payment method\"}",
        "{\"error\":{\"code\":402,\"message\":\"billing\",\"status\":\"RESOURCE_EXHAUSTED\"}}"};
    List<String> problems = new ArrayList<>();
    for (StreamingProvider p : everyProvider()) {
      for (String body : bodies) {
        ProviderError e = p.classifyError(402, Map.of("content-type", "application/json"),
            body.getBytes(StandardCharsets.UTF_8));
        if (e.kind() != ErrorKind.QUOTA_EXHAUSTED) {
          problems.add(p.info().id() + " body '" + body + "': " + e.kind());
        }
      }
    }
    assertThat(problems).isEmpty();
  }

  /** The OpenAI and Responses plugins classified a 307 as SERVER, so enhanced mode sent the request three times. */
  @Test
  void aRedirectIsNotRetriedOverTheWire() {
    for (String id : new String[] {"openai", "openai-responses", "anthropic", "gemini", "ollama", "cohere"}) {
      try (WireServer server = WireServer.start();
          Rill rill = Rill.builder().baseUrl(id, server.baseUri() + "/v1").apiKey(id, "sk-test-0123456789").build()) {
        for (int i = 0; i < 3; i++) {
          server.enqueue(Response.status(307).header("Location", LOCATION).header("Content-Type", "text/html")
              .write("<html>moved</html>"));
        }
        StreamOptions options = StreamOptions.enhancedBuilder()
            .retry(RetryPolicy.attempts(3).withBackoff(Duration.ofMillis(5), Duration.ofMillis(5))).build();
        RillException e;
        try {
          rill.stream(ChatRequest.builder(id + ":some-model").user("hi").build(), options).collect()
              .orTimeout(20, TimeUnit.SECONDS).join();
          throw new AssertionError(id + ": the stream did not fail");
        } catch (CompletionException x) {
          e = (RillException) x.getCause();
        }
        assertThat(e.kind()).as(id).isEqualTo(ErrorKind.INVALID_REQUEST);
        assertThat(e.retryable()).as(id).isFalse();
        assertThat(e.httpStatus()).as(id).hasValue(307);
        assertThat(e.getMessage()).as(id).contains("base URL is probably wrong").contains(LOCATION);
        assertThat(server.requestCount()).as(id + ": requests sent").isEqualTo(1);
      }
    }
  }
}
