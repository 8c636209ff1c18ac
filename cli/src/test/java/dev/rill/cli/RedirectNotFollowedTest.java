package dev.rill.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rill.api.ChatRequest;
import dev.rill.api.ErrorKind;
import dev.rill.api.RillException;
import dev.rill.runtime.Rill;
import dev.rill.runtime.StreamOptions;
import dev.rill.testkit.server.Response;
import dev.rill.testkit.server.WireServer;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A redirect is never followed, in any family: the server answers 302, 307 or 308 with a Location on the same
 * server (where a second, valid stream waits), and the call ends with INVALID_REQUEST after one request; the key is
 * never sent to the Location.
 */
class RedirectNotFollowedTest {
  private static final String KEY = "sk-redirect-canary-0123456789";

  @Test
  void noFamilyFollowsARedirectEvenToTheSameServer() throws Exception {
    for (String id : new String[] {"openai", "openai-responses", "anthropic", "gemini", "ollama", "cohere", "bedrock"}) {
      for (int status : new int[] {302, 307, 308}) {
        try (WireServer server = WireServer.start();
            Rill rill = Rill.builder().environment(name -> null).baseUrl(id, server.baseUri() + "v1")
                .apiKey(id, KEY).build()) {
          server.enqueue(Response.status(status).header("Location", server.url("/followed").toString())
              .header("Content-Type", "text/html").write("<html>moved</html>"));
          server.enqueue(Response.sseData("{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"followed\"}}]}",
              "[DONE]"));
          RillException e;
          try {
            rill.stream(ChatRequest.builder(id + ":some-model").user("hi").build(), StreamOptions.basic()).collect()
                .orTimeout(20, TimeUnit.SECONDS).join();
            throw new AssertionError(id + " " + status + ": the stream did not fail");
          } catch (CompletionException x) {
            e = (RillException) x.getCause();
          }
          assertThat(e.kind()).as(id + " " + status).isEqualTo(ErrorKind.INVALID_REQUEST);
          assertThat(e.httpStatus()).as(id).hasValue(status);
          assertThat(server.awaitRequests(2, Duration.ofMillis(200))).as(id + " " + status + ": followed").isFalse();
          assertThat(server.requestCount()).as(id + " " + status).isEqualTo(1);
          assertThat(server.requests().get(0).path()).as(id).doesNotContain("followed");
        }
      }
    }
  }
}
