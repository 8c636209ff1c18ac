package dev.rill.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rill.testkit.MutableClock;
import dev.rill.testkit.CountingCredentialSource;
import dev.rill.api.ChatRequest;
import dev.rill.api.ChatResponse;
import dev.rill.api.ErrorKind;
import dev.rill.api.RillException;
import dev.rill.provider.bedrock.BedrockProvider;
import dev.rill.runtime.Rill;
import dev.rill.testkit.golden.Golden;
import dev.rill.testkit.golden.GoldenTranscripts;
import dev.rill.testkit.server.RecordedRequest;
import dev.rill.testkit.server.Response;
import dev.rill.testkit.server.WireServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.profiles.ProfileFile;

/**
 * The AWS SDK's own credential providers feeding Bedrock's SigV4 signer over loopback: the SDK's container provider
 * reads expiring credentials from a loopback container-credentials endpoint (the SDK allows http to 127.0.0.1), and a
 * Bedrock stream is signed with whichever key the endpoint handed out; a refresh ahead of expiry switches the key
 * mid-run without failing the stream that runs. The profile provider reads a temporary credentials file.
 */
class AwsSdkCredentialSourceTest {
  static final String EVENT_STREAM = "application/vnd.amazon.eventstream";
  static final String FULL_URI = "aws.containerCredentialsFullUri";

  WireServer bedrock;
  WireServer metadata;
  Rill rill;
  final AtomicInteger issued = new AtomicInteger();

  @BeforeEach
  void start() {
    bedrock = WireServer.start();
    metadata = WireServer.start();
    // ECS-style credentials, each valid for 70 s of real time (the SDK's own cache then asks again on every call)
    metadata.dispatch(r -> {
      int n = issued.incrementAndGet();
      return Response.json(200, "{\"AccessKeyId\":\"ASIALOOPBACK00000" + n + "\",\"SecretAccessKey\":\"secret-" + n
          + "-0123456789abcdef\",\"Token\":\"session-" + n + "-0123456789abcdef\",\"Expiration\":\""
          + Instant.now().plusSeconds(70).truncatedTo(java.time.temporal.ChronoUnit.SECONDS) + "\"}");
    });
    System.setProperty(FULL_URI, metadata.baseUri().toString().replaceAll("/$", "") + "/v2/credentials/test");
  }

  @AfterEach
  void stop() {
    System.clearProperty(FULL_URI);
    if (rill != null) {
      rill.close();
    }
    bedrock.close();
    metadata.close();
  }

  static Golden text() {
    return GoldenTranscripts.load("bedrock", "text");
  }

  static ChatRequest request(Golden g) {
    return ChatRequest.builder("bedrock:" + g.model()).user(g.prompt()).build();
  }

  static String accessKeyIdOf(RecordedRequest r) {
    String auth = r.header("authorization");
    assertThat(auth).startsWith("AWS4-HMAC-SHA256 Credential=");
    return auth.substring("AWS4-HMAC-SHA256 Credential=".length(), auth.indexOf('/'));
  }

  @Test
  void theContainerProvidersRefreshedKeySignsTheNextStreamWhileTheRunningOneFinishes() throws Exception {
    Golden g = text();
    byte[] wire = g.wire();
    bedrock.dispatch(r -> r.bodyText().contains("long") ? Response.status(200).header("Content-Type", EVENT_STREAM)
        .write(Arrays.copyOf(wire, wire.length / 2)).pause(Duration.ofMillis(1500))
        .write(Arrays.copyOfRange(wire, wire.length / 2, wire.length))
        : Response.status(200).header("Content-Type", EVENT_STREAM).write(wire));
    MutableClock clock = new MutableClock(Instant.now());
    AwsSdkCredentialSource source = AwsSdkCredentialSource.of(ContainerCredentialsProvider.builder().build());
    assertThat(source.name()).isEqualTo("aws-sdk:ContainerCredentialsProvider");
    CountingCredentialSource counting = new CountingCredentialSource(source);
    rill = Rill.builder().discover(false).clock(clock).register(new BedrockProvider())
        .baseUrl("bedrock", bedrock.baseUri().toString()).credentials("bedrock", counting).build();

    CompletableFuture<ChatResponse> running = rill.stream(
        ChatRequest.builder("bedrock:" + g.model()).user("long").build()).collect();
    assertThat(bedrock.awaitRequests(1, Duration.ofSeconds(20))).isTrue();
    RecordedRequest first = bedrock.requests().get(0);
    assertThat(accessKeyIdOf(first)).isEqualTo("ASIALOOPBACK000001");
    assertThat(first.header("x-amz-security-token")).isEqualTo("session-1-0123456789abcdef");
    assertThat(first.header("authorization")).contains("/us-east-1/bedrock/aws4_request");

    clock.advance(Duration.ofSeconds(40)); // within the refresh lead (half the 70 s lifetime), before the expiry
    ChatResponse held = rill.call(request(g));
    assertThat(g.expect().mismatches(held)).isEmpty();
    assertThat(accessKeyIdOf(bedrock.requests().get(1))).isEqualTo("ASIALOOPBACK000001");
    counting.awaitAnswers(2);

    ChatResponse refreshed = rill.call(request(g));
    assertThat(g.expect().mismatches(refreshed)).isEmpty();
    RecordedRequest third = bedrock.requests().get(2);
    assertThat(accessKeyIdOf(third)).isEqualTo("ASIALOOPBACK000002");
    assertThat(third.header("x-amz-security-token")).isEqualTo("session-2-0123456789abcdef");

    ChatResponse longOne = running.get(20, TimeUnit.SECONDS); // signed with key 1, never interrupted
    assertThat(longOne.text()).isEqualTo(held.text());
    assertThat(issued.get()).isEqualTo(2);
  }

  @Test
  void aFailingEndpointIsAnAuthenticationErrorNamingTheSdkProvider() {
    metadata.dispatch(r -> Response.json(403, "{\"message\":\"denied\"}"));
    rill = Rill.builder().discover(false).register(new BedrockProvider())
        .baseUrl("bedrock", bedrock.baseUri().toString())
        .credentials("bedrock", AwsSdkCredentialSource.of(ContainerCredentialsProvider.builder().build())).build();
    assertThatThrownBy(() -> rill.call(request(text()))).isInstanceOfSatisfying(RillException.class, e -> {
      assertThat(e.kind()).isEqualTo(ErrorKind.AUTHENTICATION);
      assertThat(e.provider()).isEqualTo("bedrock");
      assertThat(e.getMessage()).contains("'aws-sdk:ContainerCredentialsProvider'");
    });
    assertThat(bedrock.requestCount()).isZero();
  }

  @Test
  void aProfileFileSignsWithItsKeys(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("credentials");
    Files.writeString(file, "[rill]\naws_access_key_id = AKIAPROFILEFILE00001\n"
        + "aws_secret_access_key = profile-secret-0123456789\n");
    ProfileCredentialsProvider profile = ProfileCredentialsProvider.builder().profileName("rill")
        .profileFile(ProfileFile.builder().content(file).type(ProfileFile.Type.CREDENTIALS).build()).build();
    Golden g = text();
    bedrock.fallback(Response.status(200).header("Content-Type", EVENT_STREAM).write(g.wire()));
    rill = Rill.builder().discover(false).register(new BedrockProvider())
        .baseUrl("bedrock", bedrock.baseUri().toString())
        .credentials("bedrock", AwsSdkCredentialSource.of(profile)).option("bedrock", "region", "eu-west-1").build();

    assertThat(g.expect().mismatches(rill.call(request(g)))).isEmpty();
    RecordedRequest sent = bedrock.requests().get(0);
    assertThat(accessKeyIdOf(sent)).isEqualTo("AKIAPROFILEFILE00001");
    assertThat(sent.header("authorization")).contains("/eu-west-1/bedrock/aws4_request");
    assertThat(sent.header("x-amz-security-token")).isNull();
  }
}
