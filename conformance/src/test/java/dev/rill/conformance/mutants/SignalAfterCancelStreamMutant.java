package dev.rill.conformance.mutants;

import dev.rill.conformance.internal.StreamOpener;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Defect: cancel() is followed, shortly after, by an onComplete (rule L4.5). */
public final class SignalAfterCancelStreamMutant {
  private SignalAfterCancelStreamMutant() {}

  public static StreamOpener opener() {
    return (rill, request) -> {
      var real = rill.stream(request);
      return subscriber -> real.subscribe(new Forwarder(subscriber) {
        @Override
        public void cancel() {
          super.cancel();
          CompletableFuture.delayedExecutor(20, TimeUnit.MILLISECONDS).execute(downstream::onComplete);
        }
      });
    };
  }
}
