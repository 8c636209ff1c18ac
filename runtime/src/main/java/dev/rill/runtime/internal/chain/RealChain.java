package dev.rill.runtime.internal.chain;

import dev.rill.api.ChatRequest;
import dev.rill.api.ErrorKind;
import dev.rill.api.ProviderInfo;
import dev.rill.api.RillException;
import dev.rill.runtime.CallInfo;
import dev.rill.runtime.Downstream;
import dev.rill.runtime.Interceptor;
import dev.rill.runtime.MalformedEventPolicy;
import dev.rill.runtime.ModelSpec;
import dev.rill.runtime.StreamListener;
import dev.rill.runtime.Upstream;
import dev.rill.runtime.WireTap;
import dev.rill.runtime.internal.call.CallState;
import dev.rill.runtime.internal.call.ClientContext;
import dev.rill.runtime.internal.call.ExchangeSettings;
import dev.rill.runtime.internal.call.RequiredCapabilities;
import dev.rill.runtime.internal.exchange.ExchangeCall;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * The one {@link Interceptor.Chain}: the interceptors from {@code index} on, then the exchange. Each
 * {@link #proceed} runs the interceptor at {@code index} with a copy of this chain one step further, as OkHttp's
 * {@code RealInterceptorChain} does; the {@code with...} methods copy it with other exchange settings. An
 * interceptor that throws or returns null fails the call with a message naming it.
 */
public final class RealChain implements Interceptor.Chain {
  private static final Upstream NONE = new Upstream() {
    @Override public void request(long n) {}
    @Override public void cancel() {}
    @Override public void abort(RillException reason) {}
  };

  private final List<Interceptor> interceptors;
  private final int index;
  private final ChatRequest request;
  private final ClientContext client;
  private final CallState call;
  private final ExchangeSettings settings;
  private final int attempt;
  private final int fallbackIndex;

  private RealChain(List<Interceptor> interceptors, int index, ChatRequest request, ClientContext client,
      CallState call, ExchangeSettings settings, int attempt, int fallbackIndex) {
    this.interceptors = interceptors;
    this.index = index;
    this.request = request;
    this.client = client;
    this.call = call;
    this.settings = settings;
    this.attempt = attempt;
    this.fallbackIndex = fallbackIndex;
  }

  /** Starts a call: runs {@code interceptors}, then the exchange, for {@code request}. */
  public static Upstream start(List<Interceptor> interceptors, ChatRequest request, ClientContext client,
      CallState call, Downstream downstream) {
    return new RealChain(List.copyOf(interceptors), 0, request, client, call, ExchangeSettings.DEFAULT, 1, 0)
        .proceed(request, downstream);
  }

  /** The provider a model spec names, or null when the client cannot resolve it. */
  ProviderInfo providerInfo(String modelSpec) {
    try {
      return client.resolver().providerOf(request.withModel(modelSpec)).info();
    } catch (RillException e) {
      return null;
    }
  }

  /** The call info a chain for {@code request} has, before any interceptor ran. */
  public static CallInfo firstInfo(ClientContext client, long callId, ChatRequest request) {
    ModelSpec spec = client.resolver().specOf(request.model());
    return new CallInfo(callId, spec.provider(), spec.model(), 1, 0, request, null);
  }

  @Override
  public ChatRequest request() {
    return request;
  }

  @Override
  public CallInfo call() {
    ModelSpec spec = client.resolver().specOf(request.model());
    return new CallInfo(call.id(), spec.provider(), spec.model(), attempt, fallbackIndex, request, null);
  }

  @Override
  public StreamListener listener() {
    return call.listener();
  }

  @Override
  public Clock clock() {
    return client.clock();
  }

  @Override
  public Future<?> schedule(Duration delay, Runnable task) {
    return client.timer().schedule(task, Math.max(0, delay.toNanos()), TimeUnit.NANOSECONDS);
  }

  /** The call's shared state (attempts sent, the current attempt). */
  public CallState state() {
    return call;
  }

  /**
   * Why {@code request}'s provider cannot serve it (a capability it or the model does not declare), or null; null too
   * when the spec does not resolve, since the attempt then fails with that reason.
   */
  public RillException capabilityRefusal(ChatRequest request) {
    ProviderInfo info;
    try {
      info = client.resolver().providerOf(request).info();
    } catch (RillException e) {
      return null;
    }
    return RequiredCapabilities.check(info, request.withModel(client.resolver().specOf(request.model()).model()));
  }

  /** The call info of an attempt at {@code request}, number {@code fallbackIndex} of the fallback list. */
  public CallInfo infoFor(ChatRequest request, int fallbackIndex) {
    ModelSpec spec = client.resolver().specOf(request.model());
    return new CallInfo(call.id(), spec.provider(), spec.model(), 1, fallbackIndex, request, null);
  }

  /** A chain whose layers below see attempt number {@code n} for this model spec. */
  public RealChain withAttempt(int n) {
    return new RealChain(interceptors, index, request, client, call, settings, n, fallbackIndex);
  }

  /** A chain whose layers below see model spec number {@code i} of the fallback list, from its first attempt. */
  public RealChain withFallbackIndex(int i) {
    return new RealChain(interceptors, index, request, client, call, settings, 1, i);
  }

  @Override
  public Duration firstChunkTimeout() {
    return settings.firstChunkTimeout();
  }

  @Override
  public Interceptor.Chain withFirstChunkTimeout(Duration timeout) {
    return with(settings.withFirstChunkTimeout(positiveOrNull(timeout)));
  }

  @Override
  public Duration idleTimeout() {
    return settings.idleTimeout();
  }

  @Override
  public Interceptor.Chain withIdleTimeout(Duration timeout) {
    return with(settings.withIdleTimeout(positiveOrNull(timeout)));
  }

  @Override
  public MalformedEventPolicy malformedEvents() {
    return settings.malformedEvents();
  }

  @Override
  public Interceptor.Chain withMalformedEvents(MalformedEventPolicy policy) {
    return with(settings.withMalformedEvents(Objects.requireNonNull(policy, "policy")));
  }

  @Override
  public boolean metadata() {
    return settings.metadata();
  }

  @Override
  public Interceptor.Chain withMetadata(boolean on) {
    return with(settings.withMetadata(on));
  }

  @Override
  public WireTap wireTap() {
    return settings.wireTap();
  }

  @Override
  public Interceptor.Chain withWireTap(WireTap tap) {
    return with(settings.withWireTap(tap));
  }

  private RealChain with(ExchangeSettings s) {
    return new RealChain(interceptors, index, request, client, call, s, attempt, fallbackIndex);
  }

  @Override
  public Upstream proceed(ChatRequest request, Downstream downstream) {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(downstream, "downstream");
    if (index >= interceptors.size()) {
      RealChain at = new RealChain(interceptors, index, request, client, call, settings, attempt, fallbackIndex);
      return ExchangeCall.create(client, call, settings, request, at.call(), downstream);
    }
    Interceptor interceptor = interceptors.get(index);
    RealChain next = new RealChain(interceptors, index + 1, request, client, call, settings, attempt, fallbackIndex);
    Upstream upstream;
    try {
      upstream = interceptor.intercept(next, downstream);
    } catch (RuntimeException e) {
      downstream.onError(RillException.builder(ErrorKind.INTERNAL).provider(next.call().provider())
          .model(next.call().model()).message("interceptor " + interceptor.getClass().getName() + " threw: " + e)
          .cause(e).build());
      return NONE;
    }
    if (upstream == null) {
      downstream.onError(RillException.builder(ErrorKind.INTERNAL).provider(next.call().provider())
          .model(next.call().model())
          .message("interceptor " + interceptor.getClass().getName() + " returned no Upstream from intercept")
          .build());
      return NONE;
    }
    return upstream;
  }

  private static Duration positiveOrNull(Duration d) {
    if (d != null && (d.isNegative() || d.isZero())) {
      throw new IllegalArgumentException("a timeout must be positive, or null for none: " + d);
    }
    return d;
  }

  @Override
  public String toString() {
    return "Chain[" + index + "/" + interceptors.size() + " " + request.model() + "]";
  }
}
