package dev.rill.google;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rill.testkit.MutableClock;
import dev.rill.testkit.CountingCredentialSource;
import com.google.auth.oauth2.GoogleCredentials;
import com.google.auth.oauth2.ServiceAccountCredentials;
import dev.rill.api.ChatRequest;
import dev.rill.api.ChatResponse;
import dev.rill.api.ErrorKind;
import dev.rill.api.RillException;
import dev.rill.provider.anthropic.VertexAnthropicProvider;
import dev.rill.provider.gemini.VertexGeminiProvider;
import dev.rill.runtime.Rill;
import dev.rill.testkit.golden.Golden;
import dev.rill.testkit.golden.GoldenTranscripts;
import dev.rill.testkit.server.RecordedRequest;
import dev.rill.testkit.server.Response;
import dev.rill.testkit.server.WireServer;
import java.io.ByteArrayInputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * google-auth-library's own service-account flow against a loopback token endpoint (the key file's {@code token_uri}
 * points at it): the library signs a JWT with the key, the endpoint checks the signature with the public key and
 * answers short-lived tokens, and Vertex AI streams (Gemini and Claude) carry whichever token was current; a refresh
 * ahead of expiry switches tokens mid-run without failing the stream that runs.
 */
class GoogleCredentialSourceTest {
  static KeyPair keys;

  WireServer vertex;
  WireServer oauth;
  Rill rill;
  final AtomicInteger issued = new AtomicInteger();
  final List<String> problems = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void makeKey() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
    g.initialize(2048);
    keys = g.generateKeyPair();
  }

  @BeforeEach
  void start() {
    vertex = WireServer.start();
    oauth = WireServer.start();
    oauth.dispatch(r -> {
      String assertion = formField(r.bodyText(), "assertion");
      if (!"urn:ietf:params:oauth:grant-type:jwt-bearer".equals(formField(r.bodyText(), "grant_type"))
          || assertion == null || !signedByOurKey(assertion)) {
        problems.add("bad token request: " + r.bodyText());
        return Response.json(400, "{\"error\":\"invalid_grant\"}");
      }
      int n = issued.incrementAndGet();
      return Response.json(200, "{\"access_token\":\"ya29.loopback-" + n + "-0123456789\",\"expires_in\":70,"
          + "\"token_type\":\"Bearer\"}");
    });
  }

  @AfterEach
  void stop() {
    if (rill != null) {
      rill.close();
    }
    vertex.close();
    oauth.close();
  }

  GoogleCredentials serviceAccount() throws Exception {
    String body = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(keys.getPrivate().getEncoded());
    String pem = ("-----BEGIN PRIVATE KEY-----\n" + body + "\n-----END PRIVATE KEY-----\n").replace("\n", "\\n");
    String json = "{\"type\":\"service_account\",\"project_id\":\"rill-test\",\"private_key_id\":\"k1\","
        + "\"private_key\":\"" + pem + "\",\"client_email\":\"rill@rill-test.iam.gserviceaccount.com\","
        + "\"client_id\":\"1\",\"token_uri\":\"" + oauth.baseUri().toString().replaceAll("/$", "") + "/token\"}";
    return ServiceAccountCredentials.fromStream(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
  }

  static String formField(String body, String name) {
    for (String pair : body.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0 && pair.substring(0, eq).equals(name)) {
        return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      }
    }
    return null;
  }

  static boolean signedByOurKey(String jwt) {
    try {
      String[] parts = jwt.split("\\.");
      Signature rs256 = Signature.getInstance("SHA256withRSA");
      rs256.initVerify(keys.getPublic());
      rs256.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
      return rs256.verify(Base64.getUrlDecoder().decode(parts[2]));
    } catch (Exception e) {
      return false;
    }
  }

  Rill client(Clock clock, dev.rill.api.CredentialSource source) {
    return Rill.builder().discover(false).clock(clock)
        .register(new VertexGeminiProvider()).register(new VertexAnthropicProvider())
        .baseUrl("vertex", vertex.baseUri().toString()).baseUrl("vertex-anthropic", vertex.baseUri().toString())
        .option("vertex", "project", "rill-test").option("vertex", "region", "europe-west4")
        .option("vertex-anthropic", "project", "rill-test").option("vertex-anthropic", "region", "us-east5")
        .credentials("vertex", source).credentials("vertex-anthropic", source).build();
  }

  static String bearer(RecordedRequest r) {
    return r.header("authorization");
  }

  @Test
  void aTokenRefreshedAheadOfExpiryServesTheNextStreamWhileTheRunningOneFinishes() throws Exception {
    Golden g = GoldenTranscripts.load("gemini", "text");
    byte[] wire = g.wire();
    vertex.dispatch(r -> r.bodyText().contains("long") ? Response.status(200).header("Content-Type",
        "text/event-stream").write(Arrays.copyOf(wire, wire.length / 2)).pause(Duration.ofMillis(1500))
        .write(Arrays.copyOfRange(wire, wire.length / 2, wire.length))
        : Response.status(200).header("Content-Type", "text/event-stream").write(wire));
    MutableClock clock = new MutableClock(Instant.now());
    GoogleCredentialSource source = GoogleCredentialSource.of(serviceAccount());
    assertThat(source.name()).isEqualTo("google:ServiceAccountCredentials");
    CountingCredentialSource counting = new CountingCredentialSource(source);
    rill = client(clock, counting);

    CompletableFuture<ChatResponse> running =
        rill.stream(ChatRequest.builder("vertex:gemini-2.5-flash").user("long").build()).collect();
    assertThat(vertex.awaitRequests(1, Duration.ofSeconds(20))).isTrue();
    RecordedRequest first = vertex.requests().get(0);
    assertThat(bearer(first)).isEqualTo("Bearer ya29.loopback-1-0123456789");
    assertThat(first.path()).startsWith(
        "/v1/projects/rill-test/locations/europe-west4/publishers/google/models/gemini-2.5-flash:streamGenerateContent");

    clock.advance(Duration.ofSeconds(40)); // inside the refresh lead (half of the 70 s lifetime), before the expiry
    ChatResponse held = rill.call(ChatRequest.builder("vertex:gemini-2.5-flash").user("second").build());
    assertThat(held.text()).isNotEmpty();
    assertThat(bearer(vertex.requests().get(1))).isEqualTo("Bearer ya29.loopback-1-0123456789");
    counting.awaitAnswers(2);

    ChatResponse refreshed = rill.call(ChatRequest.builder("vertex:gemini-2.5-flash").user("third").build());
    assertThat(refreshed.text()).isEqualTo(held.text());
    assertThat(bearer(vertex.requests().get(2))).isEqualTo("Bearer ya29.loopback-2-0123456789");

    assertThat(running.get(20, TimeUnit.SECONDS).text()).isEqualTo(held.text()); // never interrupted
    assertThat(problems).isEmpty();
    assertThat(issued.get()).isEqualTo(2);
  }

  @Test
  void claudeOnVertexSharesTheSourceAndItsToken() throws Exception {
    Golden g = GoldenTranscripts.load("anthropic", "text");
    vertex.fallback(Response.status(200).header("Content-Type", "text/event-stream").write(g.wire()));
    GoogleCredentialSource source = GoogleCredentialSource.of(serviceAccount());
    rill = client(Clock.systemUTC(), source);

    ChatResponse claude = rill.call(ChatRequest.builder("vertex-anthropic:claude-sonnet-4-5@20250929").user("hi")
        .build());
    assertThat(g.expect().mismatches(claude)).isEmpty();
    RecordedRequest sent = vertex.requests().get(0);
    assertThat(sent.path()).isEqualTo("/v1/projects/rill-test/locations/us-east5/publishers/anthropic/models/"
        + "claude-sonnet-4-5@20250929:streamRawPredict");
    assertThat(bearer(sent)).isEqualTo("Bearer ya29.loopback-1-0123456789");
    assertThat(issued.get()).isEqualTo(1);
  }

  @Test
  void aRefusedGrantIsAnAuthenticationErrorNamingTheSource() throws Exception {
    oauth.dispatch(r -> Response.json(400, "{\"error\":\"invalid_grant\",\"error_description\":\"bad key\"}"));
    rill = client(Clock.systemUTC(), GoogleCredentialSource.of(serviceAccount()));
    assertThatThrownBy(() -> rill.call(ChatRequest.builder("vertex:gemini-2.5-flash").user("x").build()))
        .isInstanceOfSatisfying(RillException.class, e -> {
          assertThat(e.kind()).isEqualTo(ErrorKind.AUTHENTICATION);
          assertThat(e.provider()).isEqualTo("vertex");
          assertThat(e.getMessage()).contains("'google:ServiceAccountCredentials'").contains("invalid_grant");
        });
    assertThat(vertex.requestCount()).isZero();
  }
}
