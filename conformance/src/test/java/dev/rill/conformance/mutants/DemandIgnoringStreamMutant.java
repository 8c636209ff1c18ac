package dev.rill.conformance.mutants;

import dev.rill.conformance.internal.StreamOpener;

/** Defect: the first request asks for everything, so onNext exceeds the subscriber's demand (rule L4.3). */
public final class DemandIgnoringStreamMutant {
  private DemandIgnoringStreamMutant() {}

  public static StreamOpener opener() {
    return (rill, request) -> {
      var real = rill.stream(request);
      return subscriber -> real.subscribe(new Forwarder(subscriber) {
        @Override
        public void request(long n) {
          super.request(n > 0 ? Long.MAX_VALUE : n);
        }
      });
    };
  }
}
