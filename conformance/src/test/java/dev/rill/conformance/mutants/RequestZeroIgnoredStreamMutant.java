package dev.rill.conformance.mutants;

import dev.rill.conformance.internal.StreamOpener;

/** Defect: request(0) and negative requests are ignored instead of signalled as errors (RS 3.9, rule L4.1). */
public final class RequestZeroIgnoredStreamMutant {
  private RequestZeroIgnoredStreamMutant() {}

  public static StreamOpener opener() {
    return (rill, request) -> {
      var real = rill.stream(request);
      return subscriber -> real.subscribe(new Forwarder(subscriber) {
        @Override
        public void request(long n) {
          if (n > 0) {
            super.request(n);
          }
        }
      });
    };
  }
}
