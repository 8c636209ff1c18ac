package dev.rill.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rill.api.ChatRequest;
import dev.rill.api.ErrorKind;
import dev.rill.api.RillException;
import dev.rill.runtime.Rill;
import dev.rill.runtime.StreamOptions;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The plain-http rule with real plugins: a credential is never sent over http to a host other than this machine
 * (refused, typed, naming the opt-in), while a keyless local server on another machine (Ollama) is still called.
 * 192.0.2.1 (TEST-NET-1) never answers, so "called" shows as a connect timeout or a transport error.
 */
class PlainHttpRuleTest {
  private static final String REMOTE = "http://192.0.2.1:9/v1";
  private static final String KEY = "sk-plain-http-canary-0123456789";

  private static RillException failure(Rill rill, String spec) {
    try {
      rill.stream(ChatRequest.builder(spec).user("hi").build(), StreamOptions.basic()).collect()
          .orTimeout(20, TimeUnit.SECONDS).join();
      throw new AssertionError(spec + " succeeded against TEST-NET-1");
    } catch (CompletionException e) {
      return (RillException) e.getCause();
    }
  }

  @Test
  void aKeyIsRefusedOverPlainHttpToAnotherHostInEveryFamily() {
    for (String id : new String[] {"openai", "openai-responses", "anthropic", "gemini", "ollama", "cohere", "bedrock"}) {
      try (Rill rill = Rill.builder().environment(name -> null).baseUrl(id, REMOTE).apiKey(id, KEY)
          .connectTimeout(Duration.ofMillis(300)).build()) {
        RillException e = failure(rill, id + ":m");
        assertThat(e.kind()).as(id + ": " + e.getMessage()).isEqualTo(ErrorKind.INVALID_REQUEST);
        assertThat(e.getMessage()).as(id).contains("plain http").contains("allowPlainHttp(\"" + id + "\")")
            .doesNotContain(KEY);
      }
    }
  }

  @Test
  void aKeylessServerOnAnotherMachineIsStillCalledAndTheOptInSendsAKey() {
    try (Rill keyless = Rill.builder().environment(name -> null).baseUrl("ollama", REMOTE)
        .connectTimeout(Duration.ofMillis(300)).build()) {
      RillException e = failure(keyless, "ollama:llama3.2");
      assertThat(e.kind()).as(e.getMessage()).isIn(ErrorKind.TIMEOUT, ErrorKind.TRANSPORT);
    }
    try (Rill optedIn = Rill.builder().environment(name -> null).baseUrl("openai", REMOTE).apiKey("openai", KEY)
        .allowPlainHttp("openai").connectTimeout(Duration.ofMillis(300)).build()) {
      RillException e = failure(optedIn, "openai:gpt-4o-mini");
      assertThat(e.kind()).as(e.getMessage()).isIn(ErrorKind.TIMEOUT, ErrorKind.TRANSPORT);
    }
  }
}
