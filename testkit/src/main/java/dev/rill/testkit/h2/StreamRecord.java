package dev.rill.testkit.h2;

import java.util.concurrent.atomic.AtomicLong;

/**
 * One stream as {@link H2StreamServer} served it. Live: the counters move while the stream runs.
 */
public final class StreamRecord {
  private final String command;
  private final String protocol;
  private final String connection;
  private final AtomicLong bytesSent = new AtomicLong();
  private final AtomicLong eventsSent = new AtomicLong();
  private volatile boolean completed;
  private volatile Exception failure;

  StreamRecord(String command, String protocol, String connection) {
    this.command = command;
    this.protocol = protocol;
    this.connection = connection;
  }

  /** The command that picked the response ({@code events:...}, {@code tick:...}, {@code hold}). */
  public String command() { return command; }

  /** {@code HTTP/2.0} or {@code HTTP/1.1}. */
  public String protocol() { return protocol; }

  /** The client's end of the connection the stream came on ({@code /127.0.0.1:port}): equal for shared ones. */
  public String connection() { return connection; }

  /** Body bytes the server handed to the connection so far (HTTP/2: what the stream's window allowed). */
  public long bytesSent() { return bytesSent.get(); }

  /** Events handed to the connection so far. */
  public long eventsSent() { return eventsSent.get(); }

  /** Whether the server sent the whole response. */
  public boolean completed() { return completed; }

  /**
   * Why the stream ended early, or null: over HTTP/2 a client's RST_STREAM arrives as HttpCore's
   * {@code H2StreamResetException}, a closed connection as a {@code ConnectionClosedException} or I/O error.
   */
  public Exception failure() { return failure; }

  void sent(int bytes, boolean event) {
    bytesSent.addAndGet(bytes);
    if (event) {
      eventsSent.incrementAndGet();
    }
  }

  void markCompleted() { completed = true; }

  void failed(Exception cause) {
    if (failure == null) {
      failure = cause;
    }
  }

  @Override
  public String toString() {
    return command + " " + protocol + " on " + connection + ": " + bytesSent() + " bytes, " + eventsSent()
        + " events" + (completed ? ", completed" : "") + (failure != null ? ", failed: " + failure : "");
  }
}
