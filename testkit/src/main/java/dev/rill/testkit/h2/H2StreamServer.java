package dev.rill.testkit.h2;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.apache.hc.core5.http.URIScheme;
import org.apache.hc.core5.http.impl.bootstrap.HttpAsyncServer;
import org.apache.hc.core5.http2.HttpVersionPolicy;
import org.apache.hc.core5.http2.config.H2Config;
import org.apache.hc.core5.http2.impl.nio.bootstrap.H2ServerBootstrap;
import org.apache.hc.core5.http2.ssl.H2ServerTlsStrategy;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.reactor.IOReactorConfig;
import org.apache.hc.core5.reactor.ListenerEndpoint;
import org.apache.hc.core5.util.Timeout;

/**
 * A loopback server-sent-events server on HttpCore 5's own HTTP/2 server, over TLS (ALPN picks HTTP/2 or HTTP/1.1)
 * or plain (h2c with prior knowledge, or HTTP/1.1), for the transport's HTTP/2 and TLS tests and benchmarks. Unlike
 * {@link dev.rill.testkit.server.WireServer} it is non-blocking (no thread per connection), so one process holds
 * tens of thousands of open streams, and it honours each HTTP/2 stream's flow-control window: the bytes it sent on a
 * stream ({@link StreamRecord#bytesSent()}) are what the client's window let through.
 *
 * <p>The request body's text after its last {@code |} (the runtime's test provider sends {@code model|text}) picks
 * the response, a stream of events {@code data: t:<text>\n\n}, each {@code size} bytes long:
 * <ul>
 *   <li>{@code events:<n>:<size>}: {@code n} events as fast as the window allows, then {@code data: [DONE]};
 *   <li>{@code tick:<millis>:<n>}: one event every {@code millis}, {@code n} in all, then {@code [DONE]};
 *   <li>{@code hold}: one event, then the stream stays open until the client ends it or the server closes.
 * </ul>
 * With {@link #replay} set, every request gets the replayed events instead (and, with {@link #holdAfter}, a request
 * whose body contains {@code hold} gets the first few and is then held open).
 * Anything else gets a 400. {@link #main} runs it in its own process for the many-streams measurement.
 */
public final class H2StreamServer implements AutoCloseable {
  /** How the server listens. */
  public enum Mode {
    /** TLS; ALPN offers {@code h2} and {@code http/1.1}. */
    TLS,
    /** TLS; ALPN offers {@code http/1.1} only. */
    TLS_HTTP1,
    /** Plain HTTP/2 with prior knowledge (h2c). */
    H2C
  }

  private final HttpAsyncServer server;
  private final Mode mode;
  private final int port;
  private final ScheduledExecutorService ticker;
  private final List<StreamRecord> streams = new CopyOnWriteArrayList<>();
  private volatile List<byte[]> replay;
  private volatile long replayGapMillis;
  private volatile int holdAfter = -1;

  private H2StreamServer(Mode mode, TestCertificate certificate, int maxConcurrentStreams) throws IOException {
    this.mode = mode;
    this.ticker = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "h2-stream-server-ticker");
      t.setDaemon(true);
      return t;
    });
    H2ServerBootstrap bootstrap = H2ServerBootstrap.bootstrap()
        .setVersionPolicy(switch (mode) {
          case TLS -> HttpVersionPolicy.NEGOTIATE;
          case TLS_HTTP1 -> HttpVersionPolicy.FORCE_HTTP_1;
          case H2C -> HttpVersionPolicy.FORCE_HTTP_2;
        })
        .setH2Config(H2Config.custom().setMaxConcurrentStreams(maxConcurrentStreams).setPushEnabled(false).build())
        .setIOReactorConfig(IOReactorConfig.custom().setSoTimeout(Timeout.DISABLED).setTcpNoDelay(true)
            .setIoThreadCount(1).setBacklogSize(4096).build())
        .register("*", () -> new SseExchange(this));
    if (mode != Mode.H2C) {
      SSLContext tls = certificate.serverContext();
      bootstrap.setTlsStrategy(new H2ServerTlsStrategy(tls));
    }
    server = bootstrap.create();
    server.start();
    try {
      ListenerEndpoint endpoint = server.listen(new InetSocketAddress("127.0.0.1", 0),
          mode == Mode.H2C ? URIScheme.HTTP : URIScheme.HTTPS).get(10, TimeUnit.SECONDS);
      port = ((InetSocketAddress) endpoint.getAddress()).getPort();
    } catch (Exception e) {
      server.close(CloseMode.IMMEDIATE);
      throw new IOException("cannot listen", e);
    }
  }

  /** Starts a server; {@code certificate} may be null for {@link Mode#H2C}. At most 10,000 streams per connection. */
  public static H2StreamServer start(Mode mode, TestCertificate certificate) throws IOException {
    return start(mode, certificate, 10_000);
  }

  /** Starts a server that allows {@code maxConcurrentStreams} streams per HTTP/2 connection. */
  public static H2StreamServer start(Mode mode, TestCertificate certificate, int maxConcurrentStreams)
      throws IOException {
    return new H2StreamServer(mode, certificate, maxConcurrentStreams);
  }

  /**
   * From now on every request, whatever its body, gets {@code events} (each one whole wire event, e.g. {@code data:
   * ...\n\n}) followed by nothing more: back to back, or one every {@code gapMillis} (&gt; 0). For the benchmarks'
   * recorded transcripts.
   */
  public H2StreamServer replay(List<byte[]> events, long gapMillis) {
    this.replay = List.copyOf(events);
    this.replayGapMillis = gapMillis;
    return this;
  }

  /**
   * From now on a replayed stream whose request body contains the word {@code hold} (e.g. in the prompt) gets only
   * the first {@code events} replayed events and then stays open, silent, until the client ends it or the server
   * closes; other requests get the whole replay. For the benchmarks' open-streams measurement: a first request
   * completes (so the client pools its connection), the held ones stay.
   */
  public H2StreamServer holdAfter(int events) {
    if (events < 1) {
      throw new IllegalArgumentException("hold after at least one event: " + events);
    }
    this.holdAfter = events;
    return this;
  }

  int holdAfter() {
    return holdAfter;
  }

  List<byte[]> replayEvents() {
    return replay;
  }

  long replayGapMillis() {
    return replayGapMillis;
  }

  /** The listening port. */
  public int port() {
    return port;
  }

  /** {@code https://localhost:<port>/} (TLS) or {@code http://localhost:<port>/} (h2c; HttpCore answers 421 to another authority). */
  public URI baseUri() {
    return URI.create((mode == Mode.H2C ? "http" : "https") + "://localhost:" + port + "/");
  }

  /** Every stream served so far, in the order their requests arrived. */
  public List<StreamRecord> streams() {
    return List.copyOf(streams);
  }

  void served(StreamRecord record) {
    streams.add(record);
  }

  ScheduledExecutorService ticker() {
    return ticker;
  }

  static ByteBuffer event(String text, int size) {
    StringBuilder b = new StringBuilder(Math.max(size, 16)).append("data: t:").append(text);
    while (b.length() < size - 2) {
      b.append('x');
    }
    return ByteBuffer.wrap(b.append("\n\n").toString().getBytes(StandardCharsets.US_ASCII));
  }

  @Override
  public void close() {
    ticker.shutdownNow();
    server.close(CloseMode.IMMEDIATE);
  }

  /**
   * Runs a server in this process until standard input closes: {@code H2StreamServer tls|tls-http1|h2c <keyStore>
   * [maxConcurrentStreams]}, the key store made by {@link TestCertificate} ({@code -} for h2c). Prints {@code PORT
   * <n>} when it listens, and {@code STREAMS <served> <ended>} on each line read from standard input.
   */
  public static void main(String[] args) throws Exception {
    Mode mode = switch (args[0]) {
      case "tls" -> Mode.TLS;
      case "tls-http1" -> Mode.TLS_HTTP1;
      case "h2c" -> Mode.H2C;
      default -> throw new IllegalArgumentException("mode: tls, tls-http1 or h2c");
    };
    TestCertificate cert = args[1].equals("-") ? null : new TestCertificate(java.nio.file.Path.of(args[1]), null);
    int max = args.length > 2 ? Integer.parseInt(args[2]) : 20_000;
    try (H2StreamServer s = start(mode, cert, max)) {
      System.out.println("PORT " + s.port);
      System.out.flush();
      java.io.BufferedReader in = new java.io.BufferedReader(
          new java.io.InputStreamReader(System.in, StandardCharsets.UTF_8));
      while (in.readLine() != null) {
        List<StreamRecord> all = s.streams();
        System.out.println("STREAMS " + all.size() + " " + all.stream().filter(r -> r.failure() != null).count());
        System.out.flush();
      }
    }
  }
}
