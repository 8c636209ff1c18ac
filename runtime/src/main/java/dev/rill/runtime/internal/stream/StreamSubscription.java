package dev.rill.runtime.internal.stream;

import dev.rill.api.ChatResponse;
import dev.rill.api.ErrorKind;
import dev.rill.api.RillException;
import dev.rill.api.StreamChunk;
import dev.rill.runtime.Downstream;
import dev.rill.runtime.Upstream;
import dev.rill.runtime.internal.call.CallState;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * The only {@link Flow.Subscription} a subscriber of a {@code ChatStream} sees: it starts the interceptor chain at
 * the first demand and is the chain's top {@link Downstream}. The layers below deliver serially and honour
 * demand; this one adds the Reactive Streams rules that concern the subscriber itself:
 * <ul>
 *   <li>§1.3: nothing is signalled while {@code onSubscribe} runs; demand asked for inside it starts the call once
 *       it has returned;
 *   <li>§3.9: {@code request(n <= 0)} is signalled as {@code onError(IllegalArgumentException)}, once, and never
 *       after a terminal signal (§1.7, §3.6);
 *   <li>§3.12, §3.13: after {@link #cancel()} nothing is signalled and the subscriber is dropped;
 *   <li>{@link #cancelWithOutcome}: the stream's own {@code cancel()} ends the subscriber with an outcome, a
 *       {@code CANCELLED} error carrying the partial response, so every consumer view (futures, a blocked
 *       iterator) ends too.
 * </ul>
 */
final class StreamSubscription implements Flow.Subscription, Downstream {
  private static final System.Logger LOG = System.getLogger(StreamSubscription.class.getName());
  private static final int NEW = 0;
  private static final int STARTED = 1;
  private static final int DONE = 2;

  private final Function<Downstream, Upstream> starter;
  private final CallState call;
  private final AtomicInteger state = new AtomicInteger(NEW);
  private final AtomicLong pending = new AtomicLong();
  private volatile Flow.Subscriber<? super StreamChunk> subscriber;
  private volatile Upstream upstream;
  private volatile boolean subscribing;
  private volatile boolean cancelled;
  private volatile IllegalArgumentException rule39;
  private volatile RillException pendingCancel;

  StreamSubscription(Flow.Subscriber<? super StreamChunk> subscriber, Function<Downstream, Upstream> starter,
      CallState call) {
    this.subscriber = subscriber;
    this.starter = starter;
    this.call = call;
  }

  /** Calls {@code onSubscribe}, then starts the call if demand came in it. */
  void begin() {
    subscribing = true;
    try {
      subscriber.onSubscribe(this);
    } catch (Throwable t) {
      // RS 2.13: a throwing onSubscribe is a broken subscriber; there is nobody left to tell.
      cancelled = true;
      LOG.log(System.Logger.Level.WARNING, "subscriber threw from onSubscribe; stream cancelled", t);
    } finally {
      subscribing = false;
    }
    if (cancelled) {
      state.compareAndSet(NEW, DONE);
      return;
    }
    Throwable early = rule39 != null ? rule39 : pendingCancel;
    if (early != null) {
      endBeforeStart(early);
    } else if (pending.get() > 0) {
      start();
    }
  }

  // ---------------------------------------------------------------- Flow.Subscription

  @Override
  public void request(long n) {
    if (n <= 0) {
      if (state.get() == DONE || rule39 != null) {
        return; // §3.6: nothing after a terminal signal
      }
      IllegalArgumentException e = new IllegalArgumentException("§3.9: request(n) needs n > 0, got " + n);
      rule39 = e;
      Upstream u = upstream;
      if (u != null) {
        u.abort(RillException.builder(ErrorKind.INVALID_REQUEST).message(e.getMessage()).cause(e).build());
      } else if (!subscribing) {
        endBeforeStart(e);
      }
      return;
    }
    Upstream u = upstream;
    if (u != null) {
      u.request(n);
      return;
    }
    addPending(n);
    if (subscribing) {
      return; // begin() starts the call once onSubscribe returned (§1.3)
    }
    if (!start()) {
      u = upstream; // another thread started it: make sure this demand reaches it
      if (u != null) {
        long p = pending.getAndSet(0);
        if (p > 0) {
          u.request(p);
        }
      }
    }
  }

  @Override
  public void cancel() {
    cancelled = true;
    Upstream u = upstream;
    if (u != null) {
      u.cancel();
    } else {
      state.compareAndSet(NEW, DONE);
    }
    subscriber = null; // §3.13
  }

  /** The stream's {@code cancel()}: ends the subscriber with {@code error} (plus the partial response). */
  void cancelWithOutcome(RillException error) {
    Upstream u = upstream;
    if (u != null) {
      u.abort(error);
      return;
    }
    pendingCancel = error;
    if (subscribing) {
      return; // begin() delivers it once onSubscribe returned
    }
    if (!endBeforeStart(error)) {
      u = upstream; // started meanwhile; start() aborts it with pendingCancel if it has not seen it
      if (u != null) {
        u.abort(error);
      }
    }
  }

  /** Starts the chain once; false when it was started (or ended) before. */
  private boolean start() {
    if (!state.compareAndSet(NEW, STARTED)) {
      return false;
    }
    Upstream u = starter.apply(this);
    upstream = u;
    if (cancelled) {
      u.cancel();
      return true;
    }
    long p = pending.getAndSet(0);
    if (p > 0) {
      u.request(p);
    }
    RillException pc = pendingCancel;
    if (pc != null) {
      u.abort(pc);
    }
    return true;
  }

  private boolean endBeforeStart(Throwable error) {
    if (!state.compareAndSet(NEW, DONE)) {
      return false;
    }
    Flow.Subscriber<? super StreamChunk> s = take();
    if (s != null) {
      try {
        s.onError(error);
      } catch (Throwable t) {
        LOG.log(System.Logger.Level.WARNING, "subscriber threw from onError; ignored", t);
      }
    }
    return true;
  }

  private void addPending(long n) {
    long r;
    long next;
    do {
      r = pending.get();
      next = r + n < 0 ? Long.MAX_VALUE : r + n; // §3.17
    } while (!pending.compareAndSet(r, next));
  }

  private Flow.Subscriber<? super StreamChunk> take() {
    Flow.Subscriber<? super StreamChunk> s = subscriber;
    subscriber = null;
    state.set(DONE);
    return cancelled ? null : s;
  }

  // ---------------------------------------------------------------- Downstream (serial, from the chain)

  @Override
  public void onChunk(StreamChunk chunk) {
    Flow.Subscriber<? super StreamChunk> s = subscriber;
    if (s != null && !cancelled) {
      s.onNext(chunk); // a throw ends the call with CANCELLED, delivered back here as onError
    }
  }

  @Override
  public void onComplete(ChatResponse response) {
    Flow.Subscriber<? super StreamChunk> s = take();
    if (s == null) {
      return;
    }
    if (s instanceof ResponseAware aware) {
      aware.onResponse(response);
    }
    s.onComplete();
  }

  @Override
  public void onError(RillException error) {
    Flow.Subscriber<? super StreamChunk> s = take();
    if (s == null) {
      return;
    }
    IllegalArgumentException e39 = rule39;
    if (e39 != null) {
      s.onError(e39);
      return;
    }
    s.onError(error.attempts() < call.attempts() ? error.toBuilder().attempts(call.attempts()).build() : error);
  }
}
