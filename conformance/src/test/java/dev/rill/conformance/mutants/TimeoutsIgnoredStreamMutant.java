package dev.rill.conformance.mutants;

import dev.rill.api.ChatRequest;
import dev.rill.api.StreamChunk;
import dev.rill.conformance.internal.StreamOpener;
import dev.rill.runtime.Rill;
import dev.rill.runtime.StreamOptions;
import java.util.concurrent.Flow;

/** Defect: the call's first-chunk, idle and total timeouts are dropped (rule L4.10). */
public final class TimeoutsIgnoredStreamMutant implements StreamOpener {
  @Override
  public Flow.Publisher<StreamChunk> open(Rill rill, ChatRequest request) {
    return rill.stream(request);
  }

  @Override
  public Flow.Publisher<StreamChunk> open(Rill rill, ChatRequest request, StreamOptions options) {
    return rill.stream(request, OptionsCopy.copy(options, false, l -> l));
  }
}
