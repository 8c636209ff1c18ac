package dev.rill.runtime;

/**
 * Which HTTP version a client's connections speak ({@link Rill.Builder#httpVersion}).
 *
 * <p>Whatever the policy, a connection made while HttpClient 5's header or HTTP/2 frame loggers are at DEBUG speaks
 * HTTP/1.1: those loggers would print HTTP/2 header values (credentials included), which Rill cannot redact.
 *
 * @since 0.1
 */
public enum HttpVersionPolicy {
  /** HTTP/1.1 only: one connection per concurrent stream, ALPN offers {@code http/1.1} alone. */
  FORCE_HTTP_1,
  /**
   * The default: over TLS, ALPN offers {@code h2} and {@code http/1.1} and the server picks (real providers pick
   * HTTP/2, and concurrent streams to one host then share one connection); plain {@code http://} is HTTP/1.1.
   */
  NEGOTIATE,
  /**
   * HTTP/2 only: over TLS ALPN offers {@code h2} alone (a server without it fails the handshake); plain
   * {@code http://} speaks HTTP/2 with prior knowledge (h2c), which a local HTTP/1.1 server will not understand.
   */
  FORCE_HTTP_2
}
