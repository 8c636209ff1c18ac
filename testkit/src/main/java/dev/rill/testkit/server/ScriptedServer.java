package dev.rill.testkit.server;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;

/**
 * A loopback server that plays scripted {@link Response}s, whatever the HTTP version: {@link WireServer} (HTTP/1.1,
 * a blocking thread per connection) and {@link H2WireServer} (HTTP/2, non-blocking). Checks written against this
 * interface run unchanged over both; what differs is what "the client went away" means, see
 * {@link #clientDisconnects()}.
 */
public interface ScriptedServer extends AutoCloseable {
  /** The HTTP version the server speaks: {@code HTTP/1.1} or {@code HTTP/2}. */
  String protocol();

  /** The base URI; resolve paths against it. */
  URI baseUri();

  /** The base URI resolved with {@code path}, e.g. {@code url("/v1/chat/completions")}. */
  default URI url(String path) {
    return baseUri().resolve(path);
  }

  /** The listening port. */
  int port();

  /** Queues a response for the next request that finds the queue empty before it. */
  ScriptedServer enqueue(Response response);

  /** Chooses each request's response with {@code dispatcher} (null: back to the queue); a null answer serves the fallback. */
  ScriptedServer dispatch(Function<RecordedRequest, Response> dispatcher);

  /** The response served when the queue is empty (instead of the default 500 "no scripted response"). */
  ScriptedServer fallback(Response response);

  /** How many scripted responses are still queued. */
  int queuedResponses();

  /** Every request received so far, in arrival order. */
  List<RecordedRequest> requests();

  /** How many requests were received. */
  int requestCount();

  /** The oldest request not yet taken, waiting up to {@code timeout} for one; null on timeout. */
  RecordedRequest takeRequest(Duration timeout);

  /** Connections accepted so far. */
  int connectionsAccepted();

  /** Accepted connections not yet closed (by either side). */
  int openConnections();

  /** Responses being served right now (from reading the request to the end of the response). */
  int activeResponses();

  /**
   * Responses the client abandoned while the server was writing them or waiting in them (a pause, a gap, a stall).
   * Over HTTP/1.1 the client closed or reset the connection; over HTTP/2 it reset the stream (RST_STREAM) or closed
   * the connection ({@link H2WireServer#streams()} says which). A client closing an idle connection does not count.
   */
  int clientDisconnects();

  /** Body bytes written so far (without heads and framing), updated after each write. */
  long bytesWritten();

  /** Waits until every accepted connection is closed; true if that happened within {@code timeout}. */
  boolean awaitNoOpenConnections(Duration timeout);

  /** Waits until no response is being served; true if that happened within {@code timeout}. */
  boolean awaitNoActiveResponses(Duration timeout);

  /** Waits until at least {@code count} client disconnects were seen; true if within {@code timeout}. */
  boolean awaitClientDisconnects(int count, Duration timeout);

  /** Waits until at least {@code count} requests arrived; true if within {@code timeout}. */
  boolean awaitRequests(int count, Duration timeout);

  /** Closes the listener and every connection, ending stalls and pauses. */
  @Override
  void close();
}
