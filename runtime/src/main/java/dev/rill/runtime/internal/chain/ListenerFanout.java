package dev.rill.runtime.internal.chain;

import dev.rill.api.ChatResponse;
import dev.rill.api.RillException;
import dev.rill.api.StreamChunk;
import dev.rill.runtime.CallInfo;
import dev.rill.runtime.PoolStats;
import dev.rill.runtime.StreamListener;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/** The listeners of one call as one: calls each, and keeps one that throws from breaking the stream (it is logged). */
public final class ListenerFanout implements StreamListener {
  private static final System.Logger LOG = System.getLogger(ListenerFanout.class.getName());
  /** No listeners. */
  public static final StreamListener NONE = new StreamListener() {};

  private final StreamListener[] all;

  private ListenerFanout(List<StreamListener> listeners) {
    this.all = listeners.toArray(new StreamListener[0]);
  }

  /** One listener for {@code listeners}: {@link #NONE} when empty. */
  public static StreamListener of(List<StreamListener> listeners) {
    return listeners.isEmpty() ? NONE : new ListenerFanout(listeners);
  }

  @Override public void onStart(CallInfo c) { each("onStart", l -> l.onStart(c)); }
  @Override public void onPoolWait(CallInfo c, PoolStats s) { each("onPoolWait", l -> l.onPoolWait(c, s)); }
  @Override public void onFirstChunk(CallInfo c, Duration d) { each("onFirstChunk", l -> l.onFirstChunk(c, d)); }
  @Override public void onChunk(CallInfo c, StreamChunk chunk) { each("onChunk", l -> l.onChunk(c, chunk)); }
  @Override public void onRetry(CallInfo c, int next, Duration delay, RillException e) {
    each("onRetry", l -> l.onRetry(c, next, delay, e));
  }
  @Override public void onFallback(CallInfo c, String spec, RillException e) {
    each("onFallback", l -> l.onFallback(c, spec, e));
  }
  @Override public void onWarning(CallInfo c, String w) { each("onWarning", l -> l.onWarning(c, w)); }
  @Override public void onError(CallInfo c, RillException e) { each("onError", l -> l.onError(c, e)); }
  @Override public void onComplete(CallInfo c, ChatResponse r) { each("onComplete", l -> l.onComplete(c, r)); }

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
