package dev.rill.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rill.api.ChatRequest;
import dev.rill.api.ErrorKind;
import dev.rill.api.RillException;
import dev.rill.api.TimeoutPhase;
import dev.rill.testkit.server.Response;
import dev.rill.testkit.server.WireServer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The connection pool, visible: a stream that must wait for a pooled connection is reported to the listeners, and
 * the wait has its own deadline and typed error ({@code TIMEOUT}, phase {@code POOL}) naming the setting to raise.
 */
class PoolTest {

  @Test
  void aStreamWaitingForAPooledConnectionIsReportedAndTimesOut() throws Exception {
    try (WireServer server = WireServer.start();
        Rill rill = Rill.builder().discover(false).register(new LineProvider())
            .baseUrl("line", server.baseUri().toString()).apiKey("line", "k")
            .maxConnections(4, 1).poolTimeout(Duration.ofMillis(500)).connectTimeout(Duration.ofMillis(500)).build()) {
      server.enqueue(Response.sse("data: t:holding\n\n").stallForever());
      ChatRequest request = ChatRequest.builder("line:m").user("hi").build();
      ChatStream first = rill.stream(request);
      CountDownLatch holding = new CountDownLatch(1);
      first.forEach(c -> holding.countDown());
      assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();

      List<PoolStats> waits = new CopyOnWriteArrayList<>();
      StreamOptions listening = StreamOptions.basicBuilder().listener(new StreamListener() {
        @Override public void onPoolWait(CallInfo call, PoolStats route) { waits.add(route); }
      }).build();
      RillException e = LifecycleTest.failure(rill.stream(request, listening));
      assertThat(e.kind()).isEqualTo(ErrorKind.TIMEOUT);
      assertThat(e.timeoutPhase()).contains(TimeoutPhase.POOL);
      assertThat(e.getMessage()).contains("maxConnections").contains("poolTimeout");
      assertThat(waits).singleElement().satisfies(s -> {
        assertThat(s.leased()).isEqualTo(1);
        assertThat(s.max()).isEqualTo(1);
      });
      first.cancel();
    }
  }
}
