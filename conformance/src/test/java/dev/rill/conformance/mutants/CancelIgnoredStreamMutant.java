package dev.rill.conformance.mutants;

import dev.rill.api.StreamChunk;
import dev.rill.conformance.internal.StreamOpener;
import java.util.concurrent.Flow;

/** Defect: cancel() stops the signals but never aborts the HTTP exchange (rule L4.4). */
public final class CancelIgnoredStreamMutant {
  private CancelIgnoredStreamMutant() {}

  public static StreamOpener opener() {
    return (rill, request) -> {
      var real = rill.stream(request);
      return subscriber -> real.subscribe(new Flow.Subscriber<StreamChunk>() {
        private volatile Flow.Subscriber<? super StreamChunk> down = subscriber;

        @Override
        public void onSubscribe(Flow.Subscription s) {
          subscriber.onSubscribe(new Flow.Subscription() {
            @Override
            public void request(long n) {
              s.request(n);
            }

            @Override
            public void cancel() {
              down = null;
            }
          });
        }

        @Override
        public void onNext(StreamChunk item) {
          var d = down;
          if (d != null) {
            d.onNext(item);
          }
        }

        @Override
        public void onError(Throwable t) {
          var d = down;
          if (d != null) {
            d.onError(t);
          }
        }

        @Override
        public void onComplete() {
          var d = down;
          if (d != null) {
            d.onComplete();
          }
        }
      });
    };
  }
}
