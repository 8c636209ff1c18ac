package dev.rill.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rill.testkit.MutableClock;
import dev.rill.testkit.CountingCredentialSource;
import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import com.azure.core.exception.ClientAuthenticationException;
import com.azure.identity.ClientSecretCredentialBuilder;
import dev.rill.api.ChatRequest;
import dev.rill.api.ChatResponse;
import dev.rill.api.ErrorKind;
import dev.rill.api.RillException;
import dev.rill.provider.openai.AzureOpenAiProvider;
import dev.rill.provider.openairesponses.AzureOpenAiResponsesProvider;
import dev.rill.runtime.Rill;
import dev.rill.testkit.golden.Golden;
import dev.rill.testkit.golden.GoldenTranscripts;
import dev.rill.testkit.server.RecordedRequest;
import dev.rill.testkit.server.Response;
import dev.rill.testkit.server.WireServer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/**
 * The adapter at Azure Identity's own boundary, {@link TokenCredential}: a client-secret credential cannot be pointed
 * at a loopback authority (its builders refuse an authority host that is not https: "Authority host must use https
 * scheme"; {@code ManagedIdentityLoopbackTest} runs the managed-identity flow, which can), so the test implements the
 * interface itself, as any custom credential does, handing out expiring Entra ID tokens. Azure OpenAI streams carry whichever token is current; a refresh ahead of expiry switches tokens mid-run
 * without failing the stream that runs.
 */
class AzureTokenSourceTest {
  WireServer azure;
  Rill rill;

  @BeforeEach
  void start() {
    azure = WireServer.start();
  }

  @AfterEach
  void stop() {
    if (rill != null) {
      rill.close();
    }
    azure.close();
  }

  /** A TokenCredential minting numbered tokens, each valid for 70 s of the given clock; records the scopes asked. */
  static final class NumberedTokens implements TokenCredential {
    final AtomicInteger issued = new AtomicInteger();
    final List<List<String>> scopes = new CopyOnWriteArrayList<>();
    final Clock clock;

    NumberedTokens(Clock clock) {
      this.clock = clock;
    }

    @Override
    public Mono<AccessToken> getToken(TokenRequestContext request) {
      return Mono.fromSupplier(() -> getTokenSync(request));
    }

    @Override
    public AccessToken getTokenSync(TokenRequestContext request) {
      scopes.add(request.getScopes());
      int n = issued.incrementAndGet();
      return new AccessToken("eyJ0eXAiOiJKV1Qi.entra-" + n + "-0123456789",
          OffsetDateTime.ofInstant(clock.instant().plusSeconds(70), ZoneOffset.UTC));
    }
  }

  Rill client(Clock clock, dev.rill.api.CredentialSource source) {
    return Rill.builder().discover(false).clock(clock)
        .register(new AzureOpenAiProvider()).register(new AzureOpenAiResponsesProvider())
        .baseUrl("azure-openai", azure.baseUri().toString())
        .baseUrl("azure-openai-responses", azure.baseUri().toString() + "openai/v1")
        .credentials("azure-openai", source).credentials("azure-openai-responses", source).build();
  }

  @Test
  void anEntraTokenRefreshedAheadOfExpiryServesTheNextStreamWhileTheRunningOneFinishes() throws Exception {
    Golden g = GoldenTranscripts.load("openai", "text-usage");
    byte[] wire = g.wire();
    azure.dispatch(r -> r.bodyText().contains("long") ? Response.status(200).header("Content-Type",
        "text/event-stream").write(Arrays.copyOf(wire, wire.length / 2)).pause(Duration.ofMillis(1500))
        .write(Arrays.copyOfRange(wire, wire.length / 2, wire.length))
        : Response.status(200).header("Content-Type", "text/event-stream").write(wire));
    MutableClock clock = new MutableClock(Instant.now());
    NumberedTokens tokens = new NumberedTokens(clock);
    AzureTokenSource source = AzureTokenSource.of(tokens);
    assertThat(source.name()).isEqualTo("azure:NumberedTokens");
    CountingCredentialSource counting = new CountingCredentialSource(source);
    rill = client(clock, counting);

    CompletableFuture<ChatResponse> running =
        rill.stream(ChatRequest.builder("azure-openai:gpt-4o-deployment").user("long").build()).collect();
    assertThat(azure.awaitRequests(1, Duration.ofSeconds(20))).isTrue();
    RecordedRequest first = azure.requests().get(0);
    assertThat(first.header("authorization")).isEqualTo("Bearer eyJ0eXAiOiJKV1Qi.entra-1-0123456789");
    assertThat(first.header("api-key")).isNull();
    assertThat(first.path()).startsWith("/openai/deployments/gpt-4o-deployment/chat/completions?api-version=");
    assertThat(tokens.scopes).containsExactly(List.of("https://cognitiveservices.azure.com/.default"));

    clock.advance(Duration.ofSeconds(40)); // inside the refresh lead (half the 70 s lifetime), before the expiry
    ChatResponse held = rill.call(ChatRequest.builder("azure-openai:gpt-4o-deployment").user("second").build());
    assertThat(g.expect().mismatches(held)).isEmpty();
    assertThat(azure.requests().get(1).header("authorization")).endsWith("entra-1-0123456789");
    counting.awaitAnswers(2);

    ChatResponse refreshed = rill.call(ChatRequest.builder("azure-openai:gpt-4o-deployment").user("third").build());
    assertThat(g.expect().mismatches(refreshed)).isEmpty();
    assertThat(azure.requests().get(2).header("authorization")).isEqualTo(
        "Bearer eyJ0eXAiOiJKV1Qi.entra-2-0123456789");

    assertThat(running.get(20, TimeUnit.SECONDS).text()).isEqualTo(held.text()); // never interrupted
    assertThat(tokens.issued.get()).isEqualTo(2);
  }

  @Test
  void azureResponsesSendsTheSameTokenAsBearer() throws Exception {
    Golden g = GoldenTranscripts.load("openai-responses", "text");
    azure.fallback(Response.status(200).header("Content-Type", "text/event-stream").write(g.wire()));
    NumberedTokens tokens = new NumberedTokens(Clock.systemUTC());
    rill = client(Clock.systemUTC(), AzureTokenSource.of(tokens));

    ChatResponse response = rill.call(ChatRequest.builder("azure-openai-responses:gpt-4o").user("hi").build());
    assertThat(g.expect().mismatches(response)).isEmpty();
    RecordedRequest sent = azure.requests().get(0);
    assertThat(sent.path()).isEqualTo("/openai/v1/responses");
    assertThat(sent.header("authorization")).isEqualTo("Bearer eyJ0eXAiOiJKV1Qi.entra-1-0123456789");
    assertThat(sent.header("api-key")).isNull();
  }

  @Test
  void aCredentialThatFailsIsAnAuthenticationErrorNamingTheSource() {
    TokenCredential refusing = new TokenCredential() {
      @Override
      public Mono<AccessToken> getToken(TokenRequestContext request) {
        return Mono.error(new ClientAuthenticationException("AADSTS7000215: Invalid client secret provided.", null));
      }
    };
    rill = client(Clock.systemUTC(), AzureTokenSource.of(refusing));
    assertThatThrownBy(() -> rill.call(ChatRequest.builder("azure-openai:gpt-4o-deployment").user("x").build()))
        .isInstanceOfSatisfying(RillException.class, e -> {
          assertThat(e.kind()).isEqualTo(ErrorKind.AUTHENTICATION);
          assertThat(e.provider()).isEqualTo("azure-openai");
          assertThat(e.getMessage()).contains("'azure:").contains("AADSTS7000215");
        });
    assertThat(azure.requestCount()).isZero();
  }

  /** Why the test stands at the TokenCredential boundary: Azure Identity refuses a loopback (http) authority. */
  @Test
  void azureIdentityRefusesAPlainHttpAuthority() {
    assertThatThrownBy(() -> new ClientSecretCredentialBuilder().tenantId("00000000-0000-0000-0000-000000000000")
        .clientId("client").clientSecret("secret").authorityHost(azure.baseUri().toString()).build())
        .hasMessageContaining("https");
  }
}
