package dev.rill.conformance.mutants;

import dev.rill.api.ChatRequest;
import dev.rill.api.StreamChunk;
import dev.rill.conformance.internal.StreamOpener;
import dev.rill.runtime.Rill;
import dev.rill.runtime.StreamOptions;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Defect: a failure after output is retried with a new call whose chunks are appended to the ones already
 * delivered (duplicated text), the mistake rule L4.11 exists for.
 */
public final class RetryAfterOutputStreamMutant implements StreamOpener {
  @Override
  public Flow.Publisher<StreamChunk> open(Rill rill, ChatRequest request) {
    return rill.stream(request);
  }

  @Override
  public Flow.Publisher<StreamChunk> open(Rill rill, ChatRequest request, StreamOptions options) {
    return subscriber -> rill.stream(request, options).subscribe(new Forwarder(subscriber) {
      private volatile boolean delivered;
      private final AtomicBoolean retried = new AtomicBoolean();

      @Override
      public void onNext(StreamChunk item) {
        delivered = true;
        downstream.onNext(item);
      }

      @Override
      public void onError(Throwable t) {
        if (delivered && retried.compareAndSet(false, true)) {
          rill.stream(request, options).subscribe(new Forwarder(downstream) {
            @Override
            public void onSubscribe(Flow.Subscription s) {
              upstream = s;
              s.request(Long.MAX_VALUE);
            }
          });
          return;
        }
        downstream.onError(t);
      }
    });
  }
}
