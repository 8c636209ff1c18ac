package dev.rill.conformance.mutants;

import dev.rill.api.RillException;
import dev.rill.conformance.internal.StreamOpener;

/** Defect: an HTTP error loses its status on the way to the subscriber (rule E3.4). */
public final class StatusLostStreamMutant {
  private StatusLostStreamMutant() {}

  public static StreamOpener opener() {
    return (rill, request) -> {
      var real = rill.stream(request);
      return subscriber -> real.subscribe(new Forwarder(subscriber) {
        @Override
        public void onError(Throwable t) {
          if (t instanceof RillException e && e.httpStatus().isPresent()) {
            t = RillException.builder(e.kind()).provider(e.provider()).model(e.model())
                .providerCode(e.providerCode()).providerMessage(e.providerMessage()).partial(e.partial())
                .retryable(e.retryable()).retryAfter(e.retryAfter().orElse(null)).build();
          }
          super.onError(t);
        }
      });
    };
  }
}
