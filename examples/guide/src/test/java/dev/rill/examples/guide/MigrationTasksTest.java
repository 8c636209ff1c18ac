package dev.rill.examples.guide;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rill.api.ToolCall;
import dev.rill.api.Usage;
import dev.rill.runtime.Rill;
import dev.rill.testkit.golden.Golden;
import dev.rill.testkit.server.Response;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Rill side of the three migration guides (the same five tasks), run against the loopback replay. */
class MigrationTasksTest {
  private static final Golden TEXT = Loopback.golden("openai", "text-usage");

  @Test
  void streamText() throws Exception {
    try (Loopback loopback = new Loopback(); Rill rill = loopback.client()) {
      loopback.replay("openai", "text-usage");
      Console.Run<String> run = Console.capture(() -> Tasks.streamText(rill));
      assertThat(run.out()).isEqualTo(TEXT.expect().text()).isEqualTo(run.result());
    }
  }

  @Test
  void tools() throws Exception {
    try (Loopback loopback = new Loopback(); Rill rill = loopback.client()) {
      loopback.replay("openai", "single-tool-call");
      Console.Run<List<ToolCall>> run = Console.capture(() -> Tasks.tools(rill));
      assertThat(run.result()).extracting(ToolCall::name).containsExactly("get_weather");
      assertThat(run.out()).isEqualTo("call_Wq8fT3kLmN2pR5sV7xY9zA1b get_weather "
          + "{\"city\":\"Paris\",\"country\":\"FR\",\"unit\":\"celsius\"}\n");
      assertThat(loopback.requestBody(0)).contains("\"tools\"").contains("\"required\":[\"city\"]");
    }
  }

  @Test
  void usage() throws Exception {
    try (Loopback loopback = new Loopback(); Rill rill = loopback.client()) {
      loopback.replay("openai", "text-usage");
      Console.Run<Usage> run = Console.capture(() -> Tasks.usage(rill));
      assertThat(run.out()).isEqualTo("14 in, 34 out, 0 reasoning, 0 cached\n");
      assertThat(loopback.requestBody(0)).contains("\"include_usage\":true");
    }
  }

  @Test
  void cancel() {
    try (Loopback loopback = new Loopback(); Rill rill = loopback.client()) {
      loopback.replaySlowly(12, Duration.ofSeconds(30));
      String text = Tasks.cancel(rill);
      assertThat(text.length()).isBetween(40, 80);
      assertThat(TEXT.expect().text()).startsWith(text);
      assertThat(loopback.server.awaitClientDisconnects(1, Duration.ofSeconds(10))).isTrue();
    }
  }

  @Test
  void errors() throws Exception {
    try (Loopback loopback = new Loopback(); Rill rill = loopback.client()) {
      loopback.server.enqueue(Response.json(500, "{\"error\":{\"message\":\"The server had an error\","
          + "\"type\":\"server_error\"}}"));
      Console.Run<String> run = Console.capture(() -> Tasks.errors(rill));
      assertThat(run.result()).isEmpty();
      assertThat(run.err()).startsWith("SERVER retryable=true status=OptionalInt[500]: ");
    }
  }
}
