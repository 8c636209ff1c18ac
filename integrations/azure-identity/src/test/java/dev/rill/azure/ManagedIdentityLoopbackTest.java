package dev.rill.azure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rill.testkit.MutableClock;
import dev.rill.testkit.CountingCredentialSource;
import com.azure.identity.ManagedIdentityCredentialBuilder;
import dev.rill.api.ChatRequest;
import dev.rill.provider.openai.AzureOpenAiProvider;
import dev.rill.runtime.Rill;
import dev.rill.testkit.golden.GoldenTranscripts;
import dev.rill.testkit.server.RecordedRequest;
import dev.rill.testkit.server.Response;
import dev.rill.testkit.server.WireServer;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Azure Identity's own {@code ManagedIdentityCredential} against a loopback stand-in of App Service's managed-identity
 * endpoint ({@code IDENTITY_ENDPOINT} on {@code http://127.0.0.1}, {@code IDENTITY_HEADER}), the one Entra ID flow the
 * library lets a test point at loopback. The library reads those two from the environment, so the scenario runs in a
 * child JVM that has them ({@link Child}); the endpoint hands out 70-second tokens, and the Azure OpenAI requests
 * carry token 1, token 1 again while the refresh runs (40 s later on Rill's clock), then token 2.
 */
class ManagedIdentityLoopbackTest {

  @Test
  void aManagedIdentityTokenIsRefreshedAheadOfExpiry(@TempDir Path dir) throws Exception {
    AtomicInteger issued = new AtomicInteger();
    try (WireServer identity = WireServer.start(); WireServer azure = WireServer.start()) {
      identity.dispatch(r -> {
        int n = issued.incrementAndGet();
        return Response.json(200, "{\"access_token\":\"eyJ.managed-" + n + "-0123456789\",\"expires_on\":\""
            + Instant.now().plusSeconds(70).getEpochSecond() + "\",\"resource\":"
            + "\"https://cognitiveservices.azure.com/\",\"token_type\":\"Bearer\"}");
      });
      azure.fallback(Response.status(200).header("Content-Type", "text/event-stream")
          .write(GoldenTranscripts.load("openai", "text-usage").wire()));

      Path java = Path.of(System.getProperty("java.home"), "bin", "java");
      ProcessBuilder pb = new ProcessBuilder(java.toString(), "-cp", classPath(), Child.class.getName(),
          azure.baseUri().toString())
          .redirectOutput(dir.resolve("out.txt").toFile()).redirectError(dir.resolve("err.txt").toFile());
      pb.environment().put("IDENTITY_ENDPOINT", identity.baseUri() + "msi/token");
      pb.environment().put("IDENTITY_HEADER", "loopback-identity-header");
      pb.environment().remove("MSI_ENDPOINT");
      Process p = pb.start();
      boolean done = p.waitFor(120, TimeUnit.SECONDS);
      if (!done) {
        p.destroyForcibly();
      }
      String out = Files.readString(dir.resolve("out.txt"), StandardCharsets.UTF_8);
      String err = Files.readString(dir.resolve("err.txt"), StandardCharsets.UTF_8);
      assertThat(done).as(out + err).isTrue();
      assertThat(p.exitValue()).as(out + err).isZero();

      assertThat(issued.get()).as(out + err).isEqualTo(2);
      RecordedRequest first = identity.requests().get(0);
      assertThat(first.header("x-identity-header")).isEqualTo("loopback-identity-header");
      assertThat(first.path()).startsWith("/msi/token?").contains("resource=https");
      List<String> sent = new ArrayList<>();
      for (RecordedRequest r : azure.requests()) {
        sent.add(r.header("authorization"));
      }
      assertThat(sent).containsExactly("Bearer eyJ.managed-1-0123456789", "Bearer eyJ.managed-1-0123456789",
          "Bearer eyJ.managed-2-0123456789");
      assertThat(out).contains("CHILD DONE").doesNotContain("managed-");
    }
  }

  /** This test's class path and module path, as one class path for the child. */
  static String classPath() {
    List<String> entries = new ArrayList<>();
    for (String property : List.of("java.class.path", "jdk.module.path")) {
      String value = System.getProperty(property);
      if (value != null && !value.isBlank()) {
        entries.addAll(List.of(value.split(File.pathSeparator)));
      }
    }
    return String.join(File.pathSeparator, entries);
  }

  /** The child: a client with the managed identity as its source, three calls, Rill's clock moved between them. */
  public static final class Child {
    public static void main(String[] args) throws Exception {
      MutableClock clock = new MutableClock(Instant.now());
      CountingCredentialSource counting = new CountingCredentialSource(
          AzureTokenSource.of(new ManagedIdentityCredentialBuilder().build()));
      try (Rill rill = Rill.builder().discover(false).clock(clock).register(new AzureOpenAiProvider())
          .baseUrl("azure-openai", args[0]).credentials("azure-openai", counting).build()) {
        ChatRequest request = ChatRequest.builder("azure-openai:gpt-4o-deployment").user("hi").build();
        rill.call(request);
        clock.advance(Duration.ofSeconds(40)); // inside the refresh lead: this call keeps token 1, starts the refresh
        rill.call(request);
        counting.awaitAnswers(2); // the refresh ends
        rill.call(request);
      }
      System.out.println("CHILD DONE");
    }
  }
}
