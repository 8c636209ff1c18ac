package dev.rill.runtime.internal.transport;

import dev.rill.runtime.HttpVersionPolicy;
import java.time.Duration;

/**
 * How the HTTP transport is set up.
 *
 * @param connectTimeout the longest time to establish a connection
 * @param idleTimeout the longest silence on a connection while waiting for bytes (socket timeout)
 * @param poolTimeout the longest wait for a pooled connection when every connection to the host is busy
 * @param maxConnections the pool's total limit
 * @param maxConnectionsPerRoute the pool's per-host limit
 * @param ioThreads I/O reactor threads (0: one per core)
 * @param receiveWindow the per-stream receive window in bytes (HTTP/1.1, and the HTTP/2 stream window): how much body is read ahead of a slow
 *     subscriber before reading stops and TCP pushes back
 * @param socketReceiveBuffer SO_RCVBUF in bytes, or 0 for the operating system's default (which may autotune up
 *     to tens of MiB, all of which a slow subscriber lets the server fill before TCP pushes back)
 * @param sessionBuffer the size of each HTTP/1.1 connection's three buffers (input, output, decoded content), 0 for
 *     HttpCore's default (8 KiB): they dominate the heap an open stream holds
 * @param httpVersion which HTTP version connections speak; also the HTTP/2 stream window is {@code receiveWindow}
 * @param shareHttp2 whether concurrent streams to one host share an HTTP/2 connection (HttpClient's experimental
 *     message multiplexing); off by default, see {@code Rill.Builder#shareHttp2Connections}
 */
public record TransportConfig(
    Duration connectTimeout, Duration idleTimeout, Duration poolTimeout, int maxConnections,
    int maxConnectionsPerRoute, int ioThreads, int receiveWindow, int socketReceiveBuffer, int sessionBuffer,
    HttpVersionPolicy httpVersion, boolean shareHttp2) {

  /**
   * Connect in 10 s; 5 min of silence; 30 s for a pooled connection (a stream holds its connection for as long as
   * it runs, so a longer wait means the pool is too small for the load, which the error says); 256 connections, 64
   * per host; a 64 KiB window; 4 KiB session buffers; HTTP/2 negotiated by ALPN over TLS.
   */
  public static final TransportConfig DEFAULT = new TransportConfig(Duration.ofSeconds(10), Duration.ofMinutes(5),
      Duration.ofSeconds(30), 256, 64, 0, 64 * 1024, 0, 4096, HttpVersionPolicy.NEGOTIATE, false);

  public TransportConfig {
    if (!positive(connectTimeout) || !positive(idleTimeout) || !positive(poolTimeout)) {
      throw new IllegalArgumentException("timeouts must be positive");
    }
    if (maxConnections <= 0 || maxConnectionsPerRoute <= 0 || ioThreads < 0 || receiveWindow < 1024
        || socketReceiveBuffer < 0 || sessionBuffer < 0 || (sessionBuffer > 0 && sessionBuffer < 512)) {
      throw new IllegalArgumentException("invalid pool or window settings");
    }
    if (httpVersion == null) {
      throw new IllegalArgumentException("httpVersion must not be null");
    }
  }

  private static boolean positive(Duration d) {
    return d != null && !d.isNegative() && !d.isZero();
  }

  public TransportConfig withConnectTimeout(Duration d) {
    return new TransportConfig(d, idleTimeout, poolTimeout, maxConnections, maxConnectionsPerRoute, ioThreads,
        receiveWindow, socketReceiveBuffer, sessionBuffer, httpVersion, shareHttp2);
  }

  public TransportConfig withIdleTimeout(Duration d) {
    return new TransportConfig(connectTimeout, d, poolTimeout, maxConnections, maxConnectionsPerRoute, ioThreads,
        receiveWindow, socketReceiveBuffer, sessionBuffer, httpVersion, shareHttp2);
  }

  public TransportConfig withPoolTimeout(Duration d) {
    return new TransportConfig(connectTimeout, idleTimeout, d, maxConnections, maxConnectionsPerRoute, ioThreads,
        receiveWindow, socketReceiveBuffer, sessionBuffer, httpVersion, shareHttp2);
  }

  public TransportConfig withMaxConnections(int total, int perRoute) {
    return new TransportConfig(connectTimeout, idleTimeout, poolTimeout, total, perRoute, ioThreads, receiveWindow,
        socketReceiveBuffer, sessionBuffer, httpVersion, shareHttp2);
  }

  public TransportConfig withIoThreads(int threads) {
    return new TransportConfig(connectTimeout, idleTimeout, poolTimeout, maxConnections, maxConnectionsPerRoute,
        threads, receiveWindow, socketReceiveBuffer, sessionBuffer, httpVersion, shareHttp2);
  }

  public TransportConfig withSocketReceiveBuffer(int bytes) {
    return new TransportConfig(connectTimeout, idleTimeout, poolTimeout, maxConnections, maxConnectionsPerRoute,
        ioThreads, receiveWindow, bytes, sessionBuffer, httpVersion, shareHttp2);
  }

  public TransportConfig withReceiveWindow(int bytes) {
    return new TransportConfig(connectTimeout, idleTimeout, poolTimeout, maxConnections, maxConnectionsPerRoute,
        ioThreads, bytes, socketReceiveBuffer, sessionBuffer, httpVersion, shareHttp2);
  }

  public TransportConfig withSessionBuffer(int bytes) {
    return new TransportConfig(connectTimeout, idleTimeout, poolTimeout, maxConnections, maxConnectionsPerRoute,
        ioThreads, receiveWindow, socketReceiveBuffer, bytes, httpVersion, shareHttp2);
  }

  public TransportConfig withHttpVersion(HttpVersionPolicy policy) {
    return new TransportConfig(connectTimeout, idleTimeout, poolTimeout, maxConnections, maxConnectionsPerRoute,
        ioThreads, receiveWindow, socketReceiveBuffer, sessionBuffer, policy, shareHttp2);
  }

  public TransportConfig withShareHttp2(boolean share) {
    return new TransportConfig(connectTimeout, idleTimeout, poolTimeout, maxConnections, maxConnectionsPerRoute,
        ioThreads, receiveWindow, socketReceiveBuffer, sessionBuffer, httpVersion, share);
  }
}
