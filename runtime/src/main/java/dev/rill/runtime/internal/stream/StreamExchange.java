package dev.rill.runtime.internal.stream;

import dev.rill.api.ChatAccumulator;
import dev.rill.api.ChatResponse;
import dev.rill.api.ChunkMetadata;
import dev.rill.api.ChunkSink;
import dev.rill.api.ErrorKind;
import dev.rill.api.Framing;
import dev.rill.api.HttpCall;
import dev.rill.api.ProviderError;
import dev.rill.api.RillException;
import dev.rill.api.StreamChunk;
import dev.rill.api.StreamDecoder;
import dev.rill.api.TimeoutPhase;
import dev.rill.api.WireEvent;
import dev.rill.framing.EventHandler;
import dev.rill.framing.Framer;
import dev.rill.framing.Framers;
import dev.rill.runtime.MalformedEventPolicy;
import dev.rill.runtime.Stage;
import dev.rill.runtime.internal.transport.HttpTransport;
import dev.rill.runtime.internal.transport.RetryAfter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Flow;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.EntityDetails;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.nio.AsyncResponseConsumer;
import org.apache.hc.core5.http.nio.CapacityChannel;
import org.apache.hc.core5.http.protocol.HttpContext;

/**
 * One call of one stream: the subscriber's {@link Flow.Subscription}, and the HTTP response consumer that
 * frames and decodes the body on the I/O thread.
 *
 * <p><b>Threads.</b> HttpClient calls the consumer methods on its I/O thread, one at a time. Chunks go into a
 * queue, and a drain loop guarded by {@code wip} delivers them to the subscriber, so signals are serial
 * whichever thread (I/O or the subscriber's {@code request}) runs the loop (RS 1.3).
 *
 * <p><b>Back-pressure.</b> The body is read through HttpClient's capacity window: bytes consumed are owed
 * back to the window only while fewer than {@link #LOW_WATER} decoded chunks wait for demand. A subscriber
 * that stops requesting therefore stops the reads, and TCP pushes back on the server; memory stays bounded
 * by the window plus {@code LOW_WATER} chunks.
 *
 * <p><b>Terminal.</b> The upstream ends once ({@code upstreamDone}): completion, failure or cancel. The
 * subscriber then gets exactly one terminal signal after the queued chunks, none after a cancel (RS 3.12),
 * and the HTTP exchange is cancelled at most once ({@link #abortExchange()}).
 */
final class StreamExchange implements Flow.Subscription, AsyncResponseConsumer<Void>, EventHandler, ChunkSink {
  private static final System.Logger LOG = System.getLogger(StreamExchange.class.getName());
  static final int LOW_WATER = 32;

  private final CallSpec spec;
  private final String providerId;
  private Flow.Subscriber<? super StreamChunk> subscriber;

  // Downstream state.
  private final AtomicLong requested = new AtomicLong();
  private final AtomicInteger wip = new AtomicInteger();
  private final Queue<StreamChunk> queue = new ConcurrentLinkedQueue<>();
  private final AtomicInteger queued = new AtomicInteger();
  private volatile boolean cancelled;
  private volatile boolean upstreamDone;
  private volatile Throwable upstreamError;
  private boolean downstreamDone;

  // Upstream (HTTP) state: written on the I/O thread unless noted.
  private final AtomicBoolean started = new AtomicBoolean();
  private final AtomicBoolean terminated = new AtomicBoolean();
  private final AtomicBoolean aborted = new AtomicBoolean();
  private volatile Future<Void> exchange;
  private volatile org.apache.hc.core5.reactor.IOSession connection;
  private volatile boolean multiplexed;
  private volatile boolean plainHttp;
  private volatile boolean subscribing;
  private volatile CapacityChannel capacity;
  private final AtomicLong heldCredit = new AtomicLong();
  private final ChatAccumulator accumulator;
  private volatile ChatResponse finalResponse;
  private StreamDecoder decoder;
  private Framer framer;
  private int status;
  private Map<String, String> headers = Map.of();
  private boolean streaming;
  private boolean ended;
  private ByteArrayOutputStream errorBody;
  private FutureCallback<Void> resultCallback;
  private volatile boolean discardQueued;

  // Enhanced-mode state (null/unused in basic mode).
  private final Enhancements enh;
  private final Stage[] stages;
  private long chunkIndex;
  private int pendingWireBytes;
  private int skippedEvents;
  private volatile long sentNanos;
  private volatile long lastWireNanos;
  private volatile boolean sawOutput;
  private String answeredModel;

  StreamExchange(CallSpec spec, Flow.Subscriber<? super StreamChunk> subscriber) {
    this.spec = spec;
    this.providerId = spec.providerId();
    this.subscriber = subscriber;
    this.accumulator = new ChatAccumulator(providerId, spec.request().model());
    this.enh = spec.enhancements();
    this.answeredModel = spec.request().model();
    if (enh == null) {
      this.stages = new Stage[0];
    } else {
      this.stages = enh.stages().toArray(new Stage[0]);
    }
  }

  void start() {
    // RS 1.3: no onNext may overlap onSubscribe, so demand signalled inside onSubscribe only starts the call
    // once onSubscribe has returned.
    subscribing = true;
    try {
      subscriber.onSubscribe(this);
    } catch (Throwable t) {
      // RS 2.13: a throwing onSubscribe is a broken subscriber; there is nobody left to tell.
      cancelled = true;
      LOG.log(System.Logger.Level.WARNING, "subscriber threw from onSubscribe; stream cancelled", t);
    } finally {
      subscribing = false;
    }
    if (!cancelled && requested.get() > 0 && started.compareAndSet(false, true)) {
      send();
    }
    drain();
  }

  // ---------------------------------------------------------------- Flow.Subscription

  @Override
  public void request(long n) {
    if (n <= 0) {
      // RS 3.9: signal, never throw; the error goes out without waiting for demand.
      discardQueued = true;
      failUpstream(new IllegalArgumentException("§3.9: request(n) needs n > 0, got " + n), true);
      return;
    }
    long r;
    long next;
    do { // RS 3.17: saturate at Long.MAX_VALUE.
      r = requested.get();
      if (r == Long.MAX_VALUE) {
        break;
      }
      next = r + n;
      if (next < 0) {
        next = Long.MAX_VALUE;
      }
    } while (!requested.compareAndSet(r, next));
    if (subscribing) {
      return; // start() sends once onSubscribe returns
    }
    if (started.compareAndSet(false, true)) {
      send();
    }
    drain();
    grantCredit();
  }

  @Override
  public void cancel() {
    if (cancelled) {
      return;
    }
    cancelled = true;
    if (terminated.compareAndSet(false, true)) {
      finalResponse = snapshot();
    }
    abortExchange();
    if (wip.getAndIncrement() == 0) {
      clearQueue();
    }
  }

  // ---------------------------------------------------------------- HTTP

  private void send() {
    HttpCall call;
    try {
      call = spec.provider().prepare(spec.request(), spec.settings());
    } catch (RillException e) {
      failUpstream(withContext(e.toBuilder()).build(), false);
      return;
    } catch (RuntimeException e) {
      failUpstream(withContext(RillException.builder(ErrorKind.INVALID_REQUEST)
          .message("provider '" + providerId + "' could not encode the request: " + e)
          .cause(e)).build(), false);
      return;
    }
    if (cancelled) {
      return;
    }
    plainHttp = "http".equalsIgnoreCase(call.uri().getScheme());
    sentNanos = System.nanoTime();
    lastWireNanos = sentNanos;
    if (enh != null && enh.hasTimers()) {
      scheduleWatchdog(nextDeadlineDelay(sentNanos));
    }
    try {
      exchange = spec.transport().send(call, this, new FutureCallback<>() {
        @Override public void completed(Void result) {}
        @Override public void failed(Exception ex) { StreamExchange.this.failed(ex); }
        @Override public void cancelled() {}
      }, this::connectionKnown);
    } catch (RuntimeException e) {
      failUpstream(withContext(RillException.builder(ErrorKind.TRANSPORT)
          .message("could not send the request: " + e.getMessage()).cause(e)).build(), false);
      return;
    }
    if (cancelled) {
      abortExchange();
    }
  }

  @Override
  public void consumeResponse(HttpResponse response, EntityDetails entity, HttpContext context,
      FutureCallback<Void> resultCallback) {
    this.resultCallback = resultCallback;
    status = response.getCode();
    multiplexed = response.getVersion() != null && response.getVersion().getMajor() >= 2;
    if (connection == null) {
      connection = HttpTransport.currentSession();
    }
    Map<String, String> h = new LinkedHashMap<>();
    for (Header header : response.getHeaders()) {
      h.merge(header.getName().toLowerCase(Locale.ROOT), header.getValue(), (a, b) -> a + ", " + b);
    }
    headers = h;
    Framing framing = spec.provider().info().framing();
    String contentType = entity == null ? h.get("content-type") : entity.getContentType();
    if (status >= 200 && status < 300 && entity != null && contentTypeMatches(framing, contentType)) {
      streaming = true;
      decoder = spec.provider().newDecoder(spec.request());
      framer = Framers.of(framing, spec.limits(), this);
    } else {
      errorBody = new ByteArrayOutputStream(256);
      if (entity == null) {
        finishErrorResponse(contentType);
        resultCallback.completed(null);
      }
    }
  }

  /** The request went out on {@code session} (I/O thread); a cancel that came first closes it now. */
  private void connectionKnown(org.apache.hc.core5.reactor.IOSession session) {
    connection = session;
    if (aborted.get() && plainHttp) {
      session.close(org.apache.hc.core5.io.CloseMode.IMMEDIATE);
    }
  }

  @Override
  public void informationResponse(HttpResponse response, HttpContext context) {}

  @Override
  public void updateCapacity(CapacityChannel channel) throws IOException {
    this.capacity = channel;
    grantCredit();
  }

  @Override
  public void consume(ByteBuffer src) throws IOException {
    int n = src.remaining();
    if (terminated.get()) {
      src.position(src.limit());
      heldCredit.addAndGet(n);
      grantCredit();
      return;
    }
    if (streaming) {
      try {
        framer.feed(src);
      } catch (RillException e) {
        failUpstream(withContext(e.toBuilder()).partial(snapshot()).build(), false);
        abortExchange();
      } catch (RuntimeException e) {
        failUpstream(withContext(RillException.builder(ErrorKind.MALFORMED_RESPONSE)
            .message("the decoder of '" + providerId + "' failed: " + e).cause(e))
            .partial(snapshot()).build(), false);
        abortExchange();
      }
      src.position(src.limit());
    } else {
      int room = spec.errorBodyCap() - errorBody.size();
      if (room > 0) {
        int take = Math.min(room, n);
        byte[] tmp = new byte[take];
        src.get(tmp);
        errorBody.write(tmp, 0, take);
      }
      src.position(src.limit());
    }
    heldCredit.addAndGet(n);
    drain();
    grantCredit();
  }

  @Override
  public void streamEnd(List<? extends Header> trailers) {
    try {
      endOfBody();
    } finally {
      FutureCallback<Void> cb = resultCallback;
      if (cb != null) {
        cb.completed(null);
      }
    }
  }

  private void endOfBody() {
    if (!streaming) {
      finishErrorResponse(headers.get("content-type"));
      return;
    }
    if (terminated.get()) {
      return;
    }
    try {
      framer.endOfInput();
      if (!ended && !terminated.get()) {
        boolean proper = decoder.endOfInput(this);
        if (proper) {
          completeUpstream();
        } else {
          failUpstream(withContext(RillException.builder(ErrorKind.TRUNCATED)
              .message("the response body ended without the protocol's terminator (" + spec.provider().info().family()
                  + "); the answer may be incomplete"))
              .partial(snapshot()).build(), false);
        }
      }
    } catch (RillException e) {
      failUpstream(withContext(e.toBuilder()).partial(snapshot()).build(), false);
    } catch (RuntimeException e) {
      failUpstream(withContext(RillException.builder(ErrorKind.MALFORMED_RESPONSE)
          .message("the decoder of '" + providerId + "' failed at the end of input: " + e).cause(e))
          .partial(snapshot()).build(), false);
    }
  }

  @Override
  public void failed(Exception cause) {
    if (terminated.get()) {
      return;
    }
    if (cause instanceof CancellationException) {
      failUpstream(withContext(RillException.builder(ErrorKind.CANCELLED).message("the exchange was cancelled"))
          .partial(snapshot()).build(), false);
      return;
    }
    RillException.Builder b;
    boolean afterHead = status > 0;
    if (cause instanceof ConnectTimeoutException) {
      b = RillException.builder(ErrorKind.TIMEOUT).timeoutPhase(TimeoutPhase.CONNECT)
          .message("could not connect within " + spec.transport().config().connectTimeout().toMillis() + " ms");
    } else if (cause instanceof SocketTimeoutException) {
      b = RillException.builder(ErrorKind.TIMEOUT).timeoutPhase(TimeoutPhase.IDLE)
          .message("no bytes for " + spec.transport().config().idleTimeout().toMillis() + " ms"
              + (afterHead ? " in the middle of the stream" : " while waiting for the response"));
    } else if (afterHead) {
      b = RillException.builder(ErrorKind.STREAM_INTERRUPTED)
          .message("the connection broke after the response started: " + describe(cause));
    } else {
      b = RillException.builder(ErrorKind.TRANSPORT).message("the request failed: " + describe(cause));
    }
    if (afterHead) {
      b.httpStatus(status);
    }
    failUpstream(withContext(b.cause(cause)).partial(snapshot()).build(), false);
  }

  @Override
  public void releaseResources() {
    // Called once by HttpClient when the exchange is over; parsers own no pooled resources yet.
  }

  // ---------------------------------------------------------------- framing and decoding (I/O thread)

  @Override
  public boolean onEvent(WireEvent event) {
    if (terminated.get()) {
      return false;
    }
    StreamDecoder.Progress progress;
    if (enh == null) {
      progress = decoder.decode(event, this);
    } else {
      lastWireNanos = System.nanoTime();
      pendingWireBytes += event.wireSize();
      try {
        progress = decoder.decode(event, this);
      } catch (RillException e) {
        if (e.kind() != ErrorKind.MALFORMED_RESPONSE || enh.malformedEvents() != MalformedEventPolicy.SKIP) {
          throw e;
        }
        skippedEvents++;
        warning("skipped malformed event #" + skippedEvents + " (policy SKIP): " + e.detail()
            + (e.rawEvent() == null ? "" : "; raw: " + abbreviate(e.rawEvent())));
        return true;
      }
    }
    if (progress == StreamDecoder.Progress.END) {
      ended = true;
      completeUpstream();
      scheduleDrainGrace();
      return false;
    }
    return true;
  }

  @Override
  public void onKeepAlive(int bytes) {
    if (enh != null) {
      lastWireNanos = System.nanoTime();
      pendingWireBytes += bytes;
    }
  }

  @Override
  public void emit(StreamChunk chunk) {
    if (terminated.get()) {
      return;
    }
    if (enh != null) {
      chunk = enhance(chunk);
      if (chunk == null) {
        return;
      }
    }
    synchronized (accumulator) {
      accumulator.add(chunk);
    }
    queue.offer(chunk);
    queued.incrementAndGet();
  }

  /** Runs the stages, then attaches metadata; null when a stage dropped the chunk. */
  private StreamChunk enhance(StreamChunk chunk) {
    for (Stage stage : stages) {
      chunk = stage.onChunk(chunk);
      if (chunk == null) {
        return null;
      }
    }
    if (enh.metadata()) {
      chunk = chunk.withMetadata(new ChunkMetadata(chunkIndex++, enh.clock().instant(), pendingWireBytes, providerId,
          answeredModel));
      pendingWireBytes = 0;
    }
    if (!sawOutput && chunk.hasOutput()) {
      sawOutput = true;
      lastWireNanos = System.nanoTime();
      if (enh.idleNanos() > 0) {
        scheduleWatchdog(enh.idleNanos()); // the pending check was for the first-chunk deadline, later
      }
    }
    return chunk;
  }

  @Override
  public void responseInfo(String responseId, String model) {
    if (model != null && !model.isEmpty()) {
      answeredModel = model;
    }
    synchronized (accumulator) {
      accumulator.responseInfo(responseId, model);
    }
  }

  @Override
  public void warning(String message) {
    synchronized (accumulator) {
      accumulator.warning(message);
    }
    if (enh != null) {
      enh.warnings().accept(message);
    }
  }

  // ---------------------------------------------------------------- enhanced timeouts

  /** Nanoseconds from now until the next timeout could fire. */
  private long nextDeadlineDelay(long now) {
    long delay = Long.MAX_VALUE;
    if (!sawOutput && enh.firstChunkNanos() > 0) {
      delay = Math.min(delay, sentNanos + enh.firstChunkNanos() - now);
    }
    if (sawOutput && enh.idleNanos() > 0) {
      delay = Math.min(delay, lastWireNanos + enh.idleNanos() - now);
    }
    if (!sawOutput && enh.idleNanos() > 0 && enh.firstChunkNanos() <= 0) {
      delay = Math.min(delay, lastWireNanos + enh.idleNanos() - now);
    }
    return Math.max(delay, 1_000_000L);
  }

  private void scheduleWatchdog(long delayNanos) {
    if (delayNanos == Long.MAX_VALUE || terminated.get()) {
      return;
    }
    try {
      spec.scheduler().schedule(this::watchdog, delayNanos, TimeUnit.NANOSECONDS);
    } catch (java.util.concurrent.RejectedExecutionException e) {
      // the client is closing
    }
  }

  /**
   * Checks the timeouts. The first-chunk timeout runs from sending the request to the first chunk with output;
   * after that, the idle timeout runs from the last wire event (comments and pings included). Before output,
   * the idle timeout applies only when no first-chunk timeout is set: a reasoning model may think silently.
   */
  private void watchdog() {
    if (terminated.get()) {
      return;
    }
    long now = System.nanoTime();
    TimeoutPhase phase = null;
    long limit = 0;
    if (!sawOutput && enh.firstChunkNanos() > 0 && now - sentNanos >= enh.firstChunkNanos()) {
      phase = TimeoutPhase.FIRST_CHUNK;
      limit = enh.firstChunkNanos();
    } else if ((sawOutput || enh.firstChunkNanos() <= 0) && enh.idleNanos() > 0
        && now - lastWireNanos >= enh.idleNanos()) {
      phase = TimeoutPhase.IDLE;
      limit = enh.idleNanos();
    }
    if (phase == null) {
      scheduleWatchdog(nextDeadlineDelay(now));
      return;
    }
    String what = phase == TimeoutPhase.FIRST_CHUNK ? "no chunk with output within " : "no wire event for ";
    failUpstream(withContext(RillException.builder(ErrorKind.TIMEOUT).timeoutPhase(phase)
        .message(what + TimeUnit.NANOSECONDS.toMillis(limit) + " ms")).partial(response()).build(), true);
  }

  private static String abbreviate(String s) {
    return s.length() > 200 ? s.substring(0, 200) + "..." : s;
  }

  // ---------------------------------------------------------------- terminal and drain

  private void completeUpstream() {
    if (terminated.compareAndSet(false, true)) {
      finalResponse = snapshot();
      upstreamDone = true;
      drain();
    }
  }

  private void failUpstream(Throwable error, boolean abort) {
    if (terminated.compareAndSet(false, true)) {
      finalResponse = snapshot();
      upstreamError = error;
      upstreamDone = true;
      if (abort) {
        abortExchange();
      }
      drain();
    }
  }

  /**
   * Aborts the HTTP exchange, at most once: cancels its future and, on HTTP/1.1 (one stream per connection),
   * closes the connection itself, since HttpClient 5.6 does not always act on the cancel.
   */
  private void abortExchange() {
    Future<Void> f = exchange;
    if (f != null && !f.isDone() && aborted.compareAndSet(false, true)) {
      f.cancel(true);
      // Before the response head the protocol is known only for plain http (always HTTP/1.1 here); over TLS it
      // may be a shared HTTP/2 connection, which the future's cancel resets per stream.
      org.apache.hc.core5.reactor.IOSession session = connection;
      boolean http1 = status > 0 ? !multiplexed : plainHttp;
      if (http1 && session != null) {
        session.close(org.apache.hc.core5.io.CloseMode.IMMEDIATE);
      }
    }
  }

  private void scheduleDrainGrace() {
    Future<Void> f = exchange;
    if (f == null || f.isDone()) {
      return;
    }
    spec.scheduler().schedule(() -> {
      if (!f.isDone()) {
        abortExchange(); // the server sent the terminator but kept the body open
      }
    }, spec.drainGrace().toMillis(), TimeUnit.MILLISECONDS);
  }

  private void grantCredit() {
    CapacityChannel ch = capacity;
    if (ch == null || cancelled || aborted.get()) {
      return;
    }
    if (queued.get() > LOW_WATER && !terminated.get()) {
      return;
    }
    // Credit goes back in steps of half the window, not per read: each update takes the session's lock and wakes
    // its selector (a syscall), once per HTTP chunk before. While less than half is held, more than half of the
    // window is still open, so reading never waits for it. The step is capped by HTTP/2's default stream window
    // (65,535), which is what a multiplexed connection uses whatever the HTTP/1.1 window is set to.
    int step = Math.min(spec.transport().config().receiveWindow(), 65_535) >> 1;
    if (heldCredit.get() < step) {
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

  private void drain() {
    if (wip.getAndIncrement() != 0) {
      return;
    }
    int missed = 1;
    Flow.Subscriber<? super StreamChunk> s = subscriber;
    for (;;) {
      if (cancelled) {
        clearQueue();
        return;
      }
      long r = requested.get();
      long e = 0;
      while (e != r) {
        if (cancelled) {
          clearQueue();
          return;
        }
        boolean d = upstreamDone;
        if (d && discardQueued) {
          clearQueue();
        }
        StreamChunk c = queue.poll();
        if (c == null) {
          if (d) {
            signalTerminal(s);
            return;
          }
          break;
        }
        queued.decrementAndGet();
        try {
          s.onNext(c);
        } catch (Throwable t) {
          // SubmissionPublisher's rule: an exception from onNext cancels the subscription and is reported.
          onNextThrew(s, t);
          return;
        }
        e++;
      }
      if (upstreamDone && discardQueued) {
        clearQueue();
      }
      if (e == r && !cancelled && upstreamDone && queue.isEmpty()) {
        signalTerminal(s);
        return;
      }
      if (e != 0 && r != Long.MAX_VALUE) {
        requested.addAndGet(-e);
      }
      missed = wip.addAndGet(-missed);
      if (missed == 0) {
        break;
      }
    }
  }

  private void signalTerminal(Flow.Subscriber<? super StreamChunk> s) {
    if (downstreamDone) {
      return;
    }
    downstreamDone = true;
    cancelled = true; // no further signals
    subscriber = null; // RS 3.13: drop the reference
    Throwable err = upstreamError;
    try {
      if (err == null) {
        s.onComplete();
      } else {
        s.onError(err);
      }
    } catch (Throwable t) {
      LOG.log(System.Logger.Level.WARNING, "subscriber threw from " + (err == null ? "onComplete" : "onError"), t);
    }
    if (err != null) {
      abortExchange();
    }
  }

  private void onNextThrew(Flow.Subscriber<? super StreamChunk> s, Throwable t) {
    downstreamDone = true;
    cancelled = true;
    subscriber = null;
    if (terminated.compareAndSet(false, true)) {
      finalResponse = snapshot();
    }
    abortExchange();
    clearQueue();
    try {
      s.onError(withContext(RillException.builder(ErrorKind.CANCELLED)
          .message("the subscriber threw from onNext, so the stream was cancelled: " + t).cause(t))
          .partial(finalResponse).build());
    } catch (Throwable ignored) {
      // a broken subscriber
    }
  }

  private void clearQueue() {
    queue.clear();
    queued.set(0);
  }

  // ---------------------------------------------------------------- helpers

  ChatResponse response() {
    ChatResponse r = finalResponse;
    if (r != null) {
      return r;
    }
    synchronized (accumulator) {
      return accumulator.response();
    }
  }

  private ChatResponse snapshot() {
    synchronized (accumulator) {
      return accumulator.response();
    }
  }

  private void finishErrorResponse(String contentType) {
    byte[] body = errorBody == null ? new byte[0] : errorBody.toByteArray();
    RillException.Builder b;
    if (status >= 200 && status < 300) {
      String expected = spec.provider().info().framing().mediaType();
      b = RillException.builder(ErrorKind.MALFORMED_RESPONSE)
          .message("HTTP " + status + " with content type '" + contentType + "', expected '" + expected
              + "': not a stream")
          .providerMessage(excerpt(body));
    } else {
      ProviderError pe;
      try {
        pe = spec.provider().classifyError(status, headers, body);
      } catch (RuntimeException e) {
        pe = ProviderError.fromStatus(status, excerpt(body));
      }
      b = RillException.builder(pe.kind()).from(pe)
          .message("HTTP " + status + (pe.message() == null ? "" : ": " + pe.message()));
      if (pe.retryAfter() == null) {
        b.retryAfter(RetryAfter.parse(headers, spec.clock()));
      }
      if (pe.kind() == ErrorKind.TIMEOUT) {
        b.timeoutPhase(TimeoutPhase.PROVIDER);
      }
    }
    b.httpStatus(status);
    failUpstream(withContext(b).partial(snapshot()).build(), false);
  }

  private RillException.Builder withContext(RillException.Builder b) {
    boolean output;
    synchronized (accumulator) {
      output = accumulator.hasOutput();
    }
    if (output) {
      b.retryable(false); // a retry would repeat output the subscriber already has
    }
    return b.provider(providerId).model(spec.request().model()).attempts(1).scrub(spec.settings().apiKey());
  }

  private static String excerpt(byte[] body) {
    String s = new String(body, java.nio.charset.StandardCharsets.UTF_8).strip();
    return s.isEmpty() ? null : s;
  }

  private static String describe(Throwable t) {
    String m = t.getMessage();
    return t.getClass().getSimpleName() + (m == null ? "" : ": " + m);
  }

  static boolean contentTypeMatches(Framing framing, String contentType) {
    if (contentType == null) {
      return false;
    }
    String ct = contentType.toLowerCase(Locale.ROOT);
    int semi = ct.indexOf(';');
    String mime = (semi < 0 ? ct : ct.substring(0, semi)).strip();
    return switch (framing) {
      case SSE -> mime.equals("text/event-stream");
      case NDJSON -> mime.equals("application/x-ndjson") || mime.equals("application/ndjson")
          || mime.equals("application/jsonl") || mime.equals("application/json");
      case AWS_EVENT_STREAM -> mime.equals("application/vnd.amazon.eventstream");
      case JSON_ARRAY -> mime.equals("application/json");
    };
  }
}
