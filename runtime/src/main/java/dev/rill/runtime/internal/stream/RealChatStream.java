package dev.rill.runtime.internal.stream;

import dev.rill.api.ChatResponse;
import dev.rill.api.ErrorKind;
import dev.rill.api.RillException;
import dev.rill.api.StreamChunk;
import dev.rill.runtime.CallInfo;
import dev.rill.runtime.ChatStream;
import dev.rill.runtime.ChunkIterator;
import dev.rill.runtime.Downstream;
import dev.rill.runtime.Upstream;
import dev.rill.runtime.internal.call.CallState;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The one production {@link ChatStream}: a cold, unicast publisher over one call's interceptor chain. Nothing
 * happens until a subscriber requests; a second subscriber gets {@code onError(IllegalStateException)} after
 * {@code onSubscribe}. The conveniences ({@link #collect()}, {@link #text()}, {@link #iterator()},
 * {@link #forEach}) are plain subscribers on the same path, so {@link #cancel()} ends each of them with a
 * {@code CANCELLED} error carrying the partial response.
 */
public final class RealChatStream implements ChatStream {
  private static final Object CANCELLED = new Object();

  private final Function<Downstream, Upstream> starter;
  private final CallState call;
  private final AtomicReference<Object> state = new AtomicReference<>(); // null, StreamSubscription, or CANCELLED

  /** A stream whose call runs {@code starter}'s chain with the given downstream. */
  public RealChatStream(Function<Downstream, Upstream> starter, CallState call) {
    this.starter = starter;
    this.call = call;
  }

  @Override
  public void subscribe(Flow.Subscriber<? super StreamChunk> subscriber) {
    Objects.requireNonNull(subscriber, "subscriber"); // RS 1.9
    StreamSubscription subscription = new StreamSubscription(subscriber, starter, call);
    if (!state.compareAndSet(null, subscription)) {
      ChatStreams.reject(subscriber, state.get() == CANCELLED ? cancelled("before it was subscribed")
          : new IllegalStateException("a ChatStream is unicast: it was already subscribed; call Rill.stream(request)"
              + " again for a new call"));
      return;
    }
    subscription.begin();
  }

  @Override
  public CompletableFuture<ChatResponse> collect() {
    return ChatStreams.collect(this, null);
  }

  @Override
  public CompletableFuture<String> text() {
    return collect().thenApply(ChatResponse::text);
  }

  @Override
  public CompletableFuture<ChatResponse> forEach(Consumer<? super StreamChunk> action) {
    return ChatStreams.collect(this, Objects.requireNonNull(action, "action"));
  }

  @Override
  public ChunkIterator iterator() {
    return ChatStreams.iterator(this);
  }

  @Override
  public Stream<StreamChunk> stream() {
    return ChatStreams.stream(this);
  }

  @Override
  public void cancel() {
    if (state.compareAndSet(null, CANCELLED)) {
      return;
    }
    if (state.get() instanceof StreamSubscription s) {
      s.cancelWithOutcome(cancelled("by ChatStream.cancel()"));
    }
  }

  @Override
  public void close() {
    cancel();
  }

  private RillException cancelled(String how) {
    CallInfo first = call.current();
    return RillException.builder(ErrorKind.CANCELLED).provider(first.provider()).model(first.model())
        .retryable(false).message("the stream was cancelled " + how).build();
  }

  @Override
  public String toString() {
    CallInfo first = call.current();
    return "ChatStream[" + first.provider() + ":" + first.model() + "]";
  }
}
