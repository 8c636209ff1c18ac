package dev.rill.api;

/**
 * Which timeout fired, for an {@link ErrorKind#TIMEOUT} error.
 *
 * @since 0.1
 */
public enum TimeoutPhase {
  /** Waiting for a connection from the client's pool (every pooled connection to the host was busy). */
  POOL,
  /** Establishing the connection. */
  CONNECT,
  /** From sending the request to the first content chunk. */
  FIRST_CHUNK,
  /** The gap between two wire events (comments and pings count as events). */
  IDLE,
  /** The whole call (in enhanced mode retries and fallbacks included). */
  TOTAL,
  /** The provider reported a timeout (408, 504). */
  PROVIDER
}
