package dev.rill.benchmarks;

import java.net.URI;

/**
 * One streaming chat client under test, pointed at the loopback server's base URL ({@code http://127.0.0.1:port/v1/}).
 * Built once per JVM and base URL, then asked for one stream at a time per calling thread. Implementations:
 * Rill and the hand-written floors here, the peers in the {@code peers} profile (found through {@link Factory}
 * services).
 */
public interface BenchClient extends AutoCloseable {

  /** The request every client sends (the server ignores it, but every client builds and sends it). */
  String PROMPT = "Say something long.";
  /** The model every client asks for. */
  String MODEL = "gpt-4o-mini";
  /** The API key every client sends. */
  String API_KEY = "sk-bench-not-a-key";

  /**
   * Streams one chat completion and returns its content text, concatenated. {@code firstChunk} runs once, when
   * the first non-empty content delta arrives. Blocks until the stream has ended.
   */
  String stream(Runnable firstChunk) throws Exception;

  /**
   * Whether {@link #stream} returns the content text; a client that discards the body returns its byte count
   * (as decimal text) instead, and the harness checks that.
   */
  default boolean deliversText() {
    return true;
  }

  @Override
  void close();

  /** Creates one kind of client; the peers register theirs as services. */
  interface Factory {
    /** The client's name in results, e.g. {@code openai-java}. */
    String name();

    /** A client streaming from {@code base} (ends with {@code /v1/}). */
    BenchClient create(URI base);
  }
}
