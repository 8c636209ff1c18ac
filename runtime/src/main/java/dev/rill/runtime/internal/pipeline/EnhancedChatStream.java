package dev.rill.runtime.internal.pipeline;

import dev.rill.api.ChatRequest;
import dev.rill.api.ChatResponse;
import dev.rill.api.ErrorKind;
import dev.rill.api.FinishReason;
import dev.rill.api.RillException;
import dev.rill.api.StreamChunk;
import dev.rill.api.TimeoutPhase;
import dev.rill.runtime.CallInfo;
import dev.rill.runtime.ChatStream;
import dev.rill.runtime.ChunkIterator;
import dev.rill.runtime.ModelSpec;
import dev.rill.runtime.RetryPolicy;
import dev.rill.runtime.Stage;
import dev.rill.runtime.StreamListener;
import dev.rill.runtime.StreamOptions;
import dev.rill.runtime.internal.stream.ChatStreams;
import dev.rill.runtime.internal.stream.Enhancements;
import dev.rill.runtime.internal.stream.RealChatStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The enhanced pipeline around the basic one: each attempt is a {@link RealChatStream} (which carries the
 * per-attempt features, see {@link Enhancements}); this stream adds what spans attempts. Retry with back-off of
 * transient failures and fallback to the next model spec, both only while no chunk has reached the
 * subscriber; the total timeout; continuity warnings; timings; listeners; and the stages' completion hook.
 */
public final class EnhancedChatStream implements ChatStream {
  private static final AtomicLong CALL_IDS = new AtomicLong();

  /** Creates the basic stream for one attempt at a model spec. */
  @FunctionalInterface
  public interface AttemptFactory {
    RealChatStream create(ChatRequest request, Enhancements enhancements);
  }

  private final ChatRequest request;
  private final StreamOptions options;
  private final List<StreamListener> listenerList;
  private final AttemptFactory attempts;
  private final ScheduledExecutorService scheduler;
  private final AtomicReference<Call> call = new AtomicReference<>();
  private final AtomicBoolean cancelledEarly = new AtomicBoolean();

  public EnhancedChatStream(ChatRequest request, StreamOptions options, List<StreamListener> listeners,
      AttemptFactory attempts, ScheduledExecutorService scheduler) {
    this.request = request;
    this.options = options;
    this.listenerList = List.copyOf(listeners);
    this.attempts = attempts;
    this.scheduler = scheduler;
  }

  @Override
  public void subscribe(Flow.Subscriber<? super StreamChunk> subscriber) {
    Objects.requireNonNull(subscriber, "subscriber");
    Call c = new Call(subscriber);
    if (cancelledEarly.get() || !call.compareAndSet(null, c)) {
      ChatStreams.rejectSecondSubscriber(subscriber, cancelledEarly.get());
      return;
    }
    c.begin();
  }

  @Override
  public CompletableFuture<ChatResponse> collect() {
    return ChatStreams.collect(this, null, this::response);
  }

  @Override
  public CompletableFuture<String> text() {
    return collect().thenApply(ChatResponse::text);
  }

  @Override
  public CompletableFuture<ChatResponse> forEach(Consumer<? super StreamChunk> action) {
    return ChatStreams.collect(this, action, this::response);
  }

  @Override
  public ChunkIterator iterator() {
    return ChatStreams.iterator(this);
  }

  @Override
  public Stream<StreamChunk> stream() {
    return ChatStreams.stream(this);
  }

  @Override
  public void cancel() {
    Call c = call.get();
    if (c == null) {
      cancelledEarly.set(true);
      c = call.get();
    }
    if (c != null) {
      c.cancel();
    }
  }

  @Override
  public void close() {
    cancel();
  }

  /** The final response once completed, else the current attempt's partial one. */
  public ChatResponse response() {
    Call c = call.get();
    return c == null ? null : c.response();
  }

  @Override
  public String toString() {
    return "ChatStream[enhanced " + request.model() + "]";
  }

  /** One subscription: the attempts, the demand, the timers and the outcome. */
  private final class Call implements Flow.Subscription {
    private final long id = CALL_IDS.incrementAndGet();
    private final Flow.Subscriber<? super StreamChunk> downstream;
    private final Listeners listeners = new Listeners(listenerList);
    private final List<String> specs = new ArrayList<>();
    private final AtomicLong requested = new AtomicLong();
    private final Object signalLock = new Object();
    private final long startNanos = System.nanoTime();
    private final List<String> extraWarnings = new ArrayList<>();
    private List<Stage> callStages = List.of();

    // Guarded by this.
    private int specIndex;
    private int attempt;
    private int totalAttempts;
    private long waitedNanos;
    private Attempt current;
    private ScheduledFuture<?> pendingRetry;
    private ScheduledFuture<?> totalTimer;
    private boolean done;

    private volatile boolean delivered;
    private volatile boolean subscribing;
    private volatile long firstChunkNanos = -1;
    private volatile ChatResponse finalResponse;

    Call(Flow.Subscriber<? super StreamChunk> downstream) {
      this.downstream = downstream;
      specs.add(request.model());
      specs.addAll(options.fallback());
    }

    void begin() {
      // RS 1.3: attempts start only after onSubscribe returned, so no chunk can overlap it.
      subscribing = true;
      try {
        downstream.onSubscribe(this);
      } catch (Throwable t) {
        cancel();
      } finally {
        subscribing = false;
      }
      if (requested.get() > 0) {
        startOrForward(0);
      }
    }

    CallInfo info() {
      ModelSpec spec = ModelSpec.parse(specs.get(Math.min(specIndex, specs.size() - 1)));
      return new CallInfo(id, spec.provider(), spec.model(), Math.max(1, attempt), specIndex);
    }

    // ------------------------------------------------------------ Subscription

    @Override
    public void request(long n) {
      if (n <= 0) {
        fail(RillException.builder(ErrorKind.INVALID_REQUEST)
            .message("§3.9: request(n) needs n > 0, got " + n).build(), true, null);
        return;
      }
      long r;
      long next;
      do {
        r = requested.get();
        if (r == Long.MAX_VALUE) {
          break;
        }
        next = r + n < 0 ? Long.MAX_VALUE : r + n;
      } while (!requested.compareAndSet(r, next));
      if (!subscribing) {
        startOrForward(n);
      }
    }

    /** Starts the first attempt, or passes {@code n} more demand to the current one. */
    private void startOrForward(long n) {
      Attempt a;
      boolean first;
      synchronized (this) {
        if (done) {
          return;
        }
        first = attempt == 0;
        if (first) {
          listeners.start(new CallInfo(id, ModelSpec.parse(specs.get(0)).provider(),
              ModelSpec.parse(specs.get(0)).model(), 1, 0));
          if (options.totalTimeout() != null) {
            totalTimer = schedule(this::totalTimeout, options.totalTimeout().toNanos());
          }
          callStages = new ArrayList<>();
          for (Stage s : options.stages()) {
            callStages.add(s.forCall(info()));
          }
          startAttempt();
          return;
        }
        a = current;
      }
      if (a != null && n > 0) {
        a.request(n);
      }
    }

    @Override
    public void cancel() {
      Attempt a;
      synchronized (this) {
        if (done) {
          return;
        }
        done = true;
        a = current;
        cancelTimers();
      }
      if (a != null) {
        a.cancel();
      }
    }

    // ------------------------------------------------------------ attempts (called holding this)

    private void startAttempt() {
      attempt++;
      totalAttempts++;
      String spec = specs.get(specIndex);
      CallInfo info = info();
      Enhancements enh = new Enhancements(options.metadata(), options.clock(),
          nanos(options.firstChunkTimeout()), nanos(options.idleTimeout()), options.malformedEvents(), callStages,
          w -> listeners.warning(info, w));
      RealChatStream stream;
      try {
        stream = attempts.create(request.withModel(spec), enh);
      } catch (RillException e) {
        finishWithError(e);
        return;
      }
      Attempt a = new Attempt(stream, info);
      current = a;
      stream.subscribe(a);
    }

    private void attemptFailed(Attempt a, RillException e) {
      // Decide under the lock, tell the listeners outside it, then act: a listener always hears of a retry or
      // a fallback before the next attempt can start (and finish).
      Duration retryDelay = null;
      String nextSpec = null;
      synchronized (this) {
        if (done || a != current) {
          return;
        }
        boolean transientFailure = !delivered && e.retryable() && retryableKind(e);
        if (transientFailure && attempt < options.retry().maxAttempts()) {
          Duration delay = delay(e);
          long budgetLeft = options.retry().budget().toNanos() - waitedNanos;
          if (delay.toNanos() <= budgetLeft) {
            waitedNanos += delay.toNanos();
            retryDelay = delay;
          }
        }
        if (retryDelay == null && transientFailure && specIndex + 1 < specs.size()) {
          nextSpec = specs.get(specIndex + 1);
        }
        if (retryDelay == null && nextSpec == null) {
          finishWithError(e);
          return;
        }
      }
      if (retryDelay != null) {
        listeners.retry(a.info, attempt + 1, retryDelay, e);
        synchronized (this) {
          if (!done) {
            pendingRetry = schedule(this::retryNow, retryDelay.toNanos());
          }
        }
      } else {
        listeners.fallback(a.info, nextSpec, e);
        synchronized (this) {
          if (!done) {
            specIndex++;
            attempt = 0;
            startAttempt();
          }
        }
      }
    }

    private void retryNow() {
      synchronized (this) {
        if (done) {
          return;
        }
        pendingRetry = null;
        startAttempt();
      }
    }

    private boolean retryableKind(RillException e) {
      return switch (e.kind()) {
        case TRANSPORT, RATE_LIMITED, OVERLOADED, SERVER, CONFLICT -> true;
        case TIMEOUT -> e.timeoutPhase().map(p -> p != TimeoutPhase.TOTAL).orElse(true);
        default -> false;
      };
    }

    private Duration delay(RillException e) {
      RetryPolicy p = options.retry();
      if (e.retryAfter().isPresent()) {
        return e.retryAfter().get();
      }
      Duration base = p.backoff(attempt);
      double cut = p.jitter() <= 0 ? 0 : ThreadLocalRandom.current().nextDouble(p.jitter());
      return Duration.ofNanos((long) (base.toNanos() * (1 - cut)));
    }

    private void totalTimeout() {
      Attempt a;
      synchronized (this) {
        if (done) {
          return;
        }
        a = current;
      }
      ChatResponse partial = a == null ? null : a.stream.response();
      RillException e = RillException.builder(ErrorKind.TIMEOUT).timeoutPhase(TimeoutPhase.TOTAL)
          .provider(info().provider()).model(info().model()).retryable(false)
          .message("the call took longer than " + options.totalTimeout().toMillis() + " ms in all")
          .partial(partial).build();
      if (a != null) {
        a.cancel();
      }
      synchronized (this) {
        finishWithError(e);
      }
    }

    // ------------------------------------------------------------ outcome

    /** Holding this. */
    private void finishWithError(RillException e) {
      if (done) {
        return;
      }
      done = true;
      cancelTimers();
      RillException out = e.toBuilder().attempts(totalAttempts).retryable(e.retryable() && !delivered).build();
      listeners.error(info(), out);
      fail(out, false, null);
    }

    private void fail(RillException e, boolean cancelUpstream, Attempt a) {
      if (cancelUpstream) {
        cancel();
      }
      synchronized (signalLock) {
        try {
          downstream.onError(e);
        } catch (Throwable ignored) {
          // a broken subscriber; nothing left to tell
        }
      }
    }

    private void attemptCompleted(Attempt a) {
      ChatResponse r = a.stream.response();
      List<String> warnings = new ArrayList<>();
      if (options.continuityWarnings()) {
        warnings.addAll(ContinuityCheck.warnings(r));
      }
      r = r.withWarnings(warnings);
      Duration ttfc = firstChunkNanos < 0 ? null : Duration.ofNanos(firstChunkNanos - startNanos);
      int attemptsMade;
      synchronized (this) {
        if (done || a != current) {
          return;
        }
        attemptsMade = totalAttempts;
      }
      r = r.withTiming(new ChatResponse.Timing(ttfc, Duration.ofNanos(System.nanoTime() - startNanos), attemptsMade));
      for (String w : warnings) {
        listeners.warning(a.info, w);
      }
      if (options.lengthIsError() && r.finishReason() != null
          && r.finishReason().kind() == FinishReason.Kind.LENGTH) {
        RillException e = RillException.builder(ErrorKind.TRUNCATED).provider(r.provider()).model(a.info.model())
            .message("finish reason LENGTH: the output hit the token limit (lengthIsError is on)")
            .retryable(false).partial(r).build();
        synchronized (this) {
          finishWithError(e);
        }
        return;
      }
      synchronized (this) {
        if (done) {
          return;
        }
        done = true;
        cancelTimers();
      }
      finalResponse = r;
      for (Stage s : callStages) {
        try {
          s.onComplete(r);
        } catch (RuntimeException e) {
          System.getLogger(EnhancedChatStream.class.getName())
              .log(System.Logger.Level.WARNING, "stage " + s.getClass().getName() + " threw from onComplete", e);
        }
      }
      listeners.complete(a.info, r);
      synchronized (signalLock) {
        try {
          downstream.onComplete();
        } catch (Throwable ignored) {
          // a broken subscriber
        }
      }
    }

    ChatResponse response() {
      ChatResponse r = finalResponse;
      if (r != null) {
        return r;
      }
      Attempt a;
      synchronized (this) {
        a = current;
      }
      return a == null ? null : a.stream.response();
    }

    private void deliver(Attempt a, StreamChunk chunk) {
      if (!delivered) {
        delivered = true;
      }
      if (firstChunkNanos < 0 && chunk.hasOutput()) {
        firstChunkNanos = System.nanoTime();
        listeners.firstChunk(a.info, Duration.ofNanos(firstChunkNanos - startNanos));
      }
      if (!listeners.isEmpty()) {
        listeners.chunk(a.info, chunk);
      }
      if (requested.get() != Long.MAX_VALUE) {
        requested.decrementAndGet();
      }
      synchronized (signalLock) {
        downstream.onNext(chunk);
      }
    }

    private void cancelTimers() {
      if (pendingRetry != null) {
        pendingRetry.cancel(false);
        pendingRetry = null;
      }
      if (totalTimer != null) {
        totalTimer.cancel(false);
        totalTimer = null;
      }
    }

    private ScheduledFuture<?> schedule(Runnable task, long nanos) {
      return scheduler.schedule(task, nanos, TimeUnit.NANOSECONDS);
    }

    /** One attempt's subscriber: forwards chunks, reports its outcome to the call. */
    private final class Attempt implements Flow.Subscriber<StreamChunk> {
      final RealChatStream stream;
      final CallInfo info;
      private volatile Flow.Subscription subscription;
      private volatile boolean cancelled;

      Attempt(RealChatStream stream, CallInfo info) {
        this.stream = stream;
        this.info = info;
      }

      void request(long n) {
        Flow.Subscription s = subscription;
        if (s != null) {
          s.request(n);
        }
      }

      void cancel() {
        cancelled = true;
        Flow.Subscription s = subscription;
        if (s != null) {
          s.cancel();
        }
      }

      @Override
      public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        if (cancelled) {
          s.cancel();
          return;
        }
        long r = requested.get();
        if (r > 0) {
          s.request(r);
        }
      }

      @Override
      public void onNext(StreamChunk item) {
        if (!cancelled) {
          deliver(this, item);
        }
      }

      @Override
      public void onError(Throwable t) {
        if (cancelled) {
          return;
        }
        RillException e = t instanceof RillException re ? re
            : RillException.builder(ErrorKind.CANCELLED).message(String.valueOf(t.getMessage())).cause(t).build();
        attemptFailed(this, e);
      }

      @Override
      public void onComplete() {
        if (!cancelled) {
          attemptCompleted(this);
        }
      }
    }
  }

  private static long nanos(Duration d) {
    return d == null ? 0 : d.toNanos();
  }
}
