package dev.rill.testkit.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A scriptable, fault-injecting HTTP/1.1 server on {@code 127.0.0.1} (ephemeral port), on plain blocking sockets
 * with a daemon thread per connection. Tests script {@link Response}s; each request (any method, any path) gets the
 * next one in FIFO order, or the {@link #fallback(Response) fallback} when the queue is empty (by default a 500
 * {@code "no scripted response"}).
 *
 * <pre>{@code
 * try (WireServer server = WireServer.start()) {
 *   server.enqueue(Response.sseData("{\"a\":1}", "[DONE]"));
 *   ... client.send(HttpRequest.newBuilder(server.baseUri().resolve("/v1/chat")) ...) ...
 *   RecordedRequest sent = server.takeRequest(Duration.ofSeconds(1));
 *   assertThat(server.awaitNoActiveResponses(Duration.ofSeconds(1))).isTrue();
 * }
 * }</pre>
 *
 * <p>Requests are read fully (headers, then a Content-Length or chunked body; {@code Expect: 100-continue} is
 * answered) and recorded before the response is chosen. Connections are kept alive across requests, as pooling
 * clients expect, unless the request says {@code Connection: close} or the response ends the connection.
 *
 * <p>Observability: {@link #connectionsAccepted()}, {@link #openConnections()}, {@link #activeResponses()},
 * {@link #clientDisconnects()} and {@link #bytesWritten()} are live counters for fault and back-pressure tests.
 * Note that a client pool keeps a connection open after a complete response: {@link #awaitNoOpenConnections}
 * then waits for the client to drop it, while {@link #awaitNoActiveResponses} only waits for responses to end.
 *
 * <p>{@link #close()} closes the listening socket and every connection, which ends any stall or pause, and waits
 * briefly for the threads to finish. Thread-safe.
 */
public final class WireServer extends ScriptBook<WireServer> {
  private final ServerSocket listener;
  private final Thread acceptor;
  private final Set<Connection> connections = ConcurrentHashMap.newKeySet();
  private final Set<Thread> threads = ConcurrentHashMap.newKeySet();
  private volatile int sendBufferSize;
  private volatile boolean closed;

  private WireServer(ServerSocket listener) {
    this.listener = listener;
    this.acceptor = new Thread(this::acceptLoop, "wire-server-accept-" + listener.getLocalPort());
    acceptor.setDaemon(true);
  }

  /** Starts a server on {@code 127.0.0.1} and an ephemeral port. */
  public static WireServer start() {
    try {
      ServerSocket socket = new ServerSocket();
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
      WireServer server = new WireServer(socket);
      server.acceptor.start();
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the wire server", e);
    }
  }

  /**
   * Starts a server on {@code 127.0.0.1} and an ephemeral port that speaks TLS 1.3 (HTTP/1.1 inside, no ALPN) with
   * {@code tls}'s key, e.g. {@code dev.rill.testkit.h2.TestCertificate#serverContext()}; its {@link #baseUri()} is
   * {@code https://localhost:<port>/}.
   */
  public static WireServer startTls(javax.net.ssl.SSLContext tls) {
    return startTls(tls, false);
  }

  /**
   * {@link #startTls(javax.net.ssl.SSLContext)}, and with {@code needClientAuth} the handshake fails unless the
   * client presents a certificate that {@code tls}'s trust managers accept (mutual TLS).
   */
  public static WireServer startTls(javax.net.ssl.SSLContext tls, boolean needClientAuth) {
    try {
      javax.net.ssl.SSLServerSocket socket = (javax.net.ssl.SSLServerSocket) tls.getServerSocketFactory()
          .createServerSocket();
      socket.setEnabledProtocols(new String[] {"TLSv1.3"});
      socket.setNeedClientAuth(needClientAuth);
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
      WireServer server = new WireServer(socket);
      server.acceptor.start();
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the TLS wire server", e);
    }
  }

  /** {@code HTTP/1.1}. */
  @Override
  public String protocol() {
    return "HTTP/1.1";
  }

  /** {@code http://127.0.0.1:<port>/} ({@code https://localhost:<port>/} with TLS); resolve paths against it. */
  @Override
  public URI baseUri() {
    return listener instanceof javax.net.ssl.SSLServerSocket ? URI.create("https://localhost:" + port() + "/")
        : URI.create("http://127.0.0.1:" + port() + "/");
  }

  /** The listening port. */
  @Override
  public int port() {
    return listener.getLocalPort();
  }

  /** Sets {@code SO_SNDBUF} on connections accepted from now on, e.g. 4096 for back-pressure tests; 0 = default. */
  public WireServer sendBufferSize(int bytes) {
    this.sendBufferSize = bytes;
    return this;
  }

  /**
   * Connections where the server saw the client close or reset while it was writing a response or waiting in
   * one (a pause, a gap, a stall). A client closing an idle kept-alive connection does not count.
   */
  @Override
  public int clientDisconnects() {
    return disconnects.get();
  }

  /** Closes the listener and every connection, ending stalls and pauses; waits up to 2 s for the threads. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      listener.close();
    } catch (IOException ignored) {
      // closing anyway
    }
    for (Connection c : connections) {
      c.closeByServer();
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
    join(acceptor, deadline);
    for (Thread t : threads) {
      join(t, deadline);
    }
  }

  private static void join(Thread t, long deadline) {
    long left = deadline - System.nanoTime();
    if (left > 0 && t != Thread.currentThread()) {
      try {
        t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public String toString() {
    return "WireServer[" + baseUri() + ", " + requestCount() + " requests, " + open.get() + " open connections]";
  }

  /** WireServer itself. */
  @Override
  WireServer self() {
    return this;
  }

  // ---- internals used by Connection

  boolean isClosed() {
    return closed;
  }

  void responseStarted() {
    active.incrementAndGet();
  }

  void responseEnded() {
    active.decrementAndGet();
  }

  void clientDisconnected() {
    disconnects.incrementAndGet();
  }

  void bodyBytesWritten(long n) {
    written.addAndGet(n);
  }

  void connectionClosed(Connection c) {
    if (connections.remove(c)) {
      open.decrementAndGet();
    }
    threads.remove(Thread.currentThread());
  }

  private void acceptLoop() {
    while (!closed) {
      Socket socket;
      try {
        socket = listener.accept();
      } catch (IOException e) {
        if (closed) {
          return;
        }
        continue;
      }
      int id = accepted.incrementAndGet();
      open.incrementAndGet();
      Connection c = new Connection(this, socket, id);
      connections.add(c);
      try {
        socket.setTcpNoDelay(true);
        int sndbuf = sendBufferSize;
        if (sndbuf > 0) {
          socket.setSendBufferSize(sndbuf);
        }
      } catch (IOException e) {
        // keep the defaults
      }
      if (closed) {
        c.closeByServer();
        connectionClosed(c);
        return;
      }
      Thread t = new Thread(c, "wire-server-conn-" + id);
      t.setDaemon(true);
      threads.add(t);
      t.start();
    }
  }
}
