package dev.rill.testkit.server;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.IntSupplier;

/**
 * What every {@link ScriptedServer} keeps whatever its HTTP version: the scripted responses (queue, dispatcher,
 * fallback), the requests received, and the live counters the checks read. {@link WireServer} and
 * {@link H2WireServer} differ only in how they serve a response and what ends one.
 *
 * @param <S> the server itself, so the fluent setters return it
 */
abstract class ScriptBook<S extends ScriptBook<S>> implements ScriptedServer {
  private static final Response DEFAULT_FALLBACK =
      Response.status(500).header("Content-Type", "text/plain").write("no scripted response\n").contentLength();

  private final ConcurrentLinkedQueue<Response> queue = new ConcurrentLinkedQueue<>();
  private volatile Response fallback = DEFAULT_FALLBACK;
  private volatile Function<RecordedRequest, Response> dispatcher;
  private final CopyOnWriteArrayList<RecordedRequest> requests = new CopyOnWriteArrayList<>();
  private final LinkedBlockingQueue<RecordedRequest> untaken = new LinkedBlockingQueue<>();
  /** Connections accepted, open now, responses being served, responses the client abandoned. */
  final AtomicInteger accepted = new AtomicInteger();
  final AtomicInteger open = new AtomicInteger();
  final AtomicInteger active = new AtomicInteger();
  final AtomicInteger disconnects = new AtomicInteger();
  final AtomicLong written = new AtomicLong();

  abstract S self();

  /** Queues a response for the next request that finds the queue empty before it. */
  @Override
  public S enqueue(Response response) {
    queue.add(response);
    return self();
  }

  /**
   * Chooses each request's response with {@code dispatcher} (null: back to the queue), for tests that run many
   * concurrent streams and need each to get its own script; a null answer serves the fallback.
   */
  @Override
  public S dispatch(Function<RecordedRequest, Response> dispatcher) {
    this.dispatcher = dispatcher;
    return self();
  }

  /** The response served when the queue is empty (instead of the default 500 "no scripted response"). */
  @Override
  public S fallback(Response response) {
    this.fallback = response;
    return self();
  }

  /** How many scripted responses are still queued. */
  @Override
  public int queuedResponses() {
    return queue.size();
  }

  /** Every request received so far, in arrival order. */
  @Override
  public List<RecordedRequest> requests() {
    return List.copyOf(requests);
  }

  /** How many requests were received. */
  @Override
  public int requestCount() {
    return requests.size();
  }

  /**
   * The oldest request not yet taken, waiting up to {@code timeout} for one; null on timeout. Independent of
   * {@link #requests()}.
   */
  @Override
  public RecordedRequest takeRequest(Duration timeout) {
    try {
      return untaken.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  /** Connections accepted so far. */
  @Override
  public int connectionsAccepted() {
    return accepted.get();
  }

  /** Accepted connections not yet closed (by either side). */
  @Override
  public int openConnections() {
    return open.get();
  }

  /** Responses being served right now (from reading the request to the end of the response or connection). */
  @Override
  public int activeResponses() {
    return active.get();
  }

  @Override
  public int clientDisconnects() {
    return disconnects.get();
  }

  /** Body bytes (without heads and framing) written so far, updated after each write. */
  @Override
  public long bytesWritten() {
    return written.get();
  }

  /** Waits until every accepted connection is closed; true if that happened within {@code timeout}. */
  @Override
  public boolean awaitNoOpenConnections(Duration timeout) {
    return await(() -> open.get() == 0 ? 0 : 1, 0, timeout);
  }

  /** Waits until no response is being served; true if that happened within {@code timeout}. */
  @Override
  public boolean awaitNoActiveResponses(Duration timeout) {
    return await(() -> active.get() == 0 ? 0 : 1, 0, timeout);
  }

  /** Waits until at least {@code count} client disconnects were seen; true if within {@code timeout}. */
  @Override
  public boolean awaitClientDisconnects(int count, Duration timeout) {
    return await(() -> disconnects.get() >= count ? 0 : 1, 0, timeout);
  }

  /** Waits until at least {@code count} requests arrived; true if within {@code timeout}. */
  @Override
  public boolean awaitRequests(int count, Duration timeout) {
    return await(() -> requests.size() >= count ? 0 : 1, 0, timeout);
  }

  /** Polls {@code value} every 5 ms until it equals {@code target}; false if {@code timeout} passed first. */
  static boolean await(IntSupplier value, int target, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      if (value.getAsInt() == target) {
        return true;
      }
      if (System.nanoTime() - deadline >= 0) {
        return false;
      }
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return value.getAsInt() == target;
      }
    }
  }

  /** Records {@code request} (for {@link #requests()} and {@link #takeRequest}). */
  void recordRequest(RecordedRequest request) {
    requests.add(request);
    untaken.add(request);
  }

  /** The response for {@code request}: the dispatcher's, else the queue's next, else the fallback. */
  Response nextResponse(RecordedRequest request) {
    Function<RecordedRequest, Response> d = dispatcher;
    if (d != null) {
      Response chosen = d.apply(request);
      return chosen != null ? chosen : fallback;
    }
    Response r = queue.poll();
    return r != null ? r : fallback;
  }
}
