package dev.rill.testkit.server;

import dev.rill.testkit.h2.TestCertificate;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hc.core5.http.URIScheme;
import org.apache.hc.core5.http.impl.bootstrap.HttpAsyncServer;
import org.apache.hc.core5.http2.HttpVersionPolicy;
import org.apache.hc.core5.http2.config.H2Config;
import org.apache.hc.core5.http2.impl.nio.bootstrap.H2ServerBootstrap;
import org.apache.hc.core5.http2.ssl.H2ServerTlsStrategy;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.reactor.IOReactorConfig;
import org.apache.hc.core5.reactor.IOSession;
import org.apache.hc.core5.reactor.IOSessionListener;
import org.apache.hc.core5.reactor.ListenerEndpoint;
import org.apache.hc.core5.util.Timeout;

/**
 * {@link WireServer}'s scripts over HTTP/2: the same {@link Response}s, played on HttpCore 5's own non-blocking
 * HTTP/2 server, over h2c (HTTP/2 with prior knowledge on plain {@code http://127.0.0.1}) or TLS with ALPN
 * ({@code https://localhost}, HTTP/2 only). Each request (any method, any path) is one stream and gets the next
 * queued response, as with {@link WireServer}; streams on one connection are served concurrently.
 *
 * <pre>{@code
 * try (H2WireServer server = H2WireServer.startH2c()) {
 *   server.enqueue(Response.sseData("{\"a\":1}", "[DONE]"));
 *   ... a client with prior knowledge of HTTP/2 ...
 *   assertThat(server.streams().get(0).end()).isEqualTo(ServedStream.End.COMPLETED);
 * }
 * }</pre>
 *
 * <p><b>How the steps map to HTTP/2.</b> A write is one DATA frame or more, sent only as the stream's flow-control
 * window allows (so {@link ServedStream#bytesSent()} shows back-pressure); pauses, gaps, drips and
 * {@link Response#stallBeforeHeaders stalls before the head} are timers, and a client that resets the stream or closes
 * the connection meanwhile is seen at once. The framing of the script does not exist in HTTP/2: a chunked or
 * close-delimited body ends with END_STREAM, a Content-Length body sends {@code content-length} and ends with
 * END_STREAM when the steps wrote that many bytes. The terminal steps:
 * <ul>
 *   <li>{@link Response#stallForever()}: the stream stays open, nothing more is sent, until the client ends it;
 *   <li>{@link Response#closeMidStream()} (HTTP/1.1: a FIN without the body's end): RST_STREAM (INTERNAL_ERROR) on
 *       that stream alone, the connection stays. Over HTTP/2 a body cut short is a stream reset: that is what an
 *       HTTP/2 server or proxy sends when a response breaks, and the connection carries other streams. A body shorter
 *       or longer than its declared Content-Length is cut the same way;
 *   <li>{@link Response#reset()} (HTTP/1.1: a TCP reset): the whole connection is closed at once, without GOAWAY,
 *       every stream on it included: the HTTP/2 form of a connection that dies.
 * </ul>
 * Headers HTTP/2 forbids ({@code Connection}, {@code Keep-Alive}, {@code Transfer-Encoding}, {@code Upgrade},
 * {@code Proxy-Connection}) are not sent, nor a scripted {@code Content-Length} (the server sends its own); the
 * reason phrase does not exist in HTTP/2. A recorded request gets a {@code host} header from {@code :authority}.
 *
 * <p>Observability: the {@link ScriptedServer} counters, and {@link #streams()}: each stream's end as the server saw
 * it (completed, reset by the client, connection closed...) and its bytes. {@link #clientResets()} counts the
 * client's RST_STREAMs alone. {@link #close()} closes every connection at once. Thread-safe.
 */
public final class H2WireServer extends ScriptBook<H2WireServer> {
  private final HttpAsyncServer server;
  private final boolean tls;
  private final int port;
  private final ScheduledExecutorService timers;
  private final CopyOnWriteArrayList<ServedStream> streams = new CopyOnWriteArrayList<>();
  private final Map<SocketAddress, Integer> connectionIds = new ConcurrentHashMap<>();
  private final Map<SocketAddress, IOSession> sessions = new ConcurrentHashMap<>();
  private final Map<String, SocketAddress> remotes = new ConcurrentHashMap<>(); // by session id
  private final java.util.Set<SocketAddress> closedByScript = ConcurrentHashMap.newKeySet();
  private final AtomicInteger resets = new AtomicInteger();
  private volatile boolean closed;

  private H2WireServer(TestCertificate certificate) throws IOException {
    this.tls = certificate != null;
    this.timers = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "h2-wire-server-timer");
      t.setDaemon(true);
      return t;
    });
    H2ServerBootstrap bootstrap = H2ServerBootstrap.bootstrap()
        .setVersionPolicy(tls ? HttpVersionPolicy.NEGOTIATE : HttpVersionPolicy.FORCE_HTTP_2)
        .setCanonicalHostName(tls ? "localhost" : "127.0.0.1")
        .setH2Config(H2Config.custom().setPushEnabled(false).build())
        .setIOReactorConfig(IOReactorConfig.custom().setSoTimeout(Timeout.DISABLED).setTcpNoDelay(true)
            .setIoThreadCount(1).build())
        .setIOSessionListener(new Sessions())
        .register("*", () -> new ScriptedExchange(this));
    if (tls) {
      bootstrap.setTlsStrategy(new H2ServerTlsStrategy(certificate.serverContext()));
    }
    server = bootstrap.create();
    server.start();
    try {
      ListenerEndpoint endpoint = server.listen(new InetSocketAddress("127.0.0.1", 0),
          tls ? URIScheme.HTTPS : URIScheme.HTTP).get(10, TimeUnit.SECONDS);
      port = ((InetSocketAddress) endpoint.getAddress()).getPort();
    } catch (Exception e) {
      server.close(CloseMode.IMMEDIATE);
      timers.shutdownNow();
      throw new IOException("cannot listen", e);
    }
  }

  /** Starts an h2c server (HTTP/2 with prior knowledge) on {@code 127.0.0.1} and an ephemeral port. */
  public static H2WireServer startH2c() {
    try {
      return new H2WireServer(null);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the HTTP/2 wire server", e);
    }
  }

  /**
   * Starts an HTTP/2 server over TLS (ALPN offers {@code h2} alone) with {@code certificate}'s key; its
   * {@link #baseUri()} is {@code https://localhost:<port>/}, which clients trusting the certificate reach.
   */
  public static H2WireServer startTls(TestCertificate certificate) {
    try {
      return new H2WireServer(java.util.Objects.requireNonNull(certificate, "certificate"));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the HTTP/2 TLS wire server", e);
    }
  }

  /** {@code HTTP/2}. */
  @Override
  public String protocol() {
    return "HTTP/2";
  }

  /** {@code http://127.0.0.1:<port>/} (h2c) or {@code https://localhost:<port>/} (TLS). */
  @Override
  public URI baseUri() {
    return URI.create(tls ? "https://localhost:" + port + "/" : "http://127.0.0.1:" + port + "/");
  }

  @Override
  public int port() {
    return port;
  }

  /** Every stream served so far (one per request), in arrival order. */
  public List<ServedStream> streams() {
    return List.copyOf(streams);
  }

  /** Streams the client reset (RST_STREAM) or whose connection closed before the response ended. */
  @Override
  public int clientDisconnects() {
    return disconnects.get();
  }

  /** Streams the client reset (RST_STREAM) before the response ended: the part of {@link #clientDisconnects()} that left the connection up. */
  public int clientResets() {
    return resets.get();
  }

  /** Closes the listener and every connection at once, ending stalls and pauses. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    timers.shutdownNow();
    server.close(CloseMode.IMMEDIATE);
  }

  @Override
  public String toString() {
    return "H2WireServer[" + baseUri() + ", " + open.get() + " open connections, streams " + streams + "]";
  }

  /** H2WireServer itself. */
  @Override
  H2WireServer self() {
    return this;
  }

  // ---- internals used by ScriptedExchange

  boolean isClosed() {
    return closed;
  }

  ScheduledExecutorService timers() {
    return timers;
  }

  int connectionId(SocketAddress remote) {
    Integer id = remote == null ? null : connectionIds.get(remote);
    return id == null ? 0 : id;
  }

  /** Closes the connection to {@code remote} at once (no GOAWAY); false if it is not known. */
  boolean closeConnection(SocketAddress remote) {
    IOSession session = remote == null ? null : sessions.get(remote);
    if (session == null) {
      return false;
    }
    closedByScript.add(remote);
    session.close(CloseMode.IMMEDIATE);
    return true;
  }

  /** Whether a script closed the connection to {@code remote} ({@link Response#reset()}). */
  boolean closedByScript(SocketAddress remote) {
    return remote != null && closedByScript.contains(remote);
  }

  ServedStream received(RecordedRequest request) {
    recordRequest(request);
    ServedStream stream = new ServedStream(request);
    streams.add(stream);
    active.incrementAndGet();
    return stream;
  }

  void bodyBytesWritten(ServedStream stream, long n) {
    stream.sent(n);
    written.addAndGet(n);
  }

  /** Ends {@code stream} once, counting a client's reset or close as a disconnect. */
  void ended(ServedStream stream, ServedStream.End how) {
    ServedStream.End end = closed && how == ServedStream.End.CONNECTION_CLOSED ? ServedStream.End.SERVER_STOPPED : how;
    if (!stream.ended(end)) {
      return;
    }
    active.decrementAndGet();
    if (end == ServedStream.End.CLIENT_RESET) {
      resets.incrementAndGet();
      disconnects.incrementAndGet();
    } else if (end == ServedStream.End.CONNECTION_CLOSED) {
      disconnects.incrementAndGet();
    }
  }

  /** Counts connections and keeps each one's session, to number requests by connection and close one on demand. */
  private final class Sessions implements IOSessionListener {
    @Override
    public void connected(IOSession session) {
      SocketAddress remote = session.getRemoteAddress();
      if (remote != null && !connectionIds.containsKey(remote)) {
        connectionIds.put(remote, accepted.incrementAndGet());
        sessions.put(remote, session);
        remotes.put(session.getId(), remote);
        open.incrementAndGet();
      }
    }

    @Override
    public void disconnected(IOSession session) {
      SocketAddress remote = remotes.remove(session.getId()); // a closed session may no longer know its address
      if (remote != null && sessions.remove(remote) != null) {
        open.decrementAndGet();
      }
    }

    @Override public void startTls(IOSession session) {}
    @Override public void inputReady(IOSession session) {}
    @Override public void outputReady(IOSession session) {}
    @Override public void timeout(IOSession session) {}
    @Override public void exception(IOSession session, Exception ex) {}
  }
}
