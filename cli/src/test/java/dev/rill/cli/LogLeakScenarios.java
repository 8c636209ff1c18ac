package dev.rill.cli;

import dev.rill.api.ChatRequest;
import dev.rill.api.ChatResponse;
import dev.rill.api.ProviderSettings;
import dev.rill.api.RillException;
import dev.rill.api.Secret;
import dev.rill.api.StreamChunk;
import dev.rill.runtime.CallInfo;
import dev.rill.runtime.ChatStream;
import dev.rill.runtime.RetryPolicy;
import dev.rill.runtime.Rill;
import dev.rill.runtime.StreamListener;
import dev.rill.runtime.StreamOptions;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;

/**
 * The child JVM of {@link LogLeakTest}: representative calls with a canary key, every outcome printed (messages,
 * stack traces, listener events) so that the parent can grep all of it. Arguments: {@code full|tls-only}, the plain
 * base URL, the TLS base URL, the canary key. The key is also in the environment variable {@code RILL_CANARY_KEY}
 * for {@code rill stream --api-key-env}.
 */
public final class LogLeakScenarios {
  private LogLeakScenarios() {}

  public static void main(String[] args) throws Exception {
    String mode = args[0];
    String plain = args[1] + "v1";
    String tls = args[2] + "v1";
    String key = args[3];
    if (mode.equals("full")) {
      try (Rill rill = Rill.builder().baseUrl("openai", plain).apiKey("openai", key).build()) {
        System.out.println("settings: " + ProviderSettings.of("openai", URI.create(plain), Secret.of(key),
            java.util.Map.of("Authorization", "Bearer " + key), java.util.Map.of()));
        System.out.println("call: " + rill.providers().require("openai").prepare(request(),
            ProviderSettings.of("openai", URI.create(plain), Secret.of(key))));
        collect("plain-ok", rill, StreamOptions.basic());
        collect("plain-401-echo", rill, StreamOptions.basic());
        collect("plain-500-echo-retried", rill, StreamOptions.enhancedBuilder().listener(new Printer())
            .retry(RetryPolicy.attempts(2).withBackoff(Duration.ofMillis(5), Duration.ofMillis(5))).build());
        collect("plain-error-event-echo", rill, StreamOptions.basic());
        collect("plain-malformed-echo", rill, StreamOptions.basic());
        cancelAfterFirstChunk(rill);
        throwFromOnError(rill);
      }
      cli("cli-json-401-echo", "--json", plain);
      cli("cli-text-401-echo", null, plain);
      // the key as a bearer token from a credential source (SPI 2), echoed back by a 401
      try (Rill rill = Rill.builder().baseUrl("openai", plain).credentials("openai", dev.rill.api.CredentialSource.of(
          "canary-source", dev.rill.api.Credential.bearerToken(key, java.time.Instant.now().plusSeconds(3600))))
          .build()) {
        collect("plain-source-401-echo", rill, StreamOptions.enhancedBuilder().listener(new Printer()).build());
      }
    }
    try (Rill rill = Rill.builder().baseUrl("openai", tls).apiKey("openai", key).build()) {
      collect("tls-ok", rill, StreamOptions.basic());
      if (mode.equals("full")) {
        collect("tls-401-echo", rill, StreamOptions.basic());
      }
    }
    System.out.println("SCENARIOS DONE");
  }

  static ChatRequest request() {
    return ChatRequest.builder("openai:gpt-4o-mini").user("Why is the sky blue?").build();
  }

  static void collect(String name, Rill rill, StreamOptions options) {
    try {
      ChatResponse r = rill.stream(request(), options).collect().orTimeout(30, TimeUnit.SECONDS).join();
      System.out.println("SCENARIO " + name + ": ok, text " + r.text().length() + " chars, warnings " + r.warnings());
    } catch (CompletionException e) {
      report(name, e.getCause());
    } catch (RuntimeException e) {
      report(name, e);
    }
  }

  static void report(String name, Throwable t) {
    System.out.println("SCENARIO " + name + ": " + t);
    if (t instanceof RillException r) {
      System.out.println("  providerCode=" + r.providerCode() + " providerMessage=" + r.providerMessage() + " raw="
          + r.rawEvent() + " warnings=" + r.partial().warnings());
    }
    System.err.println("SCENARIO " + name + " stack trace:");
    t.printStackTrace();
  }

  /** A subscriber that cancels after the first chunk (the server then stalls). */
  static void cancelAfterFirstChunk(Rill rill) throws InterruptedException {
    CountDownLatch first = new CountDownLatch(1);
    ChatStream stream = rill.stream(request());
    stream.subscribe(new Flow.Subscriber<StreamChunk>() {
      Flow.Subscription s;
      @Override public void onSubscribe(Flow.Subscription s) { this.s = s; s.request(1); }
      @Override public void onNext(StreamChunk c) { s.cancel(); first.countDown(); }
      @Override public void onError(Throwable t) { report("plain-cancel (error)", t); first.countDown(); }
      @Override public void onComplete() { first.countDown(); }
    });
    boolean got = first.await(30, TimeUnit.SECONDS);
    Thread.sleep(300);
    System.out.println("SCENARIO plain-cancel: " + (got ? "cancelled after the first chunk" : "no chunk"));
  }

  /** A subscriber whose onError throws: the runtime logs it through System.Logger. */
  static void throwFromOnError(Rill rill) throws InterruptedException {
    CountDownLatch done = new CountDownLatch(1);
    rill.stream(request()).subscribe(new Flow.Subscriber<StreamChunk>() {
      @Override public void onSubscribe(Flow.Subscription s) { s.request(Long.MAX_VALUE); }
      @Override public void onNext(StreamChunk c) {}
      @Override public void onError(Throwable t) {
        done.countDown();
        throw new IllegalStateException("the application failed on: " + t.getMessage(), t);
      }
      @Override public void onComplete() { done.countDown(); }
    });
    done.await(30, TimeUnit.SECONDS);
    Thread.sleep(300);
    System.out.println("SCENARIO plain-throwing-subscriber: done");
  }

  static void cli(String name, String flag, String base) {
    java.util.List<String> a = new java.util.ArrayList<>(java.util.List.of("stream", "openai:gpt-4o-mini", "Hi",
        "--base-url", base, "--api-key-env", "RILL_CANARY_KEY"));
    if (flag != null) {
      a.add(flag);
    }
    int exit = new CommandLine(new RillCommand()).execute(a.toArray(new String[0]));
    System.out.println("SCENARIO " + name + ": exit " + exit);
  }

  /** Prints every listener event, as a logging listener would. */
  static final class Printer implements StreamListener {
    @Override public void onRetry(CallInfo call, int next, Duration delay, RillException e) {
      System.out.println("  listener: retry " + next + " after " + delay + ": " + e.getMessage());
    }
    @Override public void onError(CallInfo call, RillException e) {
      System.out.println("  listener: error " + e.getMessage());
    }
    @Override public void onWarning(CallInfo call, String warning) {
      System.out.println("  listener: warning " + warning);
    }
  }
}
