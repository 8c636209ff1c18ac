package dev.rill.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rill.testkit.MutableClock;
import dev.rill.api.ChatRequest;
import dev.rill.api.ChatResponse;
import dev.rill.api.Credential;
import dev.rill.api.CredentialSource;
import dev.rill.api.ErrorKind;
import dev.rill.api.RillException;
import dev.rill.testkit.server.RecordedRequest;
import dev.rill.testkit.server.Response;
import dev.rill.testkit.server.WireServer;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Credential sources end to end over loopback: the client caches a source's credential, refreshes it ahead of expiry
 * while streams run, keeps one fetch in flight for many streams, fails with AUTHENTICATION naming the source, lets a
 * call override the credential and headers, and fetches on its own thread while the I/O thread keeps serving.
 */
class CredentialSourceTest {
  static final Duration WAIT = Duration.ofSeconds(20);

  WireServer server;
  Rill rill;
  final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

  @BeforeEach
  void start() {
    server = WireServer.start();
    server.dispatch(r -> r.bodyText().endsWith("|long")
        ? Response.sseData("t:a", "t:b").pause(Duration.ofMillis(1500)).write("data: t:c\n\n").write("data: [DONE]\n\n")
        : Response.sseData("t:ok", "[DONE]"));
  }

  @AfterEach
  void stop() {
    if (rill != null) {
      rill.close();
    }
    server.close();
  }

  /** A token source: tok-1, tok-2, ... each valid for an hour of the test clock; optionally gated. */
  final class TokenSource implements CredentialSource {
    final AtomicInteger fetches = new AtomicInteger();
    final List<String> threads = new CopyOnWriteArrayList<>();
    volatile CountDownLatch gate;
    volatile RuntimeException failWith;

    @Override
    public String name() {
      return "test-tokens";
    }

    @Override
    public CompletionStage<Credential> fetch() {
      threads.add(Thread.currentThread().getName());
      int n = fetches.incrementAndGet();
      CountDownLatch g = gate;
      if (g != null) {
        try {
          g.await(20, TimeUnit.SECONDS); // a blocking token call, as the cloud SDKs make
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      if (failWith != null) {
        throw failWith;
      }
      return CompletableFuture.completedFuture(
          Credential.bearerToken("tok-" + n + "-0123456789", clock.instant().plus(Duration.ofHours(1))));
    }
  }

  Rill client(CredentialSource source) {
    return Rill.builder().discover(false).clock(clock).register(new LineProvider())
        .register(new LineProvider("plain", URI.create("http://127.0.0.1:9/")))
        .baseUrl("line", server.baseUri().toString()).baseUrl("plain", server.baseUri().toString())
        .apiKey("plain", "sk-plain-0123456789").credentials("line", source).ioThreads(1).build();
  }

  static ChatRequest request(String spec, String text) {
    return ChatRequest.builder(spec).user(text).build();
  }

  String tokenOf(int request) {
    return server.requests().get(request).header("authorization");
  }

  @Test
  void refreshesAheadOfExpiryWhileAStreamRunsAndNeverUsesAnExpiredToken() throws Exception {
    TokenSource source = new TokenSource();
    rill = client(source);

    CompletableFuture<ChatResponse> longStream = rill.stream(request("line:m", "long")).collect();
    assertThat(server.awaitRequests(1, WAIT)).isTrue();
    assertThat(tokenOf(0)).isEqualTo("Bearer tok-1-0123456789");

    clock.advance(Duration.ofMinutes(56)); // inside the 5-minute refresh window, still valid
    ChatResponse second = rill.call(request("line:m", "second"));
    assertThat(second.text()).isEqualTo("ok");
    assertThat(tokenOf(1)).isEqualTo("Bearer tok-1-0123456789"); // the held token, while the refresh runs
    awaitTrue(() -> source.fetches.get() == 2);
    awaitTrue(() -> rill.call(request("line:m", "probe")) != null
        && server.requests().get(server.requestCount() - 1).header("authorization").equals("Bearer tok-2-0123456789"));

    assertThat(longStream.get(20, TimeUnit.SECONDS).text()).isEqualTo("abc"); // the stream that began before: fine
    assertThat(source.fetches.get()).isEqualTo(2);

    // past tok-2's expiry with the next fetch blocked: the call waits for the fresh token, nothing stale goes out
    source.gate = new CountDownLatch(1);
    clock.advance(Duration.ofMinutes(61));
    int before = server.requestCount();
    CompletableFuture<ChatResponse> waiting = rill.stream(request("line:m", "after-expiry")).collect();
    Thread.sleep(300);
    assertThat(server.requestCount()).isEqualTo(before);
    assertThat(waiting).isNotDone();
    source.gate.countDown();
    assertThat(waiting.get(20, TimeUnit.SECONDS).text()).isEqualTo("ok");
    assertThat(tokenOf(before)).isEqualTo("Bearer tok-3-0123456789");
  }

  @Test
  void fiftyConcurrentStreamsShareOneFetch() throws Exception {
    TokenSource source = new TokenSource();
    source.gate = new CountDownLatch(1);
    rill = client(source);
    List<CompletableFuture<ChatResponse>> all = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      all.add(rill.stream(request("line:m", "n" + i)).collect());
    }
    awaitTrue(() -> source.fetches.get() == 1);
    Thread.sleep(200);
    source.gate.countDown();
    for (CompletableFuture<ChatResponse> f : all) {
      assertThat(f.get(30, TimeUnit.SECONDS).text()).isEqualTo("ok");
    }
    assertThat(source.fetches.get()).isEqualTo(1);
    assertThat(server.requests()).hasSize(50)
        .allSatisfy(r -> assertThat(r.header("authorization")).isEqualTo("Bearer tok-1-0123456789"));
  }

  @Test
  void oneSourceGivenToTwoProvidersIsFetchedOnceForBoth() {
    TokenSource source = new TokenSource();
    rill = Rill.builder().discover(false).clock(clock).register(new LineProvider())
        .register(new LineProvider("plain", URI.create("http://127.0.0.1:9/")))
        .baseUrl("line", server.baseUri().toString()).baseUrl("plain", server.baseUri().toString())
        .apiKey("plain", "sk-plain-0123456789").credentials("line", source).credentials("plain", source).build();
    assertThat(rill.call(request("line:m", "a")).text()).isEqualTo("ok");
    assertThat(rill.call(request("plain:m", "b")).text()).isEqualTo("ok");
    assertThat(source.fetches.get()).isEqualTo(1);
    assertThat(server.requests()).allSatisfy(
        r -> assertThat(r.header("authorization")).isEqualTo("Bearer tok-1-0123456789")); // the source wins
  }

  @Test
  void aFailedFetchIsAnAuthenticationErrorNamingTheSourceAndIsTriedAgainNextCall() {
    TokenSource source = new TokenSource();
    source.failWith = new IllegalStateException("the token endpoint said 400 invalid_grant");
    rill = client(source);

    // Many times: the fetch may fail before or after the call looks at it, and both must end the same way.
    for (int i = 0; i < 50; i++) {
      assertThatThrownBy(() -> rill.call(request("line:m", "x")))
          .isInstanceOfSatisfying(RillException.class, e -> {
            assertThat(e.kind()).isEqualTo(ErrorKind.AUTHENTICATION);
            assertThat(e.provider()).isEqualTo("line");
            assertThat(e.getMessage()).contains("'test-tokens'").contains("invalid_grant");
          });
    }
    assertThat(server.requestCount()).isZero();

    source.failWith = null;
    assertThat(rill.call(request("line:m", "y")).text()).isEqualTo("ok");
    assertThat(source.fetches.get()).isEqualTo(51);
  }

  @Test
  void aSourceThatNeverAnswersTimesOut() {
    TokenSource source = new TokenSource();
    source.gate = new CountDownLatch(1);
    rill = Rill.builder().discover(false).register(new LineProvider()).baseUrl("line", server.baseUri().toString())
        .credentials("line", source).credentialFetchTimeout(Duration.ofMillis(300)).build();
    try {
      assertThatThrownBy(() -> rill.call(request("line:m", "x")))
          .isInstanceOfSatisfying(RillException.class, e -> {
            assertThat(e.kind()).isEqualTo(ErrorKind.AUTHENTICATION);
            assertThat(e.getMessage()).contains("'test-tokens'").contains("no answer within 300 ms");
          });
    } finally {
      source.gate.countDown();
    }
  }

  @Test
  void aCallOverridesTheCredentialAndHeadersOfItsProviderOnly() {
    TokenSource source = new TokenSource();
    rill = client(source);
    StreamOptions tenant = StreamOptions.basicBuilder()
        .credential("line", Credential.apiKey("sk-tenant-acme-0123456789"))
        .header("line", "X-Tenant", "acme")
        .credential("plain", Credential.apiKey("sk-tenant-other-0123456789"))
        .build();

    assertThat(rill.call(request("line:m", "a"), tenant).text()).isEqualTo("ok");
    RecordedRequest sent = server.requests().get(0);
    assertThat(sent.header("authorization")).isEqualTo("Bearer sk-tenant-acme-0123456789");
    assertThat(sent.header("x-tenant")).isEqualTo("acme");
    assertThat(source.fetches.get()).isZero();
    assertThat(tenant.toString()).doesNotContain("sk-tenant").contains("overrides for [line, plain]");

    assertThat(rill.call(request("line:m", "b")).text()).isEqualTo("ok"); // without the override: the source
    assertThat(server.requests().get(1).header("authorization")).isEqualTo("Bearer tok-1-0123456789");
    assertThat(server.requests().get(1).header("x-tenant")).isNull();
  }

  @Test
  void theFetchRunsOffTheIoThreadWhichKeepsServingOtherStreams() throws Exception {
    TokenSource source = new TokenSource();
    source.gate = new CountDownLatch(1);
    rill = client(source); // one I/O thread
    // a fallback from a failed attempt starts the next one from the I/O thread: the fetch must not run there
    server.dispatch(r -> r.bodyText().equals("m|first") && r.header("authorization").contains("sk-plain")
        ? Response.json(503, "{\"error\":\"busy\"}")
        : Response.sseData("t:ok", "[DONE]"));
    StreamOptions fallback = StreamOptions.basicBuilder().fallback("line:m").build();
    CompletableFuture<ChatResponse> blocked = rill.stream(request("plain:m", "first"), fallback).collect();
    awaitTrue(() -> source.fetches.get() == 1);

    // while the fetch blocks, the one I/O thread still serves another stream from start to end
    assertThat(rill.stream(request("plain:m", "other")).collect().get(10, TimeUnit.SECONDS).text()).isEqualTo("ok");
    assertThat(blocked).isNotDone();

    source.gate.countDown();
    ChatResponse done = blocked.get(20, TimeUnit.SECONDS);
    assertThat(done.text()).isEqualTo("ok");
    assertThat(done.provider()).isEqualTo("line");
    assertThat(source.threads).singleElement().asString().startsWith("rill-credentials-");
  }

  static void awaitTrue(java.util.function.BooleanSupplier condition) throws InterruptedException {
    long end = System.nanoTime() + WAIT.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > end) {
        throw new AssertionError("condition not met within " + WAIT);
      }
      Thread.sleep(20);
    }
  }
}
