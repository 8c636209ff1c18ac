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
 * <p><b>One outcome, always.</b> Every way to consume it ends with exactly one outcome: completion, or a
 * {@link dev.rill.api.RillException} that carries the partial response received so far. Nothing waits forever by
 * default: see the deadlines of {@link StreamOptions}. {@link #cancel()} (and {@link #close()}) ends the call
 * with {@link dev.rill.api.ErrorKind#CANCELLED}: a pending future fails with it (wrapped in a
 * {@link java.util.concurrent.CompletionException} by {@code join()}), a thread blocked in
 * {@link ChunkIterator#hasNext()} gets it thrown, a subscriber gets it in {@code onError}. A subscriber that
 * cancels its own {@link Flow.Subscription} hears nothing more, as Reactive Streams requires.
 *
 * <p><b>Threads.</b> Chunks are delivered on one of the client's I/O threads by default, the fastest path: the
 * {@code forEach} action, a subscriber's {@code onNext} and every interceptor's downstream run there, and while
 * they run, no other stream on that thread makes progress. Keep them short and never block in them, or move
 * delivery off the I/O thread with {@link Rill.Builder#deliveryExecutor} or
 * {@link StreamOptions.Builder#deliveryExecutor}. A callback that holds an I/O thread for longer than a second
 * logs a warning naming this fix. {@link #iterator()} and {@link #stream()} hand chunks to the consuming thread
 * through a small queue, so blocking there is safe.
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

  /**
   * Subscribes and folds the whole stream. The future completes with the response, or fails with the
   * {@code RillException} (so {@code join()} throws it wrapped in a {@code CompletionException}); cancelling the
   * future cancels the call. Completes on the delivering thread.
   */
  CompletableFuture<ChatResponse> collect();

  /** Subscribes and returns just the text; otherwise as {@link #collect()}. */
  CompletableFuture<String> text();

  /**
   * Subscribes, calls {@code action} for each chunk, and folds the stream as {@link #collect()} does. The action
   * runs on the delivering thread: an I/O thread of the client unless a delivery executor is set, so it must not
   * block. An action that throws cancels the call, which fails with {@code CANCELLED} (the exception as cause).
   */
  CompletableFuture<ChatResponse> forEach(Consumer<? super StreamChunk> action);

  /**
   * Subscribes and returns a blocking iterator for the calling thread. {@code hasNext()} waits for the next chunk
   * and throws the stream's {@code RillException} on failure (also {@code CANCELLED} when the stream is cancelled
   * from another thread). It requests chunks in small batches, so a slow reader keeps back-pressure on the socket.
   * Close it (or the stream) to stop early: that cancels the call.
   */
  ChunkIterator iterator();

  /** The chunks as a sequential {@link Stream}, as {@link #iterator()}; closing it cancels the call. */
  Stream<StreamChunk> stream();

  /**
   * Cancels the call and releases its connection; every consumer view ends with a {@code CANCELLED} error that
   * carries the partial response. Idempotent; does nothing to a stream that already has its outcome. Cancelling a
   * stream before it is consumed makes any later consumption fail with {@code CANCELLED} at once.
   */
  void cancel();

  /** Same as {@link #cancel()}; a completed stream is unaffected. */
  @Override
  void close();
}
