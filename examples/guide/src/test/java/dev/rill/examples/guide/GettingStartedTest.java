package dev.rill.examples.guide;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rill.testkit.golden.Golden;
import org.junit.jupiter.api.Test;

/** README.md's and docs/getting-started.md's code, run against the loopback replay. */
class GettingStartedTest {
  private static final Golden TEXT = Loopback.golden("openai", "text-usage");

  @Test
  void theFiveLinesPrintTheAnswerThenItsFinishReasonAndUsage() throws Exception {
    try (Loopback loopback = new Loopback().replay("openai", "text-usage")) {
      Console.Run<Void> run = Console.capture(() -> {
        FiveLines.main(new String[0]);
        return null;
      });

      assertThat(run.out()).startsWith(TEXT.expect().text() + "\n")
          .contains("STOP").contains("inputTokens=14").contains("outputTokens=34");
      assertThat(loopback.requestBody(0)).contains("\"model\":\"gpt-4o-mini\"").contains("Why is the sky blue?")
          .contains("\"stream\":true");
      assertThat(loopback.requests().get(0).header("authorization")).isEqualTo("Bearer " + Loopback.KEY);
    }
  }

  @Test
  void aLocalServerIsReachedThroughTheBaseUrlOnTheClientBuilder() {
    try (Loopback loopback = new Loopback().replay("openai", "text-usage")) {
      String answer = LocalServer.ask(loopback.base + "/v1");

      assertThat(answer).isEqualTo(TEXT.expect().text());
      assertThat(loopback.requests().get(0).path()).isEqualTo("/v1/chat/completions");
      assertThat(loopback.requestBody(0)).contains("\"model\":\"my-model\"");
    }
  }

  @Test
  void helloPrintsTheAnswerAndItsFinishReason() throws Exception {
    try (Loopback loopback = new Loopback().replay("openai", "text-usage")) {
      Console.Run<Void> run = Console.capture(() -> {
        Hello.main(new String[] {"Why", "is", "the", "sky", "blue?"});
        return null;
      });

      assertThat(run.out()).isEqualTo(TEXT.expect().text() + "\n[STOP, " + TEXT.expect().usage() + "]\n");
      assertThat(loopback.requestBody(0)).contains("\"content\":\"Why is the sky blue?\"");
    }
  }
}
