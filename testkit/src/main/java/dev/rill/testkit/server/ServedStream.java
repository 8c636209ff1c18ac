package dev.rill.testkit.server;

import java.util.concurrent.atomic.AtomicLong;

/**
 * One HTTP/2 stream as {@link H2WireServer} served it: which request, on which connection, how many body bytes went
 * out, and how it ended as the server saw it. Live: the values move while the stream runs.
 */
public final class ServedStream {
  /** How a stream ended, as the server saw it. */
  public enum End {
    /** Still being served. */
    OPEN,
    /** The whole scripted response went out (END_STREAM). */
    COMPLETED,
    /** The client reset the stream (RST_STREAM) before the response ended. */
    CLIENT_RESET,
    /** The connection closed under the stream before the response ended (not by the server's script). */
    CONNECTION_CLOSED,
    /** The script cut the stream ({@link Response#closeMidStream()}, or a body unlike its Content-Length): RST_STREAM. */
    SERVER_RESET,
    /** The script closed the whole connection ({@link Response#reset()}). */
    SERVER_CLOSED_CONNECTION,
    /** The server was closed while the stream ran. */
    SERVER_STOPPED
  }

  private final RecordedRequest request;
  private final AtomicLong bytesSent = new AtomicLong();
  private volatile End end = End.OPEN;

  ServedStream(RecordedRequest request) {
    this.request = request;
  }

  /** The request the stream carried (its {@link RecordedRequest#connection()} numbers the connection). */
  public RecordedRequest request() {
    return request;
  }

  /** The 1-based number of the connection the stream came on, in accept order. */
  public int connection() {
    return request.connection();
  }

  /** Body bytes handed to the connection so far: what the stream's flow-control window let through. */
  public long bytesSent() {
    return bytesSent.get();
  }

  /** How the stream ended, or {@link End#OPEN}. */
  public End end() {
    return end;
  }

  void sent(long n) {
    bytesSent.addAndGet(n);
  }

  /** Sets the end once; returns whether this call set it. */
  synchronized boolean ended(End how) {
    if (end != End.OPEN) {
      return false;
    }
    end = how;
    return true;
  }

  @Override
  public String toString() {
    return "ServedStream[" + request.method() + " " + request.path() + ", connection " + connection() + ", "
        + bytesSent() + " bytes, " + end + "]";
  }
}
