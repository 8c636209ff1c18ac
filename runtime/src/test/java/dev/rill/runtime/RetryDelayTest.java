package dev.rill.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rill.api.ChatRequest;
import dev.rill.api.ErrorKind;
import dev.rill.api.RillException;
import dev.rill.testkit.server.Response;
import dev.rill.testkit.server.WireServer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A server's retry delay is honoured only when it is one: a negative one leaves the back-off in charge. */
class RetryDelayTest {

  @Test
  void aNegativeRetryAfterIsIgnoredAndTheBackOffApplies() {
    List<Duration> delays = new CopyOnWriteArrayList<>();
    StreamListener listener = new StreamListener() {
      @Override public void onRetry(CallInfo call, int next, Duration delay, RillException e) { delays.add(delay); }
    };
    try (WireServer server = WireServer.start();
        Rill rill = Rill.builder().discover(false).register(new LineProvider())
            .baseUrl("line", server.baseUri().toString()).apiKey("line", "k1").build()) {
      for (int i = 0; i < 3; i++) {
        server.enqueue(Response.json(503, "{}").header("Retry-After", "-5"));
      }
      StreamOptions options = StreamOptions.enhancedBuilder().listener(listener)
          .retry(RetryPolicy.attempts(3).withBackoff(Duration.ofMillis(40), Duration.ofMillis(80))).build();
      RillException e;
      try {
        rill.stream(ChatRequest.builder("line:m").user("hi").build(), options).collect()
            .orTimeout(20, TimeUnit.SECONDS).join();
        throw new AssertionError("the stream did not fail");
      } catch (CompletionException x) {
        e = (RillException) x.getCause();
      }
      assertThat(e.kind()).isEqualTo(ErrorKind.OVERLOADED);
      assertThat(e.retryAfter()).as("-5 is no delay at all, not a delay of zero").isEmpty();
      assertThat(e.attempts()).isEqualTo(3);
      assertThat(delays).hasSize(2).allSatisfy(d -> assertThat(d).isPositive());
    }
  }
}
