package dev.rill.conformance.mutants;

import dev.rill.conformance.internal.StreamOpener;

/** Defect: every subscriber silently gets a new call instead of the unicast rejection (rule L4.6). */
public final class MulticastStreamMutant {
  private MulticastStreamMutant() {}

  public static StreamOpener opener() {
    return (rill, request) -> subscriber -> rill.stream(request).subscribe(subscriber);
  }
}
