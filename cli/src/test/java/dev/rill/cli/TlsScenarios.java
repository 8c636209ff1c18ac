package dev.rill.cli;

import dev.rill.api.ChatRequest;
import dev.rill.api.RillException;
import dev.rill.runtime.Rill;
import dev.rill.runtime.StreamOptions;
import java.util.concurrent.CompletionException;

/**
 * The child JVM of {@link TlsVerificationTest} (it needs its own trust store, which the JVM reads once): one OpenAI
 * call per base URL given, with the key in the last argument, each outcome printed on one line as
 * {@code ok <text>} or {@code error <kind> <message>}.
 */
public final class TlsScenarios {
  private TlsScenarios() {}

  public static void main(String[] args) {
    String key = args[args.length - 1];
    for (int i = 0; i < args.length - 1; i++) {
      try (Rill rill = Rill.builder().environment(name -> null).baseUrl("openai", args[i]).apiKey("openai", key)
          .build()) {
        String text = rill.stream(ChatRequest.builder("openai:gpt-4o-mini").user("hi").build(), StreamOptions.basic())
            .text().join();
        System.out.println("ok " + text);
      } catch (CompletionException e) {
        RillException r = (RillException) e.getCause();
        System.out.println("error " + r.kind() + " " + r.getMessage().replace('\n', ' '));
      }
    }
  }
}
