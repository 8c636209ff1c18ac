package dev.rill.benchmarks;

import dev.rill.api.ChatRequest;
import dev.rill.provider.openai.OpenAiProvider;
import dev.rill.runtime.Rill;
import dev.rill.runtime.StreamOptions;
import java.net.URI;

/**
 * Rill: one {@link Rill} client, {@code forEach} over the chunk stream, content appended on the I/O thread; basic
 * mode, or enhanced mode with its defaults (metadata, timeouts by phase, retry, continuity checks).
 */
final class RillClient implements BenchClient {
  private static final ChatRequest REQUEST = ChatRequest.builder("openai:" + MODEL).user(PROMPT).build();
  private final Rill rill;
  private final StreamOptions options;

  RillClient(URI base, boolean enhanced) {
    this(base, enhanced, null);
  }

  /** With {@code tls} as its TLS context ({@code Rill.Builder.sslContext}), or the JVM's default when null. */
  RillClient(URI base, boolean enhanced, javax.net.ssl.SSLContext tls) {
    this.options = enhanced ? StreamOptions.enhanced() : StreamOptions.basic();
    Rill.Builder b = Rill.builder().discover(false).register(new OpenAiProvider())
        .baseUrl("openai", base.toString()).apiKey("openai", API_KEY);
    if (tls != null) {
      b.sslContext(tls);
    }
    this.rill = b.build();
  }

  @Override
  public String stream(Runnable firstChunk) {
    StringBuilder text = new StringBuilder(8192);
    rill.stream(REQUEST, options).forEach(chunk -> {
      String c = chunk.content();
      if (!c.isEmpty()) {
        if (text.length() == 0) {
          firstChunk.run();
        }
        text.append(c);
      }
    }).join();
    return text.toString();
  }

  @Override
  public void close() {
    rill.close();
  }
}
