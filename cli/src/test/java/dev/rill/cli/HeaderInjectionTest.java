package dev.rill.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rill.api.ChatRequest;
import dev.rill.api.ErrorKind;
import dev.rill.api.RillException;
import dev.rill.runtime.Rill;
import dev.rill.runtime.StreamOptions;
import dev.rill.testkit.server.RecordedRequest;
import dev.rill.testkit.server.Response;
import dev.rill.testkit.server.WireServer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * A CR or LF in anything that reaches the request head (a header value from the settings, the key, an option, the
 * model name) never splits it: for every built-in wire family, over a loopback server, a value that would inject a
 * header is refused with INVALID_REQUEST before anything is sent, or is encoded so the server sees no extra header.
 */
class HeaderInjectionTest {
  private static final List<String> FAMILIES = List.of("openai", "openai-responses", "anthropic", "gemini", "ollama",
      "cohere", "bedrock");
  private static final String INJECTION = "v\r\nX-Injected: 1";

  private static RillException failure(Rill rill, String spec) {
    try {
      rill.stream(ChatRequest.builder(spec).user("hi").build(), StreamOptions.basic()).collect().join();
      return null;
    } catch (CompletionException e) {
      return (RillException) e.getCause();
    }
  }

  private static Rill.Builder client(WireServer server, String provider, UnaryOperator<Rill.Builder> more) {
    return more.apply(Rill.builder().environment(name -> null).baseUrl(provider, server.baseUri() + "v1"));
  }

  @Test
  void aHeaderValueOrKeyWithALineBreakIsRefusedBeforeAnythingIsSent() {
    for (String provider : FAMILIES) {
      for (String where : List.of("header", "key", "lf-only")) {
        try (WireServer server = WireServer.start(); Rill rill = client(server, provider, b -> switch (where) {
          case "header" -> b.apiKey(provider, "sk-ok-0123456789").header(provider, "X-Custom", INJECTION);
          case "key" -> b.apiKey(provider, "sk-" + INJECTION);
          default -> b.apiKey(provider, "sk-ok-0123456789").header(provider, "X-Custom", "v\nX-Injected: 1");
        }).build()) {
          server.fallback(Response.sseData("[DONE]"));
          RillException e = failure(rill, provider + ":m");
          assertThat(e).as(provider + " " + where).isNotNull();
          assertThat(e.kind()).as(provider + " " + where + ": " + e.getMessage()).isEqualTo(ErrorKind.INVALID_REQUEST);
          assertThat(e.getMessage()).as(provider + " " + where).contains("line break").doesNotContain("X-Injected");
          assertThat(server.requestCount()).as(provider + " " + where + ": nothing sent").isZero();
        }
      }
    }
  }

  @Test
  void aModelNameWithALineBreakNeverSplitsTheRequestHead() {
    for (String provider : FAMILIES) {
      try (WireServer server = WireServer.start();
          Rill rill = client(server, provider, b -> b.apiKey(provider, "sk-ok-0123456789")).build()) {
        server.fallback(Response.sseData("[DONE]"));
        failure(rill, provider + ":m" + INJECTION);
        for (RecordedRequest r : server.requests()) {
          assertThat(r.headers().keySet()).as(provider).noneMatch(h -> h.equalsIgnoreCase("x-injected"));
          assertThat(r.path()).as(provider).doesNotContain("\r").doesNotContain("\n");
        }
      }
    }
  }
}
