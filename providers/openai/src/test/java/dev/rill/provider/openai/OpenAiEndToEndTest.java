package dev.rill.provider.openai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rill.api.ChatRequest;
import dev.rill.api.ChatResponse;
import dev.rill.api.ErrorKind;
import dev.rill.api.RillException;
import dev.rill.api.StreamChunk;
import dev.rill.runtime.ChatStream;
import dev.rill.runtime.Rill;
import dev.rill.testkit.golden.Golden;
import dev.rill.testkit.golden.GoldenTranscripts;
import dev.rill.testkit.server.RecordedRequest;
import dev.rill.testkit.server.Response;
import dev.rill.testkit.server.WireServer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The OpenAI plugin through the whole stack: the runtime, HttpClient 5 and a real loopback server. */
class OpenAiEndToEndTest {
  static final String KEY = "sk-e2e-test-key-1234567890";
  static final Duration WAIT = Duration.ofSeconds(10);

  WireServer server;
  Rill rill;

  @BeforeEach
  void start() {
    server = WireServer.start();
    rill = Rill.builder().discover(false).register(new OpenAiProvider())
        .baseUrl("openai", server.baseUri().toString()).apiKey("openai", KEY).build();
  }

  @AfterEach
  void stop() {
    rill.close();
    server.close();
  }

  static ChatRequest request() {
    return ChatRequest.builder("openai:gpt-4o-mini").user("hi").build();
  }

  Response replay(String golden) {
    Golden g = GoldenTranscripts.load("openai", golden);
    return Response.status(200).header("Content-Type", "text/event-stream").write(g.wire());
  }

  @Test
  void everyShippedGoldenStreamsThroughTheStackToItsExpectation() {
    List<Golden> goldens = GoldenTranscripts.list("openai");
    assertThat(goldens).hasSizeGreaterThanOrEqualTo(10);
    for (Golden g : goldens) {
      server.enqueue(Response.status(200).header("Content-Type", "text/event-stream").write(g.wire()));
      try {
        ChatResponse r = rill.stream(request()).collect().orTimeout(10, TimeUnit.SECONDS).join();
        assertThat(g.expect().mismatches(r)).as(g.name()).isEmpty();
      } catch (CompletionException e) {
        assertThat(e.getCause()).as(g.name()).isInstanceOf(RillException.class);
        assertThat(g.expect().mismatches((RillException) e.getCause())).as(g.name()).isEmpty();
      }
    }
    RecordedRequest sent = server.requests().get(0);
    assertThat(sent.path()).isEqualTo("/chat/completions");
    assertThat(sent.header("authorization")).isEqualTo("Bearer " + KEY);
    assertThat(sent.bodyText()).contains("\"stream\":true").contains("\"include_usage\":true");
    assertNoLeasedConnections();
  }

  @Test
  void textToolCallsAndUsage() {
    server.enqueue(replay("text-usage"));
    ChatResponse text = rill.stream(request()).collect().join();
    assertThat(text.text()).isNotEmpty();
    assertThat(text.usage()).isNotNull();
    assertThat(text.usage().inputTokens()).isPositive();

    server.enqueue(replay("parallel-tool-calls"));
    ChatResponse tools = rill.stream(request()).collect().join();
    assertThat(tools.toolCalls()).hasSize(2);
    assertThat(tools.toolCalls()).allSatisfy(c -> assertThat(c.arguments()).startsWith("{").endsWith("}"));
    assertThat(tools.finishReason().kind()).isEqualTo(dev.rill.api.FinishReason.Kind.TOOL_CALLS);
  }

  @Test
  void httpErrorsMapWithTheProvidersBodyAndRetryAfter() {
    server.enqueue(Response.json(401, "{\"error\":{\"message\":\"Incorrect API key provided: " + KEY
        + "\",\"type\":\"invalid_request_error\",\"code\":\"invalid_api_key\"}}"));
    server.enqueue(Response.json(429, "{\"error\":{\"message\":\"Rate limit reached\",\"type\":\"requests\","
        + "\"code\":\"rate_limit_exceeded\"}}").header("Retry-After", "20"));
    server.enqueue(Response.json(500, "{\"error\":{\"message\":\"The server had an error\",\"type\":\"server_error\"}}"));

    RillException auth = failure(rill.stream(request()));
    assertThat(auth.kind()).isEqualTo(ErrorKind.AUTHENTICATION);
    assertThat(auth.providerCode()).isEqualTo("invalid_api_key");
    assertThat(auth.getMessage()).doesNotContain(KEY);

    RillException limited = failure(rill.stream(request()));
    assertThat(limited.kind()).isEqualTo(ErrorKind.RATE_LIMITED);
    assertThat(limited.retryAfter()).contains(Duration.ofSeconds(20));
    assertThat(limited.retryable()).isTrue();

    RillException server500 = failure(rill.stream(request()));
    assertThat(server500.kind()).isEqualTo(ErrorKind.SERVER);
    assertThat(server500.httpStatus()).hasValue(500);
    assertNoLeasedConnections();
  }

  @Test
  void aMidStreamDisconnectKeepsThePartialText() {
    String first = "data: {\"id\":\"c1\",\"model\":\"gpt-4o-mini\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hel\"}}]}\n\n";
    String second = "data: {\"id\":\"c1\",\"model\":\"gpt-4o-mini\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"lo\"}}]}\n\n";
    server.enqueue(Response.sse(first, second).pause(Duration.ofMillis(100)).closeMidStream());
    RillException e = failure(rill.stream(request()));
    assertThat(e.kind()).isEqualTo(ErrorKind.STREAM_INTERRUPTED);
    assertThat(e.partial().text()).isEqualTo("Hello");
    assertNoLeasedConnections();
  }

  @Test
  void aSlowSubscriberIsThrottledByTcp() throws Exception {
    byte[] event = ("data: {\"id\":\"c1\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"" + "x".repeat(900)
        + "\"}}]}\n\n").getBytes(StandardCharsets.UTF_8);
    server.sendBufferSize(16 * 1024);
    server.enqueue(Response.status(200).header("Content-Type", "text/event-stream").repeat(event, 40_000));
    rill.close();
    rill = Rill.builder().discover(false).register(new OpenAiProvider()).baseUrl("openai", server.baseUri().toString())
        .apiKey("openai", KEY).socketReceiveBuffer(64 * 1024).build();
    CountDownLatch first = new CountDownLatch(1);
    List<StreamChunk> got = new CopyOnWriteArrayList<>();
    Flow.Subscription[] sub = new Flow.Subscription[1];
    rill.stream(request()).subscribe(new Flow.Subscriber<>() {
      @Override public void onSubscribe(Flow.Subscription s) { sub[0] = s; s.request(1); }
      @Override public void onNext(StreamChunk item) { got.add(item); first.countDown(); }
      @Override public void onError(Throwable t) {}
      @Override public void onComplete() {}
    });
    assertThat(first.await(10, TimeUnit.SECONDS)).isTrue();
    Thread.sleep(1500);
    long written = server.bytesWritten();
    assertThat(written).as("~40 MB offered, a bounded amount written").isLessThan(4L * 1024 * 1024);
    Thread.sleep(500);
    assertThat(server.bytesWritten() - written).as("and the server is blocked, not trickling").isLessThan(256 * 1024);
    assertThat(got).hasSize(1);
    sub[0].cancel();
    assertThat(server.awaitClientDisconnects(1, WAIT)).isTrue();
    assertNoLeasedConnections();
  }

  @Test
  void cancelBeforeTheFirstChunkAndMidStreamClosesTheConnection() throws Exception {
    server.enqueue(replay("text-usage").stallBeforeHeaders(Duration.ofSeconds(30)));
    ChatStream before = rill.stream(request());
    before.subscribe(new Flow.Subscriber<>() {
      @Override public void onSubscribe(Flow.Subscription s) { s.request(Long.MAX_VALUE); }
      @Override public void onNext(StreamChunk item) {}
      @Override public void onError(Throwable t) {}
      @Override public void onComplete() {}
    });
    assertThat(server.awaitRequests(1, WAIT)).isTrue();
    before.cancel();
    assertThat(server.awaitClientDisconnects(1, WAIT)).isTrue();

    String chunk = "data: {\"id\":\"c1\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"one\"}}]}\n\n";
    server.enqueue(Response.sse(chunk).stallForever());
    CountDownLatch got = new CountDownLatch(1);
    ChatStream mid = rill.stream(request());
    mid.forEach(c -> got.countDown());
    assertThat(got.await(10, TimeUnit.SECONDS)).isTrue();
    mid.cancel();
    assertThat(server.awaitClientDisconnects(2, WAIT)).isTrue();
    assertNoLeasedConnections();
  }

  static RillException failure(ChatStream stream) {
    try {
      stream.collect().orTimeout(20, TimeUnit.SECONDS).join();
    } catch (CompletionException e) {
      assertThat(e.getCause()).isInstanceOf(RillException.class);
      return (RillException) e.getCause();
    }
    throw new AssertionError("the stream did not fail");
  }

  void assertNoLeasedConnections() {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (rill.poolStats().leased() > 0 && System.nanoTime() < deadline) {
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    assertThat(rill.poolStats().leased()).as("leased connections").isZero();
  }
}
