package dev.rill.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.rill.api.ChatRequest;
import dev.rill.api.ChatResponse;
import dev.rill.api.Credential;
import dev.rill.api.CredentialSource;
import dev.rill.api.ErrorKind;
import dev.rill.api.RillException;
import dev.rill.testkit.MutableClock;
import dev.rill.testkit.server.Response;
import dev.rill.testkit.server.WireServer;
import java.io.PrintWriter;
import java.io.StringWriter;
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
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The limits of credential sources that the first version had: a source's own exception text is redacted, a fetch
 * past its timeout is cancelled (and the next call fetches anew), and a credential the provider rejects is dropped
 * (the only way a credential without an expiry is fetched again).
 */
class CredentialSourceLimitsTest {
  static final String CANARY_TOKEN = "canary-token-5f1e0123456789";
  static final String CANARY_KEY = "sk-registered-canary-98765abc";

  WireServer server;
  Rill rill;
  final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

  @BeforeEach
  void start() {
    server = WireServer.start();
    server.dispatch(r -> Response.sseData("t:ok", "[DONE]"));
  }

  @AfterEach
  void stop() {
    if (rill != null) {
      rill.close();
    }
    server.close();
  }

  /** A source whose n-th fetch (from 1) does what {@code answer} says. */
  static final class ScriptedSource implements CredentialSource {
    final AtomicInteger fetches = new AtomicInteger();
    final AtomicInteger interrupts = new AtomicInteger();
    final List<CompletableFuture<Credential>> pending = new CopyOnWriteArrayList<>();
    volatile Function<Integer, CompletionStage<Credential>> answer;

    @Override
    public String name() {
      return "scripted";
    }

    @Override
    public CompletionStage<Credential> fetch() {
      return answer.apply(fetches.incrementAndGet());
    }

    /** Blocks until interrupted (counted), as a hung token call does. */
    CompletionStage<Credential> blockUntilInterrupted() {
      try {
        new CountDownLatch(1).await(60, TimeUnit.SECONDS);
        throw new IllegalStateException("never interrupted");
      } catch (InterruptedException e) {
        interrupts.incrementAndGet();
        throw new IllegalStateException("interrupted", e);
      }
    }

    /** A stage that never completes by itself. */
    CompletionStage<Credential> never() {
      CompletableFuture<Credential> f = new CompletableFuture<>();
      pending.add(f);
      return f;
    }
  }

  Rill.Builder builder(CredentialSource source) {
    return Rill.builder().discover(false).clock(clock).register(new LineProvider())
        .register(new LineProvider("plain", java.net.URI.create("http://127.0.0.1:9/")))
        .baseUrl("line", server.baseUri().toString()).apiKey("plain", CANARY_KEY).credentials("line", source);
  }

  static ChatRequest request(String text) {
    return ChatRequest.builder("line:m").user(text).build();
  }

  static String everythingOf(Throwable e) {
    StringWriter w = new StringWriter();
    e.printStackTrace(new PrintWriter(w));
    return e.getMessage() + "\n" + e + "\n" + w;
  }

  // ---------------------------------------------------------------- a. redaction

  @Test
  void aSourcesOwnExceptionTextIsRedactedOfItsEarlierAnswersAndTheClientsKeys() throws Exception {
    ScriptedSource source = new ScriptedSource();
    source.answer = n -> {
      if (n == 1) {
        return CompletableFuture.completedFuture(
            Credential.bearerToken(CANARY_TOKEN, clock.instant().plus(Duration.ofHours(1))));
      }
      throw new IllegalStateException("refreshing " + CANARY_TOKEN + " failed (client key " + CANARY_KEY + ")",
          new RuntimeException("upstream echoed Bearer " + CANARY_TOKEN));
    };
    List<String> logged = new CopyOnWriteArrayList<>();
    java.util.logging.Logger root = java.util.logging.Logger.getLogger("");
    java.util.logging.Handler capture = new java.util.logging.Handler() {
      @Override public void publish(java.util.logging.LogRecord r) {
        logged.add(String.valueOf(r.getMessage()) + (r.getThrown() == null ? "" : everythingOf(r.getThrown())));
      }
      @Override public void flush() { }
      @Override public void close() { }
    };
    root.addHandler(capture);
    try {
      rill = builder(source).build();
      assertThat(rill.call(request("a")).text()).isEqualTo("ok");

      // inside the refresh window: the call keeps the held token; the background refresh fails and is logged
      clock.advance(Duration.ofMinutes(57));
      assertThat(rill.call(request("b")).text()).isEqualTo("ok");
      CredentialSourceTest.awaitTrue(() -> logged.stream().anyMatch(l -> l.contains("'scripted' failed")));

      // past the expiry: the call waits for the fetch, which fails
      clock.advance(Duration.ofMinutes(5));
      RillException e = catchThrowableOfType(RillException.class, () -> rill.call(request("c")));
      assertThat(e.kind()).isEqualTo(ErrorKind.AUTHENTICATION);
      assertThat(e.getMessage()).contains("'scripted'").contains("refreshing ***");
      assertThat(everythingOf(e)).doesNotContain(CANARY_TOKEN).doesNotContain(CANARY_KEY)
          .contains("upstream echoed Bearer ***");
      assertThat(source.fetches.get()).isEqualTo(3);
    } finally {
      root.removeHandler(capture);
    }
    assertThat(logged).isNotEmpty().noneMatch(l -> l.contains(CANARY_TOKEN) || l.contains(CANARY_KEY));
  }

  // ---------------------------------------------------------------- b. timed-out fetches

  @Test
  void aFetchPastItsTimeoutIsInterruptedAndTheNextCallStartsANewOne() throws Exception {
    ScriptedSource source = new ScriptedSource();
    source.answer = n -> n == 1 ? source.blockUntilInterrupted()
        : CompletableFuture.completedFuture(Credential.bearerToken("tok-" + n + "-0123456789", null));
    rill = builder(source).credentialFetchTimeout(Duration.ofMillis(300)).build();

    // ten calls wait on the one fetch in flight; all fail with the timeout
    List<CompletableFuture<ChatResponse>> waiting = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      waiting.add(rill.stream(request("w" + i)).collect());
    }
    for (CompletableFuture<ChatResponse> w : waiting) {
      assertThatThrownBy(() -> w.get(20, TimeUnit.SECONDS)).hasCauseInstanceOf(RillException.class)
          .cause().hasMessageContaining("no answer within 300 ms");
    }
    CredentialSourceTest.awaitTrue(() -> source.interrupts.get() == 1);
    assertThat(source.fetches.get()).isEqualTo(1);

    assertThat(rill.call(request("after")).text()).isEqualTo("ok"); // a new fetch, not the stale one
    assertThat(source.fetches.get()).isEqualTo(2);
    assertThat(server.requests()).singleElement()
        .satisfies(r -> assertThat(r.header("authorization")).isEqualTo("Bearer tok-2-0123456789"));
    Thread.sleep(200);
    assertThat(source.interrupts.get()).isEqualTo(1); // the credential thread's next task ran uninterrupted
  }

  @Test
  void aStagePastItsTimeoutIsCancelled() throws Exception {
    ScriptedSource source = new ScriptedSource();
    source.answer = n -> n == 1 ? source.never()
        : CompletableFuture.completedFuture(Credential.bearerToken("tok-" + n + "-0123456789", null));
    rill = builder(source).credentialFetchTimeout(Duration.ofMillis(300)).build();

    RillException e = catchThrowableOfType(RillException.class, () -> rill.call(request("x")));
    assertThat(e.kind()).isEqualTo(ErrorKind.AUTHENTICATION);
    CredentialSourceTest.awaitTrue(() -> source.pending.get(0).isCancelled());
    assertThat(rill.call(request("y")).text()).isEqualTo("ok");
    assertThat(source.fetches.get()).isEqualTo(2);
  }

  // ---------------------------------------------------------------- c. credentials without an expiry

  @Test
  void aCredentialWithoutExpiryIsKeptUntilTheProviderRejectsItThenFetchedOnce() throws Exception {
    ScriptedSource source = new ScriptedSource();
    source.answer = n -> CompletableFuture.completedFuture(Credential.bearerToken("tok-" + n + "-0123456789", null));
    server.dispatch(r -> "Bearer tok-1-0123456789".equals(r.header("authorization"))
        ? Response.json(401, "{\"error\":\"token revoked\"}")
        : Response.sseData("t:ok", "[DONE]"));
    rill = builder(source).build();

    RillException rejected = catchThrowableOfType(RillException.class, () -> rill.call(request("a")));
    assertThat(rejected.kind()).isEqualTo(ErrorKind.AUTHENTICATION);
    assertThat(rejected.httpStatus()).hasValue(401);

    clock.advance(Duration.ofDays(30)); // no expiry: age alone never fetches again
    for (int i = 0; i < 3; i++) {
      assertThat(rill.call(request("b" + i)).text()).isEqualTo("ok");
    }
    assertThat(source.fetches.get()).isEqualTo(2);
    assertThat(server.requests()).extracting(r -> r.header("authorization")).containsExactly(
        "Bearer tok-1-0123456789", "Bearer tok-2-0123456789", "Bearer tok-2-0123456789", "Bearer tok-2-0123456789");
  }

  @Test
  void manyRejectionsOfOneCredentialDropItOnceAndTheNextCallsShareOneFetch() throws Exception {
    ScriptedSource source = new ScriptedSource();
    CountDownLatch gate = new CountDownLatch(1);
    source.answer = n -> {
      if (n == 1) {
        try {
          gate.await(20, TimeUnit.SECONDS); // every stream below waits for tok-1, so all of them send it
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      return CompletableFuture.completedFuture(Credential.bearerToken("tok-" + n + "-0123456789", null));
    };
    server.dispatch(r -> "Bearer tok-1-0123456789".equals(r.header("authorization"))
        ? Response.json(401, "{\"error\":\"token revoked\"}")
        : Response.sseData("t:ok", "[DONE]"));
    rill = builder(source).build();
    List<CompletableFuture<ChatResponse>> first = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      first.add(rill.stream(request("n" + i)).collect());
    }
    CredentialSourceTest.awaitTrue(() -> source.fetches.get() == 1);
    gate.countDown();
    for (CompletableFuture<ChatResponse> f : first) {
      assertThatThrownBy(() -> f.get(20, TimeUnit.SECONDS)).cause().isInstanceOfSatisfying(RillException.class,
          e -> assertThat(e.kind()).isEqualTo(ErrorKind.AUTHENTICATION));
    }
    List<CompletableFuture<ChatResponse>> next = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      next.add(rill.stream(request("m" + i)).collect());
    }
    for (CompletableFuture<ChatResponse> f : next) {
      assertThat(f.get(20, TimeUnit.SECONDS).text()).isEqualTo("ok");
    }
    assertThat(source.fetches.get()).isEqualTo(2);
  }
}
