// Why one file of about 520 lines: this class owns the one outcome flag of an exchange. Its methods are the four
// callback interfaces of that exchange (Upstream, the response consumer's Handler, the decode session's Output, the
// watchdog's Deadlines), each a few lines, and every path ends in finish(); split apart, the flag would have to be
// shared across classes. The mechanics live beside it: ResponseConsumer, ChunkQueue, Watchdog, ErrorBody,
// Preparation, MetadataStamper, SafeTap, TransportErrors, ErrorResponses.

package dev.rill.runtime.internal.exchange;

import dev.rill.api.ChatRequest;
import dev.rill.api.ChatResponse;
import dev.rill.api.ErrorKind;
import dev.rill.api.HttpCall;
import dev.rill.api.Redaction;
import dev.rill.api.RillException;
import dev.rill.api.StreamChunk;
import dev.rill.api.TimeoutPhase;
import dev.rill.api.WireEvent;
import dev.rill.framing.DecodeSession;
import dev.rill.runtime.CallInfo;
import dev.rill.runtime.Downstream;
import dev.rill.runtime.MalformedEventPolicy;
import dev.rill.runtime.Upstream;
import dev.rill.runtime.internal.call.CallState;
import dev.rill.runtime.internal.call.ClientContext;
import dev.rill.runtime.internal.call.ExchangeSettings;
import dev.rill.runtime.internal.call.Resolved;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.hc.core5.concurrent.FutureCallback;

/**
 * The last layer of every chain: one HTTP exchange, decoded. Cold until the first {@link #request}; then it
 * resolves the provider, has the plugin prepare the call, checks it ({@code RequestGuards}), sends it through the
 * client's transport, routes the response head (a stream to a {@link DecodeSession}, anything else to a bounded
 * {@link ErrorBody} and the plugin's classifier) and queues decoded chunks in a {@link ChunkQueue} until the layer
 * above asks for them.
 *
 * <p><b>One outcome.</b> Every path (the terminator, an accepted end of input, a truncated body, an error status or
 * event, a limit, a deadline, a broken connection, a throwable on the I/O thread, an abort or a cancel) goes through
 * {@link #finish} once: the watchdog stops, the decode session (and so the plugin's decoder) is closed, the HTTP
 * exchange is aborted unless it ended cleanly, the wire tap hears the end, and the queue gets the outcome.
 */
public final class ExchangeCall implements Upstream, ResponseConsumer.Handler, DecodeSession.Output,
    Watchdog.Deadlines {
  private static final System.Logger LOG = System.getLogger(ExchangeCall.class.getName());
  /** Reads stop while more than this many chunks wait for demand. */
  static final int LOW_WATER = 32;

  private final ClientContext client;
  private final CallState call;
  private final ExchangeSettings settings;
  private final ChatRequest request;
  private final CallInfo info;
  private final ChunkQueue queue;
  private final Watchdog watchdog;
  private final SafeTap tap;
  private final AtomicBoolean started = new AtomicBoolean();
  private final AtomicBoolean finished = new AtomicBoolean();
  private volatile Resolved resolved;
  private volatile ResponseConsumer consumer;
  private volatile DecodeSession session;
  private ErrorBody errorBody; // I/O thread, then the finishing thread
  private volatile int status;
  private volatile java.net.URI sentUri;
  private volatile Map<String, String> headers = Map.of();
  private volatile MetadataStamper metadata; // null unless the settings ask for metadata
  private boolean sawOutput; // I/O thread

  private ExchangeCall(ClientContext client, CallState call, ExchangeSettings settings, ChatRequest request,
      CallInfo info, Downstream downstream) {
    this.client = client;
    this.call = call;
    this.settings = settings;
    this.request = request;
    this.info = info;
    this.tap = settings.wireTap() == null ? null : new SafeTap(settings.wireTap());
    this.queue = new ChunkQueue(downstream, call.executor(), client.watch(), this::creditAfterDelivery,
        this::consumerFailed);
    this.watchdog = new Watchdog(client.timer(), nanos(settings.firstChunkTimeout()), nanos(settings.idleTimeout()),
        client.transport().config().poolTimeout().plus(client.transport().config().connectTimeout()).toNanos(), this);
  }

  /** The exchange for {@code request} (a {@code provider:model} spec); nothing is sent before demand. */
  public static Upstream create(ClientContext client, CallState call, ExchangeSettings settings, ChatRequest request,
      CallInfo info, Downstream downstream) {
    return new ExchangeCall(client, call, settings, request, info, downstream);
  }

  // ---------------------------------------------------------------- Upstream

  @Override
  public void request(long n) {
    if (n <= 0) {
      abort(RillException.builder(ErrorKind.INTERNAL)
          .message("an interceptor asked the exchange for " + n + " chunks; demand must be positive").build());
      return;
    }
    queue.request(n);
    if (started.compareAndSet(false, true)) {
      send();
    }
    creditAfterDelivery();
  }

  @Override
  public void cancel() {
    if (finished.compareAndSet(false, true)) {
      release(true);
    }
    queue.cancel();
  }

  @Override
  public void abort(RillException reason) {
    finish(context(reason.toBuilder()).partial(partial()).build(), true, true);
  }

  // ---------------------------------------------------------------- sending

  private void send() {
    Resolved r;
    try {
      r = client.resolver().resolve(request, call.overrides());
      Preparation.check(r);
    } catch (RillException e) {
      finish(context(e.toBuilder()).build(), false, false);
      return;
    }
    resolved = r;
    if (settings.metadata()) {
      metadata = new MetadataStamper(client.clock(), r.providerId(), r.model());
    }
    java.util.concurrent.CompletableFuture<dev.rill.api.Credential> pending = r.pendingCredential();
    if (pending == null) {
      send(r);
    } else if (pending.isDone()) {
      // a failed fetch must not throw here (getNow would): it ends the call as AUTHENTICATION like a late failure
      if (pending.isCompletedExceptionally()) {
        credentialCame(r, null, failure(pending));
      } else {
        credentialCame(r, pending.getNow(null), null);
      }
    } else {
      // the fetch runs on the client's credential thread; the request goes out from there when it ends
      pending.whenComplete((c, e) -> credentialCame(r, c, e));
    }
  }

  private static Throwable failure(java.util.concurrent.CompletableFuture<?> f) {
    try {
      f.join();
      return null;
    } catch (java.util.concurrent.CompletionException | java.util.concurrent.CancellationException e) {
      return e;
    }
  }

  private void credentialCame(Resolved r, dev.rill.api.Credential credential, Throwable error) {
    if (error != null) {
      Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null
          ? error.getCause() : error;
      RillException e = cause instanceof RillException re ? re : RillException.builder(ErrorKind.AUTHENTICATION)
          .message("no credential for provider '" + r.providerId() + "': " + cause).cause(cause).build();
      finish(context(e.toBuilder()).build(), false, false);
      return;
    }
    Resolved ready = r.withCredential(credential);
    resolved = ready;
    send(ready);
  }

  private void send(Resolved r) {
    if (finished.get()) {
      return;
    }
    HttpCall httpCall;
    try {
      httpCall = Preparation.of(client, r).call();
    } catch (RillException e) {
      finish(context(e.toBuilder()).build(), false, false);
      return;
    }
    if (finished.get()) {
      return;
    }
    if (tap != null) {
      tap.request(httpCall);
    }
    // Plain http is HTTP/1.1 (one stream per connection) unless h2c is forced; over TLS the protocol is known only
    // from the response.
    boolean plainHttp = "http".equalsIgnoreCase(httpCall.uri().getScheme())
        && client.transport().config().httpVersion() != dev.rill.runtime.HttpVersionPolicy.FORCE_HTTP_2;
    sentUri = httpCall.uri();
    ResponseConsumer c = new ResponseConsumer(this, client.transport().config().receiveWindow(), plainHttp,
        client.transport().config().shareHttp2());
    consumer = c;
    CallInfo sent = info.withServer(CallInfo.Server.of(httpCall.uri()));
    call.attemptSent(sent);
    PoolWait.report(client, call, sent, httpCall.uri());
    watchdog.start();
    try {
      Future<Void> f = client.transport().send(httpCall, c, new FutureCallback<>() {
        @Override public void completed(Void result) {}
        @Override public void failed(Exception ex) { c.failed(ex); }
        @Override public void cancelled() {}
      }, session -> {
        watchdog.connected();
        c.connectionKnown(session);
      });
      c.exchange(f);
    } catch (RuntimeException e) {
      finish(context(RillException.builder(ErrorKind.TRANSPORT)
          .message("could not send the request: " + e.getMessage()).cause(e)).build(), false, false);
      return;
    }
    if (finished.get()) {
      c.abort();
    }
  }

  // ---------------------------------------------------------------- the response (I/O thread)

  @Override
  public void onHead(int status, Map<String, String> headers, String contentType, boolean hasBody) {
    this.status = status;
    this.headers = headers;
    if (tap != null) {
      tap.head(status, headers);
    }
    if (finished.get()) {
      return;
    }
    Resolved r = resolved;
    if (status >= 200 && status < 300 && hasBody && MediaTypes.matches(r.provider().info().framing(), contentType)) {
      String encoding = headers.get("content-encoding");
      if (encoding != null && !encoding.isBlank() && !encoding.strip().equalsIgnoreCase("identity")) {
        finish(context(RillException.builder(ErrorKind.MALFORMED_RESPONSE).httpStatus(status)
            .message("the stream came compressed (content-encoding " + encoding.strip() + ") although the request"
                + " asked for none; Rill reads streams uncompressed")).build(), true, false);
        return;
      }
      try {
        DecodeSession s = DecodeSession.builder(r.provider(), r.request()).limits(client.limits())
            .skipMalformed(settings.malformedEvents() == MalformedEventPolicy.SKIP).output(this).build();
        session = s;
        if (finished.get()) {
          s.close(); // a cancel between the check above and now saw no session to close (close is idempotent)
        }
      } catch (RuntimeException e) {
        finish(context(RillException.builder(ErrorKind.INTERNAL)
            .message("provider '" + r.providerId() + "' could not create its decoder: " + e).cause(e)).build(),
            true, false);
      }
      return;
    }
    errorBody = new ErrorBody(client.errorBodyCap());
    watchdog.errorBody(client.errorBodyTimeout().toNanos());
  }

  @Override
  public void onBody(ByteBuffer bytes) {
    if (tap != null) {
      tap.body(bytes);
    }
    DecodeSession s = session;
    if (s != null) {
      s.feed(bytes);
      afterDecoding(s);
    } else if (errorBody != null) {
      errorBody.add(bytes);
    }
  }

  @Override
  public void onBodyEnd() {
    DecodeSession s = session;
    if (s != null) {
      s.endOfInput();
      afterDecoding(s);
    } else if (errorBody != null || status > 0) {
      finishErrorResponse();
    }
  }

  private void afterDecoding(DecodeSession s) {
    switch (s.state()) {
      case COMPLETED -> {
        if (finished.compareAndSet(false, true)) {
          watchdog.stop();
          s.close();
          queue.complete(s.response());
          tapEnd();
          scheduleDrainGrace();
        }
      }
      case FAILED -> finish(context(s.error().toBuilder()).build(), true, false);
      case RUNNING -> { }
    }
    queue.drain(true);
  }

  @Override
  public void onFailure(Exception cause) {
    if (finished.get()) {
      return;
    }
    finish(context(TransportErrors.map(cause, status, client.transport().config())).partial(partial()).build(),
        false, false);
  }

  @Override
  public void onInternalFailure(Throwable t) {
    DecodeSession s = session;
    ChatResponse partial = null;
    if (t instanceof OutOfMemoryError) {
      if (s != null) {
        s.close(); // let the decoder's buffers go before anything else is allocated
      }
      queue.dropQueued();
    }
    try {
      partial = partial();
    } catch (OutOfMemoryError again) {
      // keep going without the partial
    }
    try {
      LOG.log(System.Logger.Level.WARNING, "stream of '" + info.provider() + "' failed on an I/O thread; the stream"
          + " ends, the client goes on", t);
    } catch (Throwable ignored) {
      // logging must not keep the outcome from the consumer
    }
    finish(context(RillException.builder(ErrorKind.INTERNAL)
        .message("the stream failed inside the client: " + t).cause(t)).partial(partial).build(), true, true);
  }

  @Override
  public boolean isOver() {
    return finished.get();
  }

  @Override
  public boolean holdsCredit() {
    return queue.waiting() > LOW_WATER;
  }

  // ---------------------------------------------------------------- decoded output (I/O thread, session lock held)

  @Override
  public void onChunk(StreamChunk chunk) {
    MetadataStamper m = metadata;
    if (m != null) {
      chunk = m.stamp(chunk);
    }
    if (!sawOutput && chunk.hasOutput()) {
      sawOutput = true;
      watchdog.output();
    }
    queue.offer(chunk);
  }

  @Override
  public void onEvent(WireEvent event) {
    onKeepAlive(event.wireSize());
  }

  @Override
  public void onKeepAlive(int bytes) {
    if (watchdog.tracksWire()) {
      watchdog.wire();
    }
    MetadataStamper m = metadata;
    if (m != null) {
      m.wire(bytes);
    }
  }

  @Override
  public void onWarning(String warning) {
    queue.warn(warning);
  }

  @Override
  public void onResponseInfo(String responseId, String model) {
    MetadataStamper m = metadata;
    if (m != null) {
      m.answered(model);
    }
  }

  // ---------------------------------------------------------------- deadlines (timer thread)

  @Override
  public void timedOut(TimeoutPhase phase, long limitNanos) {
    if (phase == TimeoutPhase.POOL) {
      finish(context(TransportErrors.connectionWait(client.transport(), resolvedUri())).partial(partial()).build(),
          true, false);
      return;
    }
    String what = phase == TimeoutPhase.FIRST_CHUNK ? "no chunk with output within " : "no wire event for ";
    finish(context(RillException.builder(ErrorKind.TIMEOUT).timeoutPhase(phase)
        .message(what + TimeUnit.NANOSECONDS.toMillis(limitNanos) + " ms")).partial(partial()).build(), true, false);
  }

  @Override
  public void errorBodyTimedOut() {
    finishErrorResponse();
  }

  // ---------------------------------------------------------------- outcome

  private void finishErrorResponse() {
    byte[] body = errorBody == null ? new byte[0] : errorBody.bytes();
    Resolved r = resolved;
    RillException.Builder b = ErrorResponses.classify(r.provider(), status, headers, body, client.clock());
    boolean complete = consumer == null || consumer.isDone();
    RillException error = context(b).build();
    if (error.kind() == ErrorKind.AUTHENTICATION) {
      r.credentialRejected(); // a source's credential the provider refused is fetched anew by the next request
    }
    finish(error, !complete, false);
  }

  /**
   * The one way out: at most once, stops the watchdog, closes the decode session, aborts the HTTP exchange when
   * {@code abortHttp}, tells the tap, and hands {@code error} to the queue ({@code discardQueued}: at once).
   */
  private void finish(RillException error, boolean abortHttp, boolean discardQueued) {
    if (!finished.compareAndSet(false, true)) {
      return;
    }
    release(abortHttp);
    queue.fail(error, discardQueued);
    queue.drain(false);
  }

  private void release(boolean abortHttp) {
    watchdog.stop();
    DecodeSession s = session;
    if (s != null) {
      s.close();
    }
    ResponseConsumer c = consumer;
    if (abortHttp && c != null) {
      c.abort();
    }
    tapEnd();
  }

  /** The consumer threw from onNext (or an interceptor from its downstream): the call ends with CANCELLED. */
  private void consumerFailed(Throwable t) {
    RillException error = context(RillException.builder(ErrorKind.CANCELLED)
        .message("the subscriber threw from onNext (or an interceptor from its downstream), so the stream was cancelled: " + t).cause(t)).partial(partial())
        .build();
    if (finished.compareAndSet(false, true)) {
      release(true);
    }
    // Also when the exchange had already ended (the terminator came in the same read as the chunk that threw): the
    // outcome is not delivered yet (this runs inside the queue's loop), so the consumer hears CANCELLED, not a
    // completion after chunks it never took.
    queue.fail(error, true);
    queue.drain(false);
  }

  private void creditAfterDelivery() {
    ResponseConsumer c = consumer;
    if (c != null) {
      c.grantCredit();
    }
  }

  private void scheduleDrainGrace() {
    ResponseConsumer c = consumer;
    if (c == null || c.isDone()) {
      return;
    }
    try {
      client.timer().schedule(() -> {
        if (!c.isDone()) {
          c.abort(); // the server sent the terminator but kept the body open
        }
      }, client.drainGrace().toMillis(), TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      c.abort();
    }
  }

  private java.net.URI resolvedUri() {
    return sentUri;
  }

  private ChatResponse partial() {
    DecodeSession s = session;
    return s == null ? null : s.response();
  }

  private RillException.Builder context(RillException.Builder b) {
    DecodeSession s = session;
    if (s != null && s.hasOutput()) {
      b.retryable(false); // a retry would repeat output the consumer already has
    }
    Resolved r = resolved;
    if (status > 0) {
      b.httpStatus(status);
    }
    b.provider(r != null ? r.providerId() : info.provider()).model(r != null ? r.model() : info.model())
        .attempts(Math.max(1, call.attempts()));
    return r == null ? b : b.redact(Redaction.of(r.settings())); // the key, credential headers, secret options
  }

  private void tapEnd() {
    if (tap != null) {
      tap.end();
    }
  }

  private static long nanos(Duration d) {
    return d == null ? 0 : d.toNanos();
  }

  @Override
  public String toString() {
    return "ExchangeCall[" + info.provider() + ":" + info.model() + ", status " + status + "]";
  }
}
