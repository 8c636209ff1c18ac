package dev.rill.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rill.testkit.h2.H2StreamServer;
import dev.rill.testkit.h2.TestCertificate;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/**
 * Why LangChain4j (whose transport is the JDK's HttpClient) needs {@link BenchMain#JDK_H2_STREAMS} over HTTP/2: the
 * JDK client announces SETTINGS_MAX_CONCURRENT_STREAMS = 0 (it takes no pushed streams), which RFC 9113 allows, and
 * HttpCore 5.4's HTTP/2 server (the benchmarks' {@link H2StreamServer}) treats as a connection error and resets the
 * connection. Announcing 100 (push stays off) gets through. When the first test fails, HttpCore accepts 0 and the
 * work-around can go.
 */
class JdkHttp2OnHttpCoreTest {
  private static final String PROPERTY = "jdk.httpclient.maxstreams";

  @Test
  void theJdkClientsDefaultSettingsAreResetByHttpCoresHttp2Server() throws Exception {
    try (H2StreamServer server = H2StreamServer.start(H2StreamServer.Mode.TLS, TestCertificate.forThisJvm())) {
      String before = System.clearProperty(PROPERTY);
      try {
        // The connection dies after the client's SETTINGS (not in the TLS handshake, which the second test passes).
        assertThatThrownBy(() -> post(server)).isInstanceOf(IOException.class)
            .isNotInstanceOf(javax.net.ssl.SSLException.class);
      } finally {
        restore(before);
      }
    }
  }

  @Test
  void announcingAHundredStreamsTheJdkClientStreamsOverHttp2() throws Exception {
    try (H2StreamServer server = H2StreamServer.start(H2StreamServer.Mode.TLS, TestCertificate.forThisJvm())) {
      String before = System.setProperty(PROPERTY, BenchMain.JDK_H2_STREAMS.substring(BenchMain.JDK_H2_STREAMS
          .indexOf('=') + 1));
      try {
        HttpResponse<String> response = post(server);
        assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_2);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).startsWith("data: t:e0").endsWith("data: [DONE]\n\n");
      } finally {
        restore(before);
      }
    }
  }

  private static HttpResponse<String> post(H2StreamServer server) throws Exception {
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();
    return client.send(HttpRequest.newBuilder(server.baseUri().resolve("/v1/chat/completions"))
        .POST(HttpRequest.BodyPublishers.ofString("model|events:2:64")).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static void restore(String before) {
    if (before == null) {
      System.clearProperty(PROPERTY);
    } else {
      System.setProperty(PROPERTY, before);
    }
  }
}
