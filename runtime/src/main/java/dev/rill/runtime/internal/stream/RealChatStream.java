package dev.rill.runtime.internal.stream;

import dev.rill.api.ChatResponse;
import dev.rill.api.StreamChunk;
import dev.rill.runtime.ChatStream;
import dev.rill.runtime.ChunkIterator;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * The one production {@link ChatStream}: a cold, unicast publisher. Nothing happens until a subscriber
 * requests; a second subscriber gets {@code onError(IllegalStateException)} after {@code onSubscribe}. The
 * conveniences ({@link #collect()}, {@link #text()}, {@link #iterator()}, {@link #forEach}) are plain
 * subscribers on the same path.
 */
public final class RealChatStream implements ChatStream {
  private static final Flow.Subscription NOOP = new Flow.Subscription() {
    @Override public void request(long n) {}
    @Override public void cancel() {}
  };

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
      subscriber.onSubscribe(NOOP);
      subscriber.onError(new IllegalStateException(state.get() == CANCELLED
          ? "this ChatStream was cancelled before it was subscribed"
          : "a ChatStream is unicast: it was already subscribed; call Rill.stream(request) again for a new call"));
      return;
    }
    exchange.start();
  }

  @Override
  public CompletableFuture<ChatResponse> collect() {
    CollectingSubscriber s = new CollectingSubscriber(this);
    subscribe(s);
    return s.result();
  }

  @Override
  public CompletableFuture<String> text() {
    return collect().thenApply(ChatResponse::text);
  }

  @Override
  public CompletableFuture<ChatResponse> forEach(Consumer<? super StreamChunk> action) {
    CollectingSubscriber s = new CollectingSubscriber(this, action);
    subscribe(s);
    return s.result();
  }

  @Override
  public ChunkIterator iterator() {
    BlockingChunkIterator it = new BlockingChunkIterator(64);
    subscribe(it);
    return it;
  }

  @Override
  public Stream<StreamChunk> stream() {
    ChunkIterator it = iterator();
    Spliterator<StreamChunk> split = Spliterators.spliteratorUnknownSize(it, Spliterator.ORDERED | Spliterator.NONNULL);
    return StreamSupport.stream(split, false).onClose(it::close);
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
