package dev.rill.micrometer;

import dev.rill.api.ChatResponse;
import dev.rill.api.RillException;
import dev.rill.runtime.CallInfo;
import dev.rill.runtime.StreamListener;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs every Rill call as a Micrometer {@link Observation} named {@code gen_ai.client.operation} (contextual name
 * {@code chat {model}}), so whatever handlers the registry has see it: Spring Boot Actuator's meter handler makes a
 * timer of it, Micrometer Tracing a span. A {@link StreamListener}, so it works in basic and enhanced mode alike:
 *
 * <pre>{@code
 * RillObservation observation = RillObservation.create(observationRegistry);
 * Rill rill = Rill.builder().options(StreamOptions.enhancedBuilder().listener(observation).build()).build();
 * }</pre>
 *
 * <p>The observation starts with the call (its parent is the registry's current observation on the thread that
 * first asked for chunks), gets an event {@code gen_ai.first_chunk} at the first chunk with output and
 * {@code rill.retry} / {@code rill.fallback} per retry and fallback, and stops with the call's outcome: a failure is
 * {@link Observation#error}, with {@code error.type} the error's kind in lower case. Key values are those of
 * {@link DefaultRillObservationConvention}; {@link RillObservationContext} gives handlers the call, the response
 * (usage, finish reasons) and the error. No message content is recorded.
 *
 * <p>Thread-safe; one instance serves every call of a client.
 *
 * @since 0.1
 */
public final class RillObservation implements StreamListener {
  private static final RillObservationConvention DEFAULT = new DefaultRillObservationConvention();
  static final Observation.Event FIRST_CHUNK = Observation.Event.of("gen_ai.first_chunk", "first chunk with output");
  static final Observation.Event RETRY = Observation.Event.of("rill.retry", "an attempt failed and is retried");
  static final Observation.Event FALLBACK = Observation.Event.of("rill.fallback", "the call moves to the next model");

  private final ObservationRegistry registry;
  private final RillObservationConvention convention;
  private final ConcurrentHashMap<Long, Observation> calls = new ConcurrentHashMap<>();

  private RillObservation(ObservationRegistry registry, RillObservationConvention convention) {
    this.registry = registry;
    this.convention = convention;
  }

  /** Observations in {@code registry} with the default convention. */
  public static RillObservation create(ObservationRegistry registry) {
    return builder(registry).build();
  }

  /** Starts a builder. */
  public static Builder builder(ObservationRegistry registry) {
    return new Builder(registry);
  }

  @Override
  public void onStart(CallInfo call) {
    RillObservationContext context = new RillObservationContext(call);
    Observation observation = Observation.createNotStarted(convention, DEFAULT, () -> context, registry)
        .parentObservation(registry.getCurrentObservation())
        .start();
    calls.put(call.callId(), observation);
  }

  @Override
  public void onFirstChunk(CallInfo call, Duration sinceStart) {
    Observation o = calls.get(call.callId());
    if (o != null) {
      ((RillObservationContext) o.getContext()).firstChunk(sinceStart);
      o.event(FIRST_CHUNK);
    }
  }

  @Override
  public void onRetry(CallInfo call, int nextAttempt, Duration delay, RillException cause) {
    Observation o = calls.get(call.callId());
    if (o != null) {
      o.event(RETRY);
    }
  }

  @Override
  public void onFallback(CallInfo call, String nextSpec, RillException cause) {
    Observation o = calls.get(call.callId());
    if (o != null) {
      o.event(FALLBACK);
    }
  }

  @Override
  public void onComplete(CallInfo call, ChatResponse response) {
    Observation o = calls.remove(call.callId());
    if (o != null) {
      RillObservationContext context = (RillObservationContext) o.getContext();
      context.call(call);
      context.ended(response, null);
      o.stop();
    }
  }

  @Override
  public void onError(CallInfo call, RillException error) {
    Observation o = calls.remove(call.callId());
    if (o != null) {
      RillObservationContext context = (RillObservationContext) o.getContext();
      context.call(call);
      context.ended(error.partial(), error);
      o.error(error);
      o.stop();
    }
  }

  @Override
  public String toString() {
    return "RillObservation[calls in flight=" + calls.size() + "]";
  }

  /** Builds a {@link RillObservation}. */
  public static final class Builder {
    private final ObservationRegistry registry;
    private RillObservationConvention convention;

    private Builder(ObservationRegistry registry) {
      this.registry = Objects.requireNonNull(registry, "registry");
    }

    /** A convention that replaces the default names and key values (null for the default). */
    public Builder convention(RillObservationConvention custom) {
      this.convention = custom;
      return this;
    }

    public RillObservation build() {
      return new RillObservation(registry, convention);
    }
  }
}
