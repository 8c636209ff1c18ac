package dev.rill.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rill.api.ChatRequest;
import dev.rill.api.HttpCall;
import dev.rill.testkit.server.Response;
import dev.rill.testkit.server.WireServer;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** What a {@link WireTap} hears, over a loopback server: the contract {@code rill record} is built on. */
class WireTapTest {
  private static final String KEY = "sk-wiretap-canary-0123456789";

  /** Records every call in order, as text. */
  static final class Log implements WireTap {
    final List<String> calls = new CopyOnWriteArrayList<>();
    final ByteArrayOutputStream body = new ByteArrayOutputStream();
    final CountDownLatch ended = new CountDownLatch(1);
    volatile HttpCall request;
    volatile Map<String, String> head;

    @Override public void onRequest(HttpCall call) {
      request = call;
      calls.add("request");
    }

    @Override public void onResponseHead(int status, Map<String, String> headers) {
      head = headers;
      calls.add("head " + status);
    }

    @Override public synchronized void onResponseBody(ByteBuffer bytes) {
      assertThat(bytes.isReadOnly()).isTrue();
      byte[] b = new byte[bytes.remaining()];
      bytes.get(b);
      body.writeBytes(b);
      calls.add("body");
    }

    @Override public void onEnd() {
      calls.add("end");
      ended.countDown();
    }
  }

  private static Rill client(WireServer server) {
    return Rill.builder().discover(false).register(new LineProvider()).baseUrl("line", server.baseUri().toString())
        .apiKey("line", KEY).build();
  }

  @Test
  void aStreamIsTappedInOrderWithCredentialHeadersMaskedBothWays() throws Exception {
    String wire = "data: t:Hel\n\ndata: t:lo\n\ndata: f:stop\n\ndata: [DONE]\n\n";
    try (WireServer server = WireServer.start(); Rill rill = client(server)) {
      server.enqueue(Response.status(200).header("Content-Type", "text/event-stream")
          .header("Set-Cookie", "session=" + KEY).header("X-Request-Id", "req-1")
          .writeEach(List.of(wire.substring(0, 12).getBytes(StandardCharsets.UTF_8),
              wire.substring(12).getBytes(StandardCharsets.UTF_8)), Duration.ofMillis(20)));
      Log tap = new Log();
      String text = rill.stream(ChatRequest.builder("line:m").user("hi").build(),
          StreamOptions.basicBuilder().wireTap(tap).build()).text().join();
      assertThat(text).isEqualTo("Hello");
      assertThat(tap.ended.await(5, TimeUnit.SECONDS)).isTrue();

      assertThat(server.takeRequest(Duration.ofSeconds(1)).header("authorization")).isEqualTo("Bearer " + KEY);
      assertThat(tap.request.headers()).containsEntry("Authorization", "***");
      assertThat(tap.request.bodyText()).isEqualTo("m|hi");
      assertThat(tap.head).containsEntry("set-cookie", "***").containsEntry("x-request-id", "req-1");
      assertThat(tap.body.toString(StandardCharsets.UTF_8)).isEqualTo(wire);
      assertThat(tap.calls.get(0)).isEqualTo("request");
      assertThat(tap.calls.get(1)).isEqualTo("head 200");
      assertThat(tap.calls.subList(2, tap.calls.size() - 1)).containsOnly("body").isNotEmpty();
      assertThat(tap.calls.get(tap.calls.size() - 1)).isEqualTo("end");
      assertThat(String.join(" ", tap.calls) + tap.request + tap.head).doesNotContain(KEY);
    }
  }

  @Test
  void anErrorBodyIsTappedAsReceivedAndTheEndComesOnce() throws Exception {
    String body = "{\"error\":{\"message\":\"bad key " + KEY + "\"}}";
    try (WireServer server = WireServer.start(); Rill rill = client(server)) {
      server.enqueue(Response.json(401, body));
      Log tap = new Log();
      ChatStream stream = rill.stream(ChatRequest.builder("line:m").user("hi").build(),
          StreamOptions.basicBuilder().wireTap(tap).build());
      assertThat(stream.collect()).failsWithin(Duration.ofSeconds(5));
      assertThat(tap.ended.await(5, TimeUnit.SECONDS)).isTrue();
      stream.cancel();
      Thread.sleep(50);
      assertThat(tap.calls).startsWith("request", "head 401").endsWith("end");
      assertThat(tap.calls.stream().filter("end"::equals).count()).isEqualTo(1);
      assertThat(tap.body.toString(StandardCharsets.UTF_8)).as("bodies are given as received").isEqualTo(body);
    }
  }
}
