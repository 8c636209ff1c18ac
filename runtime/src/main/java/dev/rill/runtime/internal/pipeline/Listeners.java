package dev.rill.runtime.internal.pipeline;

import dev.rill.api.ChatResponse;
import dev.rill.api.RillException;
import dev.rill.api.StreamChunk;
import dev.rill.runtime.CallInfo;
import dev.rill.runtime.StreamListener;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/** Calls every listener, and keeps one that throws from breaking the stream: the failure is logged. */
final class Listeners {
  private static final System.Logger LOG = System.getLogger(Listeners.class.getName());

  private final StreamListener[] all;

  Listeners(List<StreamListener> listeners) {
    this.all = listeners.toArray(new StreamListener[0]);
  }

  boolean isEmpty() {
    return all.length == 0;
  }

  void start(CallInfo c) { each("onStart", l -> l.onStart(c)); }
  void firstChunk(CallInfo c, Duration d) { each("onFirstChunk", l -> l.onFirstChunk(c, d)); }
  void chunk(CallInfo c, StreamChunk chunk) { each("onChunk", l -> l.onChunk(c, chunk)); }
  void retry(CallInfo c, int next, Duration delay, RillException e) { each("onRetry", l -> l.onRetry(c, next, delay, e)); }
  void fallback(CallInfo c, String spec, RillException e) { each("onFallback", l -> l.onFallback(c, spec, e)); }
  void warning(CallInfo c, String w) { each("onWarning", l -> l.onWarning(c, w)); }
  void error(CallInfo c, RillException e) { each("onError", l -> l.onError(c, e)); }
  void complete(CallInfo c, ChatResponse r) { each("onComplete", l -> l.onComplete(c, r)); }

  private void each(String event, Consumer<StreamListener> call) {
    for (StreamListener l : all) {
      try {
        call.accept(l);
      } catch (RuntimeException | LinkageError e) {
        LOG.log(System.Logger.Level.WARNING, "StreamListener " + l.getClass().getName() + " threw from " + event
            + "; ignored, the stream goes on", e);
      }
    }
  }
}
