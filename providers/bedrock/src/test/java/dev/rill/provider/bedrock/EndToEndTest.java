package dev.rill.provider.bedrock;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rill.api.ChatRequest;
import dev.rill.api.ChatResponse;
import dev.rill.api.ErrorKind;
import dev.rill.api.RillException;
import dev.rill.runtime.Rill;
import dev.rill.testkit.golden.Golden;
import dev.rill.testkit.golden.GoldenTranscripts;
import dev.rill.testkit.server.RecordedRequest;
import dev.rill.testkit.server.Response;
import dev.rill.testkit.server.WireServer;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Bedrock plugin through the whole stack: the runtime, HttpClient 5, the event-stream framer and a loopback server. */
class EndToEndTest {

  private static final String EVENT_STREAM = "application/vnd.amazon.eventstream";

  private WireServer server;
  private Rill rill;

  @BeforeEach
  void start() {
    server = WireServer.start();
    rill = Rill.builder().discover(false).register(new BedrockProvider())
        .baseUrl("bedrock", server.baseUri().toString()).apiKey("bedrock", "test-token")
        .idleTimeout(Duration.ofSeconds(10)).build();
  }

  @AfterEach
  void stop() {
    rill.close();
    server.close();
  }

  private static ChatRequest requestFor(Golden g) {
    return ChatRequest.builder("bedrock:" + g.model()).user(g.prompt()).build();
  }

  @Test
  void aGoldenBinaryStreamsToItsExpectation() {
    Golden g = GoldenTranscripts.load("bedrock", "tool-use");
    server.enqueue(Response.status(200).header("Content-Type", EVENT_STREAM).write(g.wire()));
    ChatResponse response = rill.stream(requestFor(g)).collect().orTimeout(10, TimeUnit.SECONDS).join();
    assertThat(g.expect().mismatches(response)).isEmpty();
    RecordedRequest sent = server.requests().get(0);
    assertThat(sent.method()).isEqualTo("POST");
    assertThat(sent.path()).isEqualTo("/model/anthropic.claude-3-5-sonnet-20240620-v1%3A0/converse-stream");
    assertThat(sent.header("authorization")).isEqualTo("Bearer test-token");
    assertThat(sent.header("accept")).isEqualTo(EVENT_STREAM);
    assertThat(sent.bodyText()).isEqualTo("{\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":"
        + "\"What is the most popular song on WZPZ?\"}]}]}");
  }

  @Test
  void everyGoldenSplitIntoSmallWritesStreamsToItsExpectation() {
    for (Golden g : GoldenTranscripts.list("bedrock")) {
      java.util.List<byte[]> parts = new java.util.ArrayList<>();
      for (int i = 0; i < g.wire().length; i += 37) {
        parts.add(java.util.Arrays.copyOfRange(g.wire(), i, Math.min(g.wire().length, i + 37)));
      }
      server.enqueue(Response.status(200).header("Content-Type", EVENT_STREAM).writeEach(parts, Duration.ZERO));
      try {
        ChatResponse r = rill.stream(requestFor(g)).collect().orTimeout(10, TimeUnit.SECONDS).join();
        assertThat(g.expect().mismatches(r)).as(g.name()).isEmpty();
      } catch (CompletionException e) {
        assertThat(e.getCause()).as(g.name()).isInstanceOf(RillException.class);
        assertThat(g.expect().mismatches((RillException) e.getCause())).as(g.name()).isEmpty();
      }
    }
  }

  @Test
  void anHttpErrorIsClassifiedFromTheErrorTypeHeader() {
    server.enqueue(Response.json(429, "{\"message\":\"Too many requests, please wait before trying again.\"}")
        .header("x-amzn-ErrorType", "ThrottlingException:http://internal.amazon.com/coral/com.amazon.bedrock/"));
    CompletionException e = org.assertj.core.api.Assertions.catchThrowableOfType(CompletionException.class, () ->
        rill.stream(ChatRequest.builder("bedrock:amazon.nova-micro-v1:0").user("x").build()).collect()
            .orTimeout(10, TimeUnit.SECONDS).join());
    RillException cause = (RillException) e.getCause();
    assertThat(cause.kind()).isEqualTo(ErrorKind.RATE_LIMITED);
    assertThat(cause.providerCode()).isEqualTo("ThrottlingException");
    assertThat(cause.getMessage()).doesNotContain("test-token");
  }
}
