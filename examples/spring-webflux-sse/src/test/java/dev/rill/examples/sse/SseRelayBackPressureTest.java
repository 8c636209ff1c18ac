package dev.rill.examples.sse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rill.runtime.Rill;
import dev.rill.testkit.golden.Golden;
import dev.rill.testkit.golden.GoldenTranscripts;
import dev.rill.testkit.server.Response;
import dev.rill.testkit.server.WireServer;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The relay as it runs: a real WebFlux server (Reactor Netty) on 127.0.0.1, a real loopback provider server, and
 * browsers made of sockets, one of them slow.
 */
class SseRelayBackPressureTest {
  static final String KEY = "sk-relay-test-key-0123456789";
  static final byte[] EVENT = ("data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"" + "x".repeat(1000)
      + "\"}}]}\n\n").getBytes(StandardCharsets.UTF_8);
  static final long EVENTS = 100_000; // ~105 MB that the provider would send if nothing held it back

  WireServer provider;
  ConfigurableApplicationContext app;
  int port;

  @BeforeEach
  void start() {
    provider = WireServer.start();
    // Command-line arguments, which win over the application's application.properties.
    app = new SpringApplicationBuilder(SseRelayApplication.class).run(
        "--server.address=127.0.0.1", "--server.port=0", "--logging.level.root=WARN",
        "--rill.providers.openai.base-url=" + provider.baseUri(), "--rill.providers.openai.api-key=" + KEY,
        "--rill.socket-receive-buffer=65536", "--rill.mode=basic");
    port = ((WebServerApplicationContext) app).getWebServer().getPort();
  }

  @AfterEach
  void stop() {
    app.close();
    provider.close();
  }

  @Test
  void aBrowserGetsTheAnswerAsServerSentEvents() throws Exception {
    Golden g = GoldenTranscripts.load("openai", "text-usage");
    provider.enqueue(Response.status(200).header("Content-Type", "text/event-stream").write(g.wire()));
    HttpResponse<java.util.stream.Stream<String>> response = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/chat?prompt=hi")).build(),
        HttpResponse.BodyHandlers.ofLines());
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(
        v -> assertThat(v).startsWith("text/event-stream"));
    List<String> lines = response.body().toList();
    StringBuilder text = new StringBuilder();
    String event = null;
    List<String> events = new java.util.ArrayList<>();
    for (String line : lines) {
      if (line.startsWith("event:")) {
        event = line.substring(6);
        events.add(event);
      } else if (line.startsWith("data:") && "text".equals(event)) {
        text.append(line.substring(5));
      }
    }
    assertThat(text.toString()).isEqualTo(g.expect().text());
    assertThat(events).doesNotContain("error").last().isEqualTo("done");
  }

  @Test
  void aSlowBrowserSlowsTheProvidersSocketAndLeavingClosesIt() throws Exception {
    provider.sendBufferSize(16 * 1024);
    provider.enqueue(Response.status(200).header("Content-Type", "text/event-stream").repeat(EVENT, EVENTS)
        .write("data: [DONE]\n\n"));
    long total = EVENTS * EVENT.length;
    try (Socket browser = new Socket()) {
      browser.setReceiveBufferSize(16 * 1024);
      browser.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
      browser.setSoTimeout(10_000);
      OutputStream out = browser.getOutputStream();
      out.write(("GET /chat?prompt=hi HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = browser.getInputStream();
      String head = new String(readAtLeast(in, 8 * 1024), StandardCharsets.ISO_8859_1);
      assertThat(head).startsWith("HTTP/1.1 200").contains("text/event-stream").contains("event:text");

      // The browser stops reading. Every buffer on the way fills, then the provider's writes stop.
      Thread.sleep(2_000);
      long stalled = provider.bytesWritten();
      Thread.sleep(1_000);
      long later = provider.bytesWritten();
      assertThat(stalled).as("what the provider could write while the browser read 8 KiB: buffers only")
          .isLessThan(16L * 1024 * 1024).isLessThan(total / 6);
      assertThat(later - stalled).as("the provider is held, not trickling").isLessThan(256 * 1024);
      System.out.printf("provider bytes written: %,d while the browser was stalled (%,d a second later), of %,d%n",
          stalled, later, total);

      // The browser reads again: the provider's writes resume, byte for byte with what the browser takes (16 MiB read
      // is more than every buffer on the way holds, so most of it was written by the provider after the stall).
      readAtLeast(in, 16 * 1024 * 1024);
      long resumed = provider.bytesWritten();
      assertThat(resumed).as("reading resumes the provider").isGreaterThan(later + 8L * 1024 * 1024);
    }
    // The browser left: the relay cancels the Rill call, which closes the provider's connection.
    assertThat(provider.awaitClientDisconnects(1, Duration.ofSeconds(10))).as("the provider saw the close").isTrue();
    assertThat(provider.bytesWritten()).isLessThan(total);
    Rill rill = app.getBean(Rill.class);
    for (int i = 0; i < 100 && rill.poolStats().leased() > 0; i++) {
      Thread.sleep(50);
    }
    assertThat(rill.poolStats().leased()).isZero();
  }

  static byte[] readAtLeast(InputStream in, int bytes) throws java.io.IOException {
    byte[] buffer = new byte[bytes];
    int read = 0;
    while (read < bytes) {
      int n = in.read(buffer, read, bytes - read);
      if (n < 0) {
        throw new java.io.EOFException("the relay closed after " + read + " bytes");
      }
      read += n;
    }
    return buffer;
  }
}
