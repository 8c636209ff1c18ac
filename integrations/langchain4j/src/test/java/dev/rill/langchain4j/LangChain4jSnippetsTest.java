package dev.rill.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.data.message.AiMessage;
import dev.rill.testkit.golden.GoldenTranscripts;
import dev.rill.testkit.server.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Runs {@link LangChain4jSnippets} (the LangChain4j code of {@code docs/integrations.md}) against a loopback provider. */
class LangChain4jSnippetsTest {
  Loopback loopback;

  @BeforeEach
  void start() {
    loopback = new Loopback();
  }

  @AfterEach
  void stop() {
    loopback.close();
  }

  @Test
  void streaming() throws Exception {
    loopback.server.enqueue(Loopback.replay(GoldenTranscripts.load("anthropic", "extended-thinking")));
    StringBuilder shown = new StringBuilder();
    AiMessage answer = LangChain4jSnippets.streaming(loopback.rill, shown);
    assertThat(answer.text()).contains("21");
    assertThat(answer.thinking()).isNotEmpty();
    assertThat(shown.toString()).startsWith("[thinking] ").endsWith(answer.text());
  }

  @Test
  void blocking() {
    loopback.server.enqueue(Loopback.replay(GoldenTranscripts.load("openai", "text-usage")));
    loopback.server.enqueue(Response.json(429, "{\"error\":{\"message\":\"slow down\",\"type\":\"requests\"}}")
        .header("Retry-After", "2"));
    StringBuilder log = new StringBuilder();
    String answer = LangChain4jSnippets.blocking(loopback.rill, log);
    assertThat(answer).isEqualTo(GoldenTranscripts.load("openai", "text-usage").expect().text());
    assertThat(log.toString()).isEqualTo("retry after PT2S");
  }
}
