// Why one file of about 470 lines: the session's state machine, its Output and its Builder are one contract that
// the runtime, OfflineDecoder, rill decode and the conformance kit all rely on; half of the file is that contract's
// documentation. Framing lives in the framers, folding in ChatAccumulator.

package dev.rill.framing;

import dev.rill.api.ChatAccumulator;
import dev.rill.api.ChatRequest;
import dev.rill.api.ChatResponse;
import dev.rill.api.ChunkSink;
import dev.rill.api.ErrorKind;
import dev.rill.api.Limit;
import dev.rill.api.RillException;
import dev.rill.api.StreamChunk;
import dev.rill.api.StreamDecoder;
import dev.rill.api.StreamingProvider;
import dev.rill.api.ToolCallDelta;
import dev.rill.api.WireEvent;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Objects;

/**
 * The decoding of one response stream: the body's bytes go through the provider's framer and a fresh decoder, the
 * chunks are folded into a {@link ChatResponse}, and every way the stream can end becomes one outcome. The runtime
 * uses it for every streamed HTTP response, and {@link OfflineDecoder}, {@code rill decode} and the conformance kit
 * use it for recorded bytes, so online and offline cannot disagree on how a stream ends.
 *
 * <p>Outcomes: the decoder's {@link StreamDecoder.Progress#END} (or an {@link StreamDecoder#endOfInput} that
 * accepts the end) completes the session; a body that ends without either fails with
 * {@link ErrorKind#TRUNCATED}; an error thrown by the framer or the decoder fails it with that error; an exception
 * of another type thrown by the decoder fails it with {@link ErrorKind#MALFORMED_RESPONSE} carrying the event
 * ({@link #foreignFailure()} keeps the original); and exceeding a {@link DecodeLimits} limit fails it with
 * {@link ErrorKind#LIMIT_EXCEEDED}. Every error carries the response folded so far. Nothing is thrown from
 * {@link #feed} or {@link #endOfInput} except {@link OutOfMemoryError} and other virtual-machine errors, which the
 * caller handles.
 *
 * <p>The decoder is closed exactly once: when the session reaches its outcome, or at {@link #close()} if that comes
 * first (a cancel, a timeout, a broken connection). Later input is ignored.
 *
 * <p>Thread-safety: {@link #feed}, {@link #endOfInput}, {@link #close} and the accessors are synchronized, so one
 * thread can feed while another closes the session or reads the partial response. {@link Output} is called while
 * the session's lock is held: it must not block.
 *
 * <pre>{@code
 * DecodeSession session = DecodeSession.builder(provider, request).output(chunk -> queue.add(chunk)).build();
 * session.feed(bytes);          // as reads arrive
 * session.endOfInput();         // when the body ends
 * if (session.error() != null) { ... } else { ChatResponse response = session.response(); }
 * }</pre>
 *
 * @since 0.1
 */
public final class DecodeSession implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(DecodeSession.class.getName());

  /** Receives what the session decodes, in wire order. Called with the session's lock held. */
  @FunctionalInterface
  public interface Output {
    /** A chunk the decoder emitted, already folded into the session's response. */
    void onChunk(StreamChunk chunk);

    /** An event the framer cut, before the decoder sees it; its data array may be reused after this returns. */
    default void onEvent(WireEvent event) {}

    /** Bytes that carried no event (a comment, a blank line). */
    default void onKeepAlive(int bytes) {}

    /** A warning (a skipped malformed event, a decoder's note), already added to the session's response. */
    default void onWarning(String warning) {}

    /** The decoder reported the response id or the model that answered (either may be null). */
    default void onResponseInfo(String responseId, String model) {}
  }

  /** Where the session stands. */
  public enum State {
    /** More input is expected. */
    RUNNING,
    /** The stream ended properly: the terminator, or an accepted end of input. */
    COMPLETED,
    /** The stream failed: {@link #error()} says how. */
    FAILED
  }

  private final String providerId;
  private final String model;
  private final String family;
  private final DecodeLimits limits;
  private final boolean skipMalformed;
  private final Output output;
  private final ChatAccumulator fold;
  private final Events events = new Events();
  private StreamDecoder decoder;
  private Framer framer;
  private State state = State.RUNNING;
  private RillException error;
  private Throwable foreign;
  private boolean endedByTerminator;
  private boolean decoderClosed;
  private long wireBytes;
  private long foldChars;
  private int eventCount;
  private int keepAliveCount;
  private int skipped;
  private Throwable outputFailure; // thrown by the Output, not by the decoder

  private DecodeSession(Builder b) {
    StreamingProvider provider = b.provider;
    this.providerId = provider.info().id();
    this.family = provider.info().family();
    String spec = b.request.model();
    this.model = spec != null && spec.startsWith(providerId + ":") ? spec.substring(providerId.length() + 1) : spec;
    this.limits = b.limits;
    this.skipMalformed = b.skipMalformed;
    this.output = b.output;
    this.fold = new ChatAccumulator(providerId, model);
    this.decoder = Objects.requireNonNull(provider.newDecoder(b.request),
        () -> "provider '" + providerId + "' returned a null decoder");
    this.framer = Objects.requireNonNull(b.framers.create(provider.info().framing(), limits.framing(), events),
        "the framer factory returned null");
  }

  /** Starts a session for one response of {@code provider} to {@code request}. */
  public static Builder builder(StreamingProvider provider, ChatRequest request) {
    return new Builder(Objects.requireNonNull(provider, "provider"), Objects.requireNonNull(request, "request"));
  }

  /** Frames and decodes every remaining byte of {@code bytes}; does nothing once the session has its outcome. */
  public synchronized void feed(ByteBuffer bytes) {
    if (state != State.RUNNING || framer == null) {
      bytes.position(bytes.limit());
      return;
    }
    int n = bytes.remaining();
    wireBytes += n;
    if (wireBytes > limits.maxResponseBytes()) {
      bytes.position(bytes.limit());
      fail(limit(Limit.RESPONSE_BYTES, "the response body is longer than the limit of " + limits.maxResponseBytes()
          + " bytes"), null);
      closeIfDone();
      return;
    }
    try {
      framer.feed(bytes);
    } catch (RillException e) {
      fail(e, null);
    }
    bytes.position(bytes.limit());
    closeIfDone();
  }

  /** Frames and decodes {@code length} bytes of {@code bytes} from {@code offset}. */
  public void feed(byte[] bytes, int offset, int length) {
    feed(ByteBuffer.wrap(bytes, offset, length));
  }

  /**
   * The body ended. A last record the framing allows without a terminator is dispatched; then, unless the decoder
   * already ended the stream, it is asked whether this is a proper end ({@link ErrorKind#TRUNCATED} otherwise).
   */
  public synchronized void endOfInput() {
    if (state != State.RUNNING || framer == null) {
      return;
    }
    try {
      decodeEnd();
    } finally {
      closeIfDone();
    }
  }

  private void decodeEnd() {
    try {
      framer.endOfInput();
    } catch (RillException e) {
      fail(e, null);
      return;
    }
    if (state != State.RUNNING) {
      return;
    }
    boolean proper;
    try {
      proper = decoder.endOfInput(events);
    } catch (RillException e) {
      fail(e, null);
      return;
    } catch (RuntimeException | StackOverflowError | LinkageError | AssertionError e) {
      fail(RillException.builder(ErrorKind.MALFORMED_RESPONSE)
          .message("the decoder of '" + providerId + "' failed at the end of input: " + e).cause(e).build(), e);
      return;
    }
    if (state != State.RUNNING) {
      return;
    }
    if (proper) {
      complete(false);
    } else {
      fail(RillException.builder(ErrorKind.TRUNCATED)
          .message("the response body ended without the protocol's terminator (" + family
              + "); the answer may be incomplete").build(), null);
    }
  }

  /** Releases the decoder (once) and ignores later input. The outcome so far, if any, stays. */
  @Override
  public synchronized void close() {
    closeDecoder();
    framer = null;
  }

  /** The session's state. */
  public synchronized State state() {
    return state;
  }

  /** Whether the session has its outcome (completed or failed). */
  public synchronized boolean isDone() {
    return state != State.RUNNING;
  }

  /** The failure, with the partial response and the provider attached, or null. */
  public synchronized RillException error() {
    return error;
  }

  /** For a failure caused by an exception of another type than {@link RillException} from the decoder, that exception. */
  public synchronized Throwable foreignFailure() {
    return foreign;
  }

  /** Whether the decoder's terminator ended the stream (rather than an accepted end of input). */
  public synchronized boolean endedByTerminator() {
    return endedByTerminator;
  }

  /** The response folded so far: the final one once completed. */
  public synchronized ChatResponse response() {
    return fold.response();
  }

  /** Whether any chunk with output was folded. */
  public synchronized boolean hasOutput() {
    return fold.hasOutput();
  }

  /** Body bytes fed so far. */
  public synchronized long wireBytes() {
    return wireBytes;
  }

  /** Events the framer dispatched to the decoder. */
  public synchronized int events() {
    return eventCount;
  }

  /** Keep-alives (comments, blank lines) the framer reported. */
  public synchronized int keepAlives() {
    return keepAliveCount;
  }

  /** Whether the decoder was closed. */
  public synchronized boolean decoderClosed() {
    return decoderClosed;
  }

  @Override
  public synchronized String toString() {
    return "DecodeSession[" + providerId + ", " + state + ", " + eventCount + " events, " + wireBytes + " bytes]";
  }

  // ---------------------------------------------------------------- outcome (lock held)

  private void complete(boolean byTerminator) {
    state = State.COMPLETED;
    endedByTerminator = byTerminator;
  }

  private void fail(RillException e, Throwable foreignCause) {
    if (state != State.RUNNING) {
      return;
    }
    RillException.Builder b = e.toBuilder().partial(fold.response());
    if (e.provider() == null) {
      b.provider(providerId);
      if (e.model() == null) {
        b.model(model);
      }
    }
    error = b.build();
    foreign = foreignCause;
    state = State.FAILED;
  }

  /** The decoder is closed once the outcome is known, never from inside its own decode call. */
  private void closeIfDone() {
    if (state != State.RUNNING) {
      closeDecoder();
    }
  }

  private void closeDecoder() {
    if (decoderClosed || decoder == null) {
      return;
    }
    decoderClosed = true;
    StreamDecoder d = decoder;
    decoder = null;
    try {
      d.close();
    } catch (RuntimeException | LinkageError | AssertionError e) {
      LOG.log(System.Logger.Level.WARNING, "the decoder of '" + providerId + "' threw from close(); ignored", e);
    }
  }

  private RillException limit(Limit which, String message) {
    return RillException.builder(ErrorKind.LIMIT_EXCEEDED).limit(which).message(message).build();
  }

  /** Checks a chunk against the fold limits; the error, or null when it fits. */
  private RillException overLimit(StreamChunk chunk) {
    if (chunk.choice() >= limits.maxChoices()) {
      return limit(Limit.CHOICES, "choice index " + chunk.choice() + " is at or above the limit of "
          + limits.maxChoices() + " choices");
    }
    long chars = (long) chunk.content().length() + chunk.reasoning().length() + chunk.refusal().length()
        + chunk.reasoningSignature().length() + chunk.redactedReasoning().length();
    List<ToolCallDelta> calls = chunk.toolCalls();
    for (int i = 0, n = calls.size(); i < n; i++) {
      ToolCallDelta d = calls.get(i);
      if (d.index() >= limits.maxToolCalls()) {
        return limit(Limit.TOOL_CALLS, "tool-call index " + d.index() + " is at or above the limit of "
            + limits.maxToolCalls() + " tool calls");
      }
      chars += d.arguments().length();
    }
    if (foldChars + chars > limits.maxFoldChars()) {
      return limit(Limit.FOLD_CHARS, "the response's text is longer than the limit of " + limits.maxFoldChars()
          + " characters");
    }
    foldChars += chars;
    return null;
  }

  /** The framer's handler and the decoder's sink; runs with the session's lock held (inside feed/endOfInput). */
  private final class Events implements EventHandler, ChunkSink {
    @Override
    public boolean onEvent(WireEvent event) {
      if (state != State.RUNNING) {
        return false;
      }
      eventCount++;
      output.onEvent(event);
      StreamDecoder.Progress progress;
      try {
        progress = decoder.decode(event, this);
      } catch (RillException e) {
        if (skipMalformed && e.kind() == ErrorKind.MALFORMED_RESPONSE && state == State.RUNNING) {
          skipped++;
          String raw = e.rawEvent();
          warning("skipped malformed event #" + skipped + " (policy SKIP): " + e.detail()
              + (raw == null ? "" : "; raw: " + (raw.length() > 200 ? raw.substring(0, 200) + "..." : raw)));
          return true;
        }
        fail(e, null);
        return false;
      } catch (RuntimeException | StackOverflowError | LinkageError | AssertionError e) {
        if (e == outputFailure) {
          throw e; // the caller's own output failed: not the decoder's fault, and the caller's to handle
        }
        fail(RillException.builder(ErrorKind.MALFORMED_RESPONSE)
            .message("the decoder of '" + providerId + "' failed on a '" + event.type() + "' event: " + e)
            .rawEvent(event.text()).cause(e).build(), e);
        return false;
      }
      if (state != State.RUNNING) {
        return false; // a chunk exceeded a limit
      }
      if (progress == StreamDecoder.Progress.END) {
        complete(true);
        return false;
      }
      return true;
    }

    @Override
    public void onKeepAlive(int bytes) {
      keepAliveCount++;
      output.onKeepAlive(bytes);
    }

    @Override
    public void emit(StreamChunk chunk) {
      Objects.requireNonNull(chunk, "the decoder emitted null");
      if (state != State.RUNNING) {
        return;
      }
      RillException over = overLimit(chunk);
      if (over != null) {
        fail(over, null);
        return;
      }
      fold.add(chunk);
      try {
        output.onChunk(chunk);
      } catch (RuntimeException | Error e) {
        outputFailure = e;
        throw e;
      }
    }

    @Override
    public void responseInfo(String responseId, String model) {
      fold.responseInfo(responseId, model);
      output.onResponseInfo(responseId, model);
    }

    @Override
    public void warning(String message) {
      fold.warning(message);
      output.onWarning(message);
    }
  }

  /** Builds a {@link DecodeSession}. */
  public static final class Builder {
    private final StreamingProvider provider;
    private final ChatRequest request;
    private DecodeLimits limits = DecodeLimits.DEFAULT;
    private boolean skipMalformed;
    private Output output = chunk -> {};
    private Framers.Factory framers = Framers::of;

    private Builder(StreamingProvider provider, ChatRequest request) {
      this.provider = provider;
      this.request = request;
    }

    /** The caps on events, the body and the fold (default {@link DecodeLimits#DEFAULT}). */
    public Builder limits(DecodeLimits limits) {
      this.limits = Objects.requireNonNull(limits, "limits");
      return this;
    }

    /** Whether a {@link ErrorKind#MALFORMED_RESPONSE} from the decoder skips the event with a warning (default: fail). */
    public Builder skipMalformed(boolean on) {
      this.skipMalformed = on;
      return this;
    }

    /** Where decoded chunks go (default: nowhere; the fold still has them). */
    public Builder output(Output output) {
      this.output = Objects.requireNonNull(output, "output");
      return this;
    }

    /** Where the framer comes from (default {@link Framers#of}); the conformance kit substitutes broken ones. */
    public Builder framers(Framers.Factory factory) {
      this.framers = Objects.requireNonNull(factory, "factory");
      return this;
    }

    /** Creates the provider's decoder and the framer; the session starts {@link State#RUNNING}. */
    public DecodeSession build() {
      return new DecodeSession(this);
    }
  }
}
