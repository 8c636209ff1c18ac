package dev.rill.runtime.internal.stream;

import dev.rill.api.ErrorKind;
import dev.rill.api.RillException;
import dev.rill.api.StreamChunk;
import dev.rill.runtime.ChunkIterator;
import java.util.NoSuchElementException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Flow;

/**
 * A subscriber that hands chunks to a consuming thread through a bounded queue, requesting a batch at a time
 * so that a slow reader keeps back-pressure on the socket.
 */
final class BlockingChunkIterator implements ChunkIterator, Flow.Subscriber<StreamChunk> {
  private static final Object COMPLETE = new Object();

  private final int batch;
  private final int refill;
  private final BlockingQueue<Object> queue;
  private volatile Flow.Subscription subscription;
  private Object next;
  private int consumedSinceRequest;
  private boolean finished;
  private volatile boolean closed;

  BlockingChunkIterator(int batch) {
    this.batch = batch;
    this.refill = Math.max(1, batch / 2);
    this.queue = new ArrayBlockingQueue<>(batch + 1);
  }

  @Override
  public void onSubscribe(Flow.Subscription s) {
    this.subscription = s;
    if (closed) {
      s.cancel();
    } else {
      s.request(batch);
    }
  }

  @Override
  public void onNext(StreamChunk item) {
    queue.offer(item); // never exceeds batch: demand is at most batch outstanding
  }

  @Override
  public void onError(Throwable t) {
    queue.offer(t);
  }

  @Override
  public void onComplete() {
    queue.offer(COMPLETE);
  }

  @Override
  public boolean hasNext() {
    if (next != null) {
      return true;
    }
    if (finished) {
      return false;
    }
    if (closed) {
      throw RillException.builder(ErrorKind.CANCELLED).message("the iterator was closed").build();
    }
    Object o;
    try {
      o = queue.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      close();
      throw RillException.builder(ErrorKind.CANCELLED)
          .message("interrupted while waiting for the next chunk; the stream was cancelled").cause(e).build();
    }
    if (o == COMPLETE) {
      finished = true;
      return false;
    }
    if (o instanceof Throwable t) {
      finished = true;
      if (t instanceof RuntimeException re) {
        throw re;
      }
      throw new IllegalStateException(t);
    }
    next = o;
    if (++consumedSinceRequest >= refill) {
      int n = consumedSinceRequest;
      consumedSinceRequest = 0;
      Flow.Subscription s = subscription;
      if (s != null) {
        s.request(n);
      }
    }
    return true;
  }

  @Override
  public StreamChunk next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    StreamChunk c = (StreamChunk) next;
    next = null;
    return c;
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    Flow.Subscription s = subscription;
    if (s != null && !finished) {
      s.cancel();
    }
  }
}
