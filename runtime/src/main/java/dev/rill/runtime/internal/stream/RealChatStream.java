package dev.rill.runtime.internal.stream;

import dev.rill.api.ChatResponse;
import dev.rill.api.StreamChunk;
import dev.rill.runtime.ChatStream;
import dev.rill.runtime.ChunkIterator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The one production {@link ChatStream}: a cold, unicast publisher. Nothing happens until a subscriber
 * requests; a second subscriber gets {@code onError(IllegalStateException)} after {@code onSubscribe}. The
 * conveniences ({@link #collect()}, {@link #text()}, {@link #iterator()}, {@link #forEach}) are plain
 * subscribers on the same path.
 */
public final class RealChatStream implements ChatStream {
  private final CallSpec spec;
  private final AtomicReference<Object> state = new AtomicReference<>(); // null, StreamExchange, or CANCELLED
  private static final Object CANCELLED = new Object();

  public RealChatStream(CallSpec spec) {
    this.spec = spec;
  }

  @Override
  public void subscribe(Flow.Subscriber<? super StreamChunk> subscriber) {
    java.util.Objects.requireNonNull(subscriber, "subscriber"); // RS 1.9
    StreamExchange exchange = new StreamExchange(spec, subscriber);
    if (!state.compareAndSet(null, exchange)) {
      ChatStreams.rejectSecondSubscriber(subscriber, state.get() == CANCELLED);
      return;
    }
    exchange.start();
  }

  @Override
  public CompletableFuture<ChatResponse> collect() {
    return ChatStreams.collect(this, null, this::response);
  }

  @Override
  public CompletableFuture<String> text() {
    return collect().thenApply(ChatResponse::text);
  }

  @Override
  public CompletableFuture<ChatResponse> forEach(Consumer<? super StreamChunk> action) {
    return ChatStreams.collect(this, action, this::response);
  }

  @Override
  public ChunkIterator iterator() {
    return ChatStreams.iterator(this);
  }

  @Override
  public Stream<StreamChunk> stream() {
    return ChatStreams.stream(this);
  }

  /** The response folded so far (the final one once the stream completed). */
  public ChatResponse response() {
    Object s = state.get();
    return s instanceof StreamExchange e ? e.response() : null;
  }

  @Override
  public void cancel() {
    Object s = state.get();
    if (s == null && state.compareAndSet(null, CANCELLED)) {
      return;
    }
    s = state.get();
    if (s instanceof StreamExchange e) {
      e.cancel();
    }
  }

  @Override
  public void close() {
    cancel();
  }

  @Override
  public String toString() {
    return "ChatStream[" + spec.providerId() + ":" + spec.request().model() + "]";
  }
}
