package dev.rill.conformance.mutants;

import dev.rill.runtime.StreamListener;
import dev.rill.runtime.StreamOptions;
import java.util.List;
import java.util.function.UnaryOperator;

/** Copies enhanced StreamOptions with some parts replaced: the stream mutants' way to break one feature. */
final class OptionsCopy {
  private OptionsCopy() {}

  static StreamOptions copy(StreamOptions o, boolean keepTimeouts, UnaryOperator<StreamListener> listener) {
    StreamOptions.Builder b = StreamOptions.enhancedBuilder().metadata(o.metadata()).retry(o.retry())
        .malformedEvents(o.malformedEvents()).continuityWarnings(o.continuityWarnings())
        .lengthIsError(o.lengthIsError()).discoverListeners(o.discoverListeners())
        .fallback(o.fallback().toArray(String[]::new));
    if (keepTimeouts) {
      b.firstChunkTimeout(o.firstChunkTimeout()).idleTimeout(o.idleTimeout()).totalTimeout(o.totalTimeout());
    } else {
      b.firstChunkTimeout(null).idleTimeout(null).totalTimeout(null);
    }
    o.interceptors().forEach(b::interceptor);
    List<StreamListener> listeners = o.listeners();
    listeners.forEach(l -> b.listener(listener.apply(l)));
    return b.build();
  }
}
