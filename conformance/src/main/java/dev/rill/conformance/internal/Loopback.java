package dev.rill.conformance.internal;

import dev.rill.api.ChatAccumulator;
import dev.rill.api.ChatRequest;
import dev.rill.api.ChatResponse;
import dev.rill.api.RillException;
import dev.rill.api.StreamChunk;
import dev.rill.api.StreamingProvider;
import dev.rill.conformance.ConformanceEnvironment;
import dev.rill.conformance.TestSubscriber;
import dev.rill.runtime.Rill;
import dev.rill.runtime.StreamOptions;
import dev.rill.testkit.server.Response;
import dev.rill.testkit.server.WireServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Flow;

/**
 * The plugin under test behind the real runtime, talking to a loopback {@link WireServer}: one client, one server,
 * closed together.
 */
public final class Loopback implements AutoCloseable {
  /** The API key the kit configures; never a real one. */
  public static final String KEY = "sk-rill-conformance-0000000000";

  private final StreamingProvider provider;
  private final ConformanceEnvironment env;
  private final StreamOpener streams;
  private final WireServer server;
  private final Rill rill;

  public Loopback(StreamingProvider provider, ConformanceEnvironment env, StreamOpener streams) {
    this(provider, env, streams, Map.of(), "");
  }

  /** The plugin of {@code ctx}, with its provider options. */
  public Loopback(RuleContext ctx) {
    this(ctx.provider(), ctx.environment(), ctx.streams(), ctx.options(), "");
  }

  /**
   * A loopback whose base URL is the server's address followed by {@code basePath} (e.g. {@code "/prefix/v1"}), with
   * {@code options} as the provider's options.
   */
  public Loopback(StreamingProvider provider, ConformanceEnvironment env, StreamOpener streams,
      Map<String, String> options, String basePath) {
    this.provider = provider;
    this.env = env;
    this.streams = streams;
    this.server = WireServer.start();
    String id = provider.info().id();
    Rill client;
    try {
      String base = server.baseUri().toString();
      if (!basePath.isEmpty()) {
        base = base.replaceAll("/+$", "") + (basePath.startsWith("/") ? basePath : "/" + basePath);
      }
      Rill.Builder b = Rill.builder().discover(false).register(provider).baseUrl(id, base)
          .apiKey(id, KEY).idleTimeout(env.timeout().multipliedBy(3));
      options.forEach((name, value) -> b.option(id, name, value));
      client = b.build();
    } catch (RuntimeException e) {
      server.close();
      throw e;
    }
    this.rill = client;
  }

  public WireServer server() { return server; }

  public Rill rill() { return rill; }

  /** A 200 response with the framing's media type writing {@code body} in one chunk. */
  public Response ok(byte[] body) {
    return head().write(body);
  }

  /** A 200 response head with the framing's media type and no body steps yet. */
  public Response head() {
    return Response.status(200).header("Content-Type", provider.info().framing().mediaType());
  }

  /** Enqueues {@code response} on the server; returns this loopback. */
  public Loopback serverEnqueue(Response response) {
    server.enqueue(response);
    return this;
  }

  /** Opens a stream through the configured opener. */
  public Flow.Publisher<StreamChunk> open(ChatRequest request) {
    return streams.open(rill, request);
  }

  /** Opens a stream with per-call options (the enhanced pipeline) through the configured opener. */
  public Flow.Publisher<StreamChunk> open(ChatRequest request, StreamOptions options) {
    return streams.open(rill, request, options);
  }

  /**
   * What consuming a whole stream gave.
   *
   * @param chunks the chunks received
   * @param response their fold
   * @param error the terminal error, or null on completion
   * @param violations what the recording subscriber saw wrong
   */
  public record Result(List<StreamChunk> chunks, ChatResponse response, Throwable error, List<String> violations) {
    /** The error as a RillException, or an AssertionError saying what came instead. */
    public RillException rillError() {
      if (error instanceof RillException e) {
        return e;
      }
      throw new AssertionError(error == null ? "the stream completed (" + chunks.size() + " chunks) but must fail"
          : "the stream failed with " + error.getClass().getName() + " instead of a RillException: " + error, error);
    }
  }

  /** Serves {@code response} to one stream of {@code request}, consumes it with unbounded demand, and folds it. */
  public Result run(ChatRequest request, Response response) throws InterruptedException {
    server.enqueue(response);
    TestSubscriber s = new TestSubscriber(0).start(open(request), Long.MAX_VALUE);
    if (!s.awaitTerminal(env.timeout())) {
      s.subscription().cancel();
      throw new AssertionError("the stream gave no terminal signal within " + env.timeout().toMillis() + " ms ("
          + s.chunks().size() + " chunks so far)");
    }
    ChatAccumulator acc = new ChatAccumulator(provider.info().id(), null);
    s.chunks().forEach(acc::add);
    return new Result(s.chunks(), acc.response(), s.error(), s.violations());
  }

  /** Waits until the client's pool has no leased connection; fails otherwise. */
  public void assertNoLeasedConnections(String when) throws InterruptedException {
    long deadline = System.nanoTime() + env.timeout().toNanos();
    while (rill.poolStats().leased() > 0 && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    if (rill.poolStats().leased() > 0) {
      throw new AssertionError(when + ": " + rill.poolStats().leased() + " connection(s) still leased after "
          + env.timeout().toMillis() + " ms: the exchange was not released");
    }
  }

  /**
   * Waits until the server has seen {@code count} client disconnects, or has no open connection left (a close it
   * did not count as a disconnect); fails otherwise.
   */
  public void assertDisconnects(int count, String when) throws InterruptedException {
    long deadline = System.nanoTime() + env.timeout().toNanos();
    while (server.clientDisconnects() < count && server.openConnections() > 0 && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    if (server.clientDisconnects() < count && server.openConnections() > 0) {
      throw new AssertionError(when + ": the server saw " + server.clientDisconnects() + " client disconnect(s), "
          + "expected " + count + " within " + env.timeout().toMillis() + " ms: the connection was not closed");
    }
  }

  /** Sleeps for the environment's quiet period. */
  public void quiet() throws InterruptedException {
    Thread.sleep(env.quiet().toMillis());
  }

  /** A long wait for server stalls. */
  public Duration longStall() {
    return env.timeout().multipliedBy(6);
  }

  @Override
  public void close() {
    try {
      rill.close();
    } finally {
      server.close();
    }
  }
}
