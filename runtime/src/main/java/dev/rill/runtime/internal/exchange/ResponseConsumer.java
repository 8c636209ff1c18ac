package dev.rill.runtime.internal.exchange;

import dev.rill.runtime.internal.transport.HttpTransport;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.EntityDetails;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.nio.AsyncResponseConsumer;
import org.apache.hc.core5.http.nio.CapacityChannel;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.reactor.IOSession;

/**
 * HttpClient 5's view of one exchange: receives the response head and body on the I/O thread and hands them to
 * the exchange, returns read credit to the capacity window while the exchange's queue is short, and aborts the
 * HTTP exchange at most once. Any {@link Throwable} escaping the exchange's handling (an {@link OutOfMemoryError}
 * included) is caught here and ends that exchange only, so the I/O thread, and every other stream on it, goes on.
 *
 * <p><b>Back-pressure.</b> Bytes consumed are owed back to the window, in steps of half of it (capped by HTTP/2's
 * default stream window), only while the exchange is not holding credit: a consumer that stops asking for chunks
 * stops the reads, the window and the socket buffers fill, and TCP pushes back on the server.
 */
final class ResponseConsumer implements AsyncResponseConsumer<Void>, HttpTransport.Http2StreamAware {
  private static final System.Logger LOG = System.getLogger(ResponseConsumer.class.getName());

  /** What the exchange does with the response; every method runs on the I/O thread. */
  interface Handler {
    void onHead(int status, Map<String, String> headers, String contentType, boolean hasBody);

    void onBody(ByteBuffer bytes);

    void onBodyEnd();

    void onFailure(Exception cause);

    /** A throwable escaped one of the methods above. */
    void onInternalFailure(Throwable t);

    /** Whether the exchange is over (later bytes are read and dropped, so the connection can be reused). */
    boolean isOver();

    /** Whether enough chunks wait for demand that no more should be read. */
    boolean holdsCredit();
  }

  private final Handler handler;
  private final int creditStep;
  private final boolean plainHttp;
  private final boolean sharedHttp2;
  private final AtomicBoolean aborted = new AtomicBoolean();
  private final AtomicBoolean cancelled = new AtomicBoolean();
  private final AtomicLong heldCredit = new AtomicLong();
  private volatile Future<Void> future;
  private volatile IOSession connection;
  private volatile CapacityChannel capacity;
  private volatile int status;
  private volatile boolean multiplexed;
  private volatile org.apache.hc.core5.concurrent.Cancellable http2Stream;
  private FutureCallback<Void> resultCallback;

  ResponseConsumer(Handler handler, int receiveWindow, boolean plainHttp, boolean sharedHttp2) {
    this.handler = handler;
    this.creditStep = Math.min(receiveWindow, 65_535) >> 1;
    this.plainHttp = plainHttp;
    this.sharedHttp2 = sharedHttp2;
  }

  /** The exchange's future, as the transport returned it. */
  void exchange(Future<Void> f) {
    this.future = f;
    if (aborted.get()) {
      abort();
    }
  }

  /** Whether the HTTP exchange has finished (its body ended, or it failed or was aborted). */
  boolean isDone() {
    Future<Void> f = future;
    return f == null || f.isDone();
  }

  /** The request went out on {@code session} (I/O thread); an abort that came first closes it now. */
  void connectionKnown(IOSession session) {
    connection = session;
    if (aborted.get() && (plainHttp || !sharedHttp2)) {
      session.close(CloseMode.IMMEDIATE);
    }
  }

  /** The request went out on an HTTP/2 stream (I/O thread); an abort that came first resets it now. */
  @Override
  public void http2Stream(org.apache.hc.core5.concurrent.Cancellable reset) {
    http2Stream = reset;
    multiplexed = true;
    if (aborted.get()) {
      reset.cancel();
    }
  }

  @Override
  public void consumeResponse(HttpResponse response, EntityDetails entity, HttpContext context,
      FutureCallback<Void> callback) {
    this.resultCallback = callback;
    status = response.getCode();
    // HttpCore's HTTP/2 response carries no version of its own; the exchange's context has the connection's.
    org.apache.hc.core5.http.ProtocolVersion version = response.getVersion() != null ? response.getVersion()
        : context != null ? context.getProtocolVersion() : null;
    multiplexed = version != null && version.getMajor() >= 2;
    if (connection == null) {
      connection = HttpTransport.currentSession();
    }
    Map<String, String> headers = new LinkedHashMap<>();
    for (Header header : response.getHeaders()) {
      headers.merge(header.getName().toLowerCase(Locale.ROOT), header.getValue(), (a, b) -> a + ", " + b);
    }
    String contentType = entity == null ? headers.get("content-type") : entity.getContentType();
    try {
      handler.onHead(status, headers, contentType, entity != null);
      if (entity == null) {
        handler.onBodyEnd();
      }
    } catch (Throwable t) {
      handler.onInternalFailure(t);
    }
    if (entity == null) {
      callback.completed(null);
    }
  }

  @Override
  public void informationResponse(HttpResponse response, HttpContext context) {}

  @Override
  public void updateCapacity(CapacityChannel channel) {
    this.capacity = channel;
    grantCredit();
  }

  @Override
  public void consume(ByteBuffer src) {
    int n = src.remaining();
    if (!handler.isOver()) {
      try {
        handler.onBody(src);
      } catch (Throwable t) {
        handler.onInternalFailure(t);
      }
    }
    src.position(src.limit());
    heldCredit.addAndGet(n);
    grantCredit();
  }

  @Override
  public void streamEnd(List<? extends Header> trailers) {
    try {
      if (!handler.isOver()) {
        handler.onBodyEnd();
      }
    } catch (Throwable t) {
      handler.onInternalFailure(t);
    } finally {
      FutureCallback<Void> cb = resultCallback;
      if (cb != null) {
        cb.completed(null);
      }
    }
  }

  @Override
  public void failed(Exception cause) {
    try {
      handler.onFailure(cause);
    } catch (Throwable t) {
      handler.onInternalFailure(t);
    }
  }

  @Override
  public void releaseResources() {
    // HttpClient calls this once when the exchange is over; the exchange releases its decoder itself.
  }

  /** Returns owed read credit unless the exchange holds it; also after delivery frees room in the queue. */
  void grantCredit() {
    CapacityChannel ch = capacity;
    if (ch == null || aborted.get()) {
      return;
    }
    if (handler.holdsCredit() && !handler.isOver()) {
      return;
    }
    // Credit goes back in steps of half the window, not per read: each update takes the session's lock and wakes
    // its selector (a syscall). While less than half is held, more than half of the window is still open.
    if (heldCredit.get() < creditStep) {
      return;
    }
    long credit = heldCredit.getAndSet(0);
    if (credit > 0) {
      try {
        ch.update((int) Math.min(credit, Integer.MAX_VALUE));
      } catch (IOException | RuntimeException e) {
        LOG.log(System.Logger.Level.DEBUG, "capacity update failed", e);
      }
    }
  }

  /**
   * Aborts the HTTP exchange, at most once. An HTTP/2 stream on a shared connection is reset alone (RST_STREAM) and
   * HttpClient's exchange ended as completed, so its connection stays for the other streams. Otherwise (HTTP/1.1, or
   * HTTP/2 on a connection of its own) the exchange's future is cancelled and the connection, which carries this
   * exchange alone, closed too, since HttpClient 5.6 does not always act on the cancel. An
   * exchange that already finished is left alone (its connection went back to the pool); one not sent yet is aborted
   * as soon as it is.
   */
  void abort() {
    aborted.set(true);
    Future<Void> f = future;
    if (f == null || f.isDone() || !cancelled.compareAndSet(false, true)) {
      return;
    }
    org.apache.hc.core5.concurrent.Cancellable stream = http2Stream;
    if (stream != null && sharedHttp2) {
      // An HTTP/2 stream on a shared connection: reset it alone (RST_STREAM CANCEL), then end HttpClient's exchange
      // as completed, so its connection stays in the pool for the other streams. Cancelling the future instead would
      // fail the exchange, and HttpClient 5.6 then discards its endpoint: the whole shared connection, every stream
      // on it included. (HttpClient then keeps counting the connection as leased: it gives an HTTP/2 lease back only
      // when the exchange ends or fails.)
      stream.cancel();
      FutureCallback<Void> cb = resultCallback;
      if (cb != null) {
        cb.completed(null);
      }
      return;
    }
    // An HTTP/1.1 exchange, or an HTTP/2 stream on a connection of its own (the default): the future is cancelled and
    // the connection, which carries nothing else, closed. Closing it is what gives the lease back: HttpClient 5.6
    // does not always act on the future's cancel (HTTP/1.1 or HTTP/2 alike). Resetting an unshared HTTP/2 stream
    // ourselves (as on a shared connection) left its connection leased, open and unused after every cancel: HttpCore
    // then drops the stream without telling HttpClient's exchange, which alone gives an HTTP/2 lease back.
    f.cancel(true);
    // Before the response head the protocol is known only for plain http; over TLS a shared client's connection
    // may be a shared HTTP/2 one, which the future's cancel resets per stream.
    IOSession session = connection;
    boolean alone = !sharedHttp2 || (status > 0 ? !multiplexed : plainHttp);
    if (alone && session != null) {
      session.close(CloseMode.IMMEDIATE);
    }
  }

  /** Whether {@link #abort()} was called. */
  boolean aborted() {
    return aborted.get();
  }
}
