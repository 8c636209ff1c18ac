package dev.rill.conformance.mutants;

import dev.rill.api.RillException;
import dev.rill.conformance.internal.StreamOpener;

/** Defect: an error after output is marked retryable, inviting a retry that repeats output (rule E3.5). */
public final class RetryableAfterOutputStreamMutant {
  private RetryableAfterOutputStreamMutant() {}

  public static StreamOpener opener() {
    return (rill, request) -> {
      var real = rill.stream(request);
      return subscriber -> real.subscribe(new Forwarder(subscriber) {
        @Override
        public void onError(Throwable t) {
          if (t instanceof RillException e && e.hadOutput()) {
            t = e.toBuilder().retryable(true).build();
          }
          super.onError(t);
        }
      });
    };
  }
}
