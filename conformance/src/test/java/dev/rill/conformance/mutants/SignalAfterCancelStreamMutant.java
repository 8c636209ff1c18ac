package dev.rill.conformance.mutants;

import dev.rill.conformance.internal.StreamOpener;

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
          // A thread of its own rather than the common pool's delayer: on a loaded machine a starved pool held the
          // subscriber for seconds, which the TCK's §3.13 check (rule L4.1) then also saw.
          var late = downstream;
          Thread t = new Thread(() -> {
            try {
              Thread.sleep(20);
            } catch (InterruptedException e) {
              return;
            }
            late.onComplete();
          }, "signal-after-cancel-mutant");
          t.setDaemon(true);
          t.start();
        }
      });
    };
  }
}
