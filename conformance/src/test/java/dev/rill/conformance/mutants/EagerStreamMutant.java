package dev.rill.conformance.mutants;

import dev.rill.api.StreamChunk;
import dev.rill.conformance.internal.StreamOpener;
import java.util.ArrayDeque;
import java.util.concurrent.Flow;

/**
 * Defect: the call starts when the stream is opened, before any subscriber (a hot publisher that prefetches and
 * buffers) (rule L4.2). Demand is still honoured downstream.
 */
public final class EagerStreamMutant {
  private EagerStreamMutant() {}

  public static StreamOpener opener() {
    return (rill, request) -> {
      Buffer buffer = new Buffer();
      rill.stream(request).subscribe(buffer);
      return buffer::attach;
    };
  }

  /** Subscribes at once with unbounded demand, queues signals, and replays them to one subscriber on demand. */
  static final class Buffer implements Flow.Subscriber<StreamChunk> {
    private final ArrayDeque<StreamChunk> queue = new ArrayDeque<>();
    private Flow.Subscription upstream;
    private Flow.Subscriber<? super StreamChunk> downstream;
    private long demand;
    private boolean done;
    private Throwable error;
    private boolean terminated;
    private boolean draining;

    synchronized void attach(Flow.Subscriber<? super StreamChunk> s) {
      if (downstream != null) {
        s.onSubscribe(new Flow.Subscription() {
          @Override
          public void request(long n) {}

          @Override
          public void cancel() {}
        });
        s.onError(new IllegalStateException("unicast"));
        return;
      }
      downstream = s;
      s.onSubscribe(new Flow.Subscription() {
        @Override
        public void request(long n) {
          synchronized (Buffer.this) {
            demand = demand + n < 0 ? Long.MAX_VALUE : demand + n;
          }
          drain();
        }

        @Override
        public void cancel() {
          synchronized (Buffer.this) {
            terminated = true;
          }
          upstream.cancel();
        }
      });
      drain();
    }

    @Override
    public synchronized void onSubscribe(Flow.Subscription s) {
      upstream = s;
      s.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(StreamChunk item) {
      synchronized (this) {
        queue.add(item);
      }
      drain();
    }

    @Override
    public void onError(Throwable t) {
      synchronized (this) {
        error = t;
        done = true;
      }
      drain();
    }

    @Override
    public void onComplete() {
      synchronized (this) {
        done = true;
      }
      drain();
    }

    private void drain() {
      while (true) {
        StreamChunk next = null;
        boolean finish = false;
        Flow.Subscriber<? super StreamChunk> d;
        synchronized (this) {
          if (draining || downstream == null || terminated) {
            return;
          }
          d = downstream;
          if (demand > 0 && !queue.isEmpty()) {
            next = queue.poll();
            demand--;
          } else if (queue.isEmpty() && done) {
            finish = true;
            terminated = true;
          } else {
            return;
          }
          draining = true;
        }
        try {
          if (next != null) {
            d.onNext(next);
          } else if (finish) {
            if (error != null) {
              d.onError(error);
            } else {
              d.onComplete();
            }
          }
        } finally {
          synchronized (this) {
            draining = false;
          }
        }
      }
    }
  }
}
