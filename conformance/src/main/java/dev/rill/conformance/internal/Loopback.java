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
import dev.rill.testkit.server.H2WireServer;
import dev.rill.testkit.server.Response;
import dev.rill.testkit.server.ScriptedServer;
import dev.rill.testkit.server.ServedStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Flow;

/**
 * The plugin under test behind the real runtime, talking to a loopback server over one {@link Transport}: testkit's
 * {@code WireServer} (HTTP/1.1) or {@link H2WireServer} (HTTP/2, h2c, the client forcing HTTP/2); one client, one
 * server, closed together. Both servers play the same scripted {@link Response}s.
 */
public final class Loopback implements AutoCloseable {
  /** The API key the kit configures; never a real one. */
  public static final String KEY = "sk-rill-conformance-0000000000";

  private final StreamingProvider provider;
  private final ConformanceEnvironment env;
  private final StreamOpener streams;
  private final Transport transport;
  private final ScriptedServer server;
  private final Rill rill;

  public Loopback(StreamingProvider provider, ConformanceEnvironment env, StreamOpener streams) {
    this(provider, env, streams, Map.of(), "");
  }

  /** The plugin of {@code ctx}, with its provider options, over HTTP/1.1. */
  public Loopback(RuleContext ctx) {
    this(ctx, Transport.HTTP_1_1);
  }

  /** The plugin of {@code ctx}, with its provider options, over {@code transport}. */
  public Loopback(RuleContext ctx, Transport transport) {
    this(ctx.provider(), ctx.environment(), ctx.streams(), ctx.options(), "", transport, false);
  }

  /**
   * A loopback whose base URL is the server's address followed by {@code basePath} (e.g. {@code "/prefix/v1"}), with
   * {@code options} as the provider's options.
   */
  public Loopback(StreamingProvider provider, ConformanceEnvironment env, StreamOpener streams,
      Map<String, String> options, String basePath) {
    this(provider, env, streams, options, basePath, Transport.HTTP_1_1, false);
  }

  /**
   * A loopback over {@code transport}; with {@code shareHttp2}, the client shares HTTP/2 connections between
   * concurrent streams ({@code Rill.Builder#shareHttp2Connections}).
   */
  public Loopback(StreamingProvider provider, ConformanceEnvironment env, StreamOpener streams,
      Map<String, String> options, String basePath, Transport transport, boolean shareHttp2) {
    this.provider = provider;
    this.env = env;
    this.streams = streams;
    this.transport = transport;
    this.server = transport.startServer();
    String id = provider.info().id();
    Rill client;
    try {
      String base = server.baseUri().toString();
      if (!basePath.isEmpty()) {
        base = base.replaceAll("/+$", "") + (basePath.startsWith("/") ? basePath : "/" + basePath);
      }
      Rill.Builder b = Rill.builder().discover(false).register(provider).baseUrl(id, base)
          .apiKey(id, KEY).idleTimeout(env.timeout().multipliedBy(3)).httpVersion(transport.policy())
          .shareHttp2Connections(shareHttp2);
      options.forEach((name, value) -> b.option(id, name, value));
      client = b.build();
    } catch (RuntimeException e) {
      server.close();
      throw e;
    }
    this.rill = client;
  }

  public ScriptedServer server() { return server; }

  /** The HTTP version this loopback speaks. */
  public Transport transport() { return transport; }

  /** The HTTP/2 server, for the checks that look at streams; fails over HTTP/1.1. */
  public H2WireServer http2() {
    if (server instanceof H2WireServer h2) {
      return h2;
    }
    throw new IllegalStateException("this loopback speaks " + transport);
  }

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
          + "expected " + count + " within " + env.timeout().toMillis() + " ms: " + (transport == Transport.HTTP_2
              ? "the stream was neither reset nor its connection closed (" + server + ")"
              : "the connection was not closed"));
    }
  }

  /**
   * Over HTTP/2: waits until stream {@code index} (0-based, in arrival order) has ended, and fails unless the client
   * reset it (RST_STREAM) rather than closing its connection or letting it run.
   */
  public void assertStreamReset(int index, String when) throws InterruptedException {
    long deadline = System.nanoTime() + env.timeout().toNanos();
    H2WireServer h2 = http2();
    while ((h2.streams().size() <= index || h2.streams().get(index).end() == ServedStream.End.OPEN)
        && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    List<ServedStream> all = h2.streams();
    ServedStream.End end = all.size() <= index ? null : all.get(index).end();
    if (end != ServedStream.End.CLIENT_RESET) {
      throw new AssertionError(when + ": the server saw stream " + (index + 1) + " end "
          + (end == null ? "never (it never arrived)" : end == ServedStream.End.CONNECTION_CLOSED
              ? "with its connection closed: over HTTP/2 a cancel must reset the stream (RST_STREAM) and keep the "
              + "connection" : end.toString()) + " within " + env.timeout().toMillis() + " ms, expected a client "
          + "RST_STREAM");
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
