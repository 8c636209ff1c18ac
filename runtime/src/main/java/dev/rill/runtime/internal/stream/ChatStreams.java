package dev.rill.runtime.internal.stream;

import dev.rill.api.ChatResponse;
import dev.rill.api.StreamChunk;
import dev.rill.runtime.ChatStream;
import dev.rill.runtime.ChunkIterator;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/** The conveniences every {@link ChatStream} offers, as plain subscribers on the stream itself. */
public final class ChatStreams {
  private static final Flow.Subscription NOOP = new Flow.Subscription() {
    @Override public void request(long n) {}
    @Override public void cancel() {}
  };

  private ChatStreams() {}

  /** RS 1.9 and unicast: a subscriber that may not have the stream gets onSubscribe then onError. */
  public static void reject(Flow.Subscriber<?> subscriber, Throwable error) {
    subscriber.onSubscribe(NOOP);
    subscriber.onError(error);
  }

  /** Subscribes a folding subscriber that completes with the call's response once the stream completes. */
  public static CompletableFuture<ChatResponse> collect(ChatStream stream, Consumer<? super StreamChunk> action) {
    CollectingSubscriber s = new CollectingSubscriber(stream::cancel, action);
    stream.subscribe(s);
    return s.result();
  }

  /** Subscribes a blocking iterator. */
  public static ChunkIterator iterator(ChatStream stream) {
    BlockingChunkIterator it = new BlockingChunkIterator(64);
    stream.subscribe(it);
    return it;
  }

  /** Subscribes a blocking iterator and wraps it as a {@link Stream} that cancels on close. */
  public static Stream<StreamChunk> stream(ChatStream stream) {
    ChunkIterator it = iterator(stream);
    Spliterator<StreamChunk> split = Spliterators.spliteratorUnknownSize(it, Spliterator.ORDERED | Spliterator.NONNULL);
    return StreamSupport.stream(split, false).onClose(it::close);
  }
}
