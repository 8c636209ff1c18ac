package dev.rill.runtime.internal.transport;

import java.time.Duration;

/**
 * How the HTTP transport is set up.
 *
 * @param connectTimeout the longest time to establish a connection
 * @param idleTimeout the longest silence on a connection while waiting for bytes (socket timeout)
 * @param maxConnections the pool's total limit
 * @param maxConnectionsPerRoute the pool's per-host limit
 * @param ioThreads I/O reactor threads (0: one per core)
 * @param receiveWindow the per-stream HTTP/1.1 receive window in bytes: how much body is read ahead of a slow
 *     subscriber before reading stops and TCP pushes back
 * @param socketReceiveBuffer SO_RCVBUF in bytes, or 0 for the operating system's default (which may autotune up
 *     to tens of MiB, all of which a slow subscriber lets the server fill before TCP pushes back)
 * @param sessionBuffer the size of each HTTP/1.1 connection's three buffers (input, output, decoded content), 0 for
 *     HttpCore's default (8 KiB): they dominate the heap an open stream holds
 */
public record TransportConfig(
    Duration connectTimeout, Duration idleTimeout, int maxConnections, int maxConnectionsPerRoute, int ioThreads,
    int receiveWindow,
    int socketReceiveBuffer,
    int sessionBuffer) {

  /** Connect in 10 s, 5 min idle, 256 connections (64 per host), 64 KiB window, 4 KiB session buffers. */
  public static final TransportConfig DEFAULT =
      new TransportConfig(Duration.ofSeconds(10), Duration.ofMinutes(5), 256, 64, 0, 64 * 1024, 0,
          4096);

  /** The configuration before session buffers were configurable (HttpCore's default size). */
  public TransportConfig(Duration connectTimeout, Duration idleTimeout, int maxConnections,
      int maxConnectionsPerRoute, int ioThreads, int receiveWindow, int socketReceiveBuffer) {
    this(connectTimeout, idleTimeout, maxConnections, maxConnectionsPerRoute, ioThreads, receiveWindow,
        socketReceiveBuffer, 0);
  }

  public TransportConfig {
    if (connectTimeout.isNegative() || connectTimeout.isZero() || idleTimeout.isNegative() || idleTimeout.isZero()) {
      throw new IllegalArgumentException("timeouts must be positive");
    }
    if (maxConnections <= 0 || maxConnectionsPerRoute <= 0 || ioThreads < 0 || receiveWindow < 1024
        || socketReceiveBuffer < 0 || sessionBuffer < 0 || (sessionBuffer > 0 && sessionBuffer < 512)) {
      throw new IllegalArgumentException("invalid pool or window settings");
    }
  }

  public TransportConfig withConnectTimeout(Duration d) {
    return new TransportConfig(d, idleTimeout, maxConnections, maxConnectionsPerRoute, ioThreads, receiveWindow, socketReceiveBuffer, sessionBuffer);
  }

  public TransportConfig withIdleTimeout(Duration d) {
    return new TransportConfig(connectTimeout, d, maxConnections, maxConnectionsPerRoute, ioThreads, receiveWindow, socketReceiveBuffer, sessionBuffer);
  }

  public TransportConfig withMaxConnections(int total, int perRoute) {
    return new TransportConfig(connectTimeout, idleTimeout, total, perRoute, ioThreads, receiveWindow, socketReceiveBuffer, sessionBuffer);
  }

  public TransportConfig withSocketReceiveBuffer(int bytes) {
    return new TransportConfig(connectTimeout, idleTimeout, maxConnections, maxConnectionsPerRoute, ioThreads,
        receiveWindow, bytes, sessionBuffer);
  }

  public TransportConfig withReceiveWindow(int bytes) {
    return new TransportConfig(connectTimeout, idleTimeout, maxConnections, maxConnectionsPerRoute, ioThreads, bytes,
        socketReceiveBuffer, sessionBuffer);
  }

  public TransportConfig withSessionBuffer(int bytes) {
    return new TransportConfig(connectTimeout, idleTimeout, maxConnections, maxConnectionsPerRoute, ioThreads,
        receiveWindow, socketReceiveBuffer, bytes);
  }
}
