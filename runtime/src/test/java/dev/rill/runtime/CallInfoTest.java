package dev.rill.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rill.api.ChatRequest;
import dev.rill.api.ChatResponse;
import dev.rill.api.RillException;
import dev.rill.testkit.server.Response;
import dev.rill.testkit.server.WireServer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What listeners know, in basic and enhanced mode alike: the request's parameters and the server it went to. */
class CallInfoTest {
  WireServer server;
  Rill rill;
  final List<String> seen = new CopyOnWriteArrayList<>();
  final List<CallInfo> infos = new CopyOnWriteArrayList<>();

  final StreamListener listener = new StreamListener() {
    @Override public void onStart(CallInfo call) { infos.add(call); seen.add("start " + call.server()); }
    @Override public void onRetry(CallInfo call, int next, Duration delay, RillException cause) {
      infos.add(call);
      seen.add("retry " + call.attempt() + " " + call.server().port());
    }
    @Override public void onComplete(CallInfo call, ChatResponse r) {
      infos.add(call);
      seen.add("complete " + call.attempt() + " " + call.server().address() + " " + r.model() + " " + r.responseId());
    }
    @Override public void onError(CallInfo call, RillException e) {
      infos.add(call);
      seen.add("error " + call.server());
    }
  };

  @BeforeEach
  void start() {
    server = WireServer.start();
    rill = Rill.builder().discover(false).register(new LineProvider())
        .baseUrl("line", server.baseUri().toString()).apiKey("line", "k1").build();
  }

  @AfterEach
  void stop() {
    rill.close();
    server.close();
  }

  static ChatRequest request() {
    return ChatRequest.builder("line:model-a").user("hi").temperature(0.25).topP(0.9).maxTokens(77).stop("END")
        .build();
  }

  @ParameterizedTest
  @ValueSource(strings = {"basic", "enhanced"})
  void listenersSeeTheRequestParametersAndTheServerOfTheAttempt(String mode) {
    StreamOptions options = (mode.equals("basic") ? StreamOptions.basicBuilder() : StreamOptions.enhancedBuilder())
        .listener(listener).build();
    server.enqueue(Response.sse("data: m:model-a-2026\n\n", "data: t:ok\n\n", "data: f:stop\n\n", "data: [DONE]\n\n"));

    rill.stream(request(), options).await();

    assertThat(seen).containsExactly("start null",
        "complete 1 127.0.0.1 model-a-2026 null");
    for (CallInfo info : infos) {
      assertThat(info.provider()).isEqualTo("line");
      assertThat(info.model()).isEqualTo("model-a");
      assertThat(info.request().temperature()).isEqualTo(0.25);
      assertThat(info.request().topP()).isEqualTo(0.9);
      assertThat(info.request().maxTokens()).isEqualTo(77);
      assertThat(info.request().stop()).containsExactly("END");
    }
    assertThat(infos.get(1).server()).isEqualTo(new CallInfo.Server("127.0.0.1", server.port()));
    assertThat(infos.get(1).toString()).doesNotContain("hi").contains("127.0.0.1:" + server.port());
  }

  @ParameterizedTest
  @ValueSource(strings = {"basic", "enhanced"})
  void aRetryIsReportedWithTheServerItWasSentTo(String mode) {
    StreamOptions options = (mode.equals("basic") ? StreamOptions.basicBuilder() : StreamOptions.enhancedBuilder())
        .retry(RetryPolicy.attempts(2).withBackoff(Duration.ofMillis(5), Duration.ofMillis(5)))
        .listener(listener).build();
    server.enqueue(Response.json(503, "{\"error\":\"busy\"}"));
    server.enqueue(Response.sse("data: t:ok\n\n", "data: [DONE]\n\n"));

    rill.stream(request(), options).await();

    assertThat(seen).containsExactly("start null", "retry 1 " + server.port(),
        "complete 2 127.0.0.1 model-a null");
  }

  @ParameterizedTest
  @ValueSource(strings = {"basic", "enhanced"})
  void aCallThatFailsBeforeSendingHasNoServer(String mode) {
    Rill keyless = Rill.builder().discover(false).register(new LineProvider())
        .baseUrl("line", server.baseUri().toString()).environment(name -> null).build();
    StreamOptions options = (mode.equals("basic") ? StreamOptions.basicBuilder() : StreamOptions.enhancedBuilder())
        .listener(listener).build();
    try (keyless) {
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> keyless.stream(request(), options).await())
          .isInstanceOf(RillException.class);
    }
    assertThat(seen).containsExactly("start null", "error null");
  }
}
