package dev.rill.runtime;

import dev.rill.api.ChatResponse;
import dev.rill.api.StreamChunk;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * One streamed chat call: a cold, unicast {@link Flow.Publisher} of {@link StreamChunk}s.
 *
 * <p>Nothing is sent until a subscriber requests chunks. The subscriber's demand drives the socket: a
 * subscriber that requests slowly slows the reads, and TCP slows the server, instead of memory filling up.
 * A stream can be consumed once: a second subscriber receives {@code onError(IllegalStateException)}; for
 * another call, call {@link Rill#stream} again.
 *
 * <p>Every way to consume it ends with exactly one outcome: completion, or a {@link dev.rill.api.RillException}
 * that carries the partial response received so far. <b>Consume to the end or cancel</b>: a subscriber that
 * stops requesting without cancelling keeps the connection until the idle timeout. {@link #cancel()} and
 * {@link #close()} abort the HTTP exchange and release the connection (idempotent).
 *
 * <pre>{@code
 * try (ChatStream stream = rill.stream(request)) {
 *   stream.forEach(chunk -> System.out.print(chunk.content())).join();
 * }
 * }</pre>
 *
 * @since 0.1
 */
public interface ChatStream extends Flow.Publisher<StreamChunk>, AutoCloseable {

  /** Subscribes and folds the whole stream; the future fails with a {@code RillException} on error. */
  CompletableFuture<ChatResponse> collect();

  /** Subscribes and returns just the text. */
  CompletableFuture<String> text();

  /** Subscribes, calls {@code action} for each chunk on the delivering thread, and folds the stream. */
  CompletableFuture<ChatResponse> forEach(Consumer<? super StreamChunk> action);

  /**
   * Subscribes and returns a blocking iterator. {@code hasNext()} waits for the next chunk and throws the
   * stream's {@code RillException} on failure. Close it (or the stream) to stop early: that cancels the call.
   */
  ChunkIterator iterator();

  /** The chunks as a sequential {@link Stream}; closing it cancels the call. */
  Stream<StreamChunk> stream();

  /** Cancels the call and releases its connection. No signal follows once the subscriber observes it. */
  void cancel();

  /** Same as {@link #cancel()}; a completed stream is unaffected. */
  @Override
  void close();
}
