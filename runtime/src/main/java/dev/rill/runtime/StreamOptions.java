package dev.rill.runtime;

import dev.rill.api.Credential;
import dev.rill.runtime.internal.call.CallOverrides;
import dev.rill.runtime.internal.call.ExchangeSettings;
import dev.rill.runtime.internal.chain.ExchangeConfig;
import dev.rill.runtime.internal.chain.ListenerInterceptor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * How a call streams: which built-in {@link Interceptors} run, the deadlines, and the user's own interceptors and
 * listeners. Set once on the client ({@link Rill.Builder#options}) and override per call
 * ({@link Rill#stream(dev.rill.api.ChatRequest, StreamOptions)}). Immutable.
 *
 * <p>Nothing waits forever by default, in either mode:
 * <ul>
 *   <li><b>{@link #basic()}</b>, the cheapest chain: decode, normalise, detect the end. The first chunk with output
 *       within 10 minutes (the official SDKs wait 600 s for a read, and a reasoning model may think that long),
 *       the whole call within 60 minutes, and the transport's 5 minutes of silence. No retries, no metadata.
 *   <li><b>{@link #enhanced()}</b>, a preset of built-ins: chunk metadata; the first chunk within 5 minutes, then
 *       no more than 90 seconds between wire events (comments and pings count); 60 minutes in all, retries
 *       included; three attempts for transient failures before any output ({@link RetryPolicy#DEFAULT});
 *       malformed events fail the stream; continuity warnings and the call's timing on the response.
 * </ul>
 * A deadline set to null is removed: that call may then wait as long as the server lets it. See
 * {@code docs/enhanced-mode.md}.
 *
 * <pre>{@code
 * StreamOptions options = StreamOptions.enhancedBuilder()
 *     .idleTimeout(Duration.ofSeconds(30))
 *     .fallback("anthropic:claude-sonnet-4-5", "openai:gpt-4o")
 *     .listener(new MyMetrics())
 *     .interceptor(myLogging)
 *     .build();
 * }</pre>
 *
 * @since 0.1
 */
public final class StreamOptions {

  /** The preset a builder starts from. */
  public enum Mode {
    /** {@link StreamOptions#basic()}: decode, detect the end, deadlines; nothing else. */
    BASIC,
    /** {@link StreamOptions#enhanced()}: retries, metadata, timing and checks besides. */
    ENHANCED
  }

  private static final StreamOptions BASIC = new Builder(Mode.BASIC).build();
  private static final StreamOptions ENHANCED = new Builder(Mode.ENHANCED).build();

  private final Mode mode;
  private final boolean metadata;
  private final Duration firstChunkTimeout;
  private final Duration idleTimeout;
  private final Duration totalTimeout;
  private final RetryPolicy retry;
  private final List<String> fallback;
  private final MalformedEventPolicy malformedEvents;
  private final boolean continuityWarnings;
  private final boolean lengthIsError;
  private final List<Interceptor> interceptors;
  private final List<StreamListener> listeners;
  private final boolean discoverListeners;
  private final Executor deliveryExecutor;
  private final WireTap wireTap;
  private final CallOverrides overrides;
  private final List<Interceptor> chain;
  private final List<Interceptor> chainWithListeners;

  private StreamOptions(Builder b) {
    this.mode = b.mode;
    this.metadata = b.metadata;
    this.firstChunkTimeout = b.firstChunkTimeout;
    this.idleTimeout = b.idleTimeout;
    this.totalTimeout = b.totalTimeout;
    this.retry = b.retry;
    this.fallback = List.copyOf(b.fallback);
    this.malformedEvents = b.malformedEvents;
    this.continuityWarnings = b.continuityWarnings;
    this.lengthIsError = b.lengthIsError;
    this.interceptors = List.copyOf(b.interceptors);
    this.listeners = List.copyOf(b.listeners);
    this.discoverListeners = b.discoverListeners;
    this.deliveryExecutor = b.deliveryExecutor;
    this.wireTap = b.wireTap;
    this.overrides = new CallOverrides(b.credentials, b.headers);
    this.chain = assemble(false);
    this.chainWithListeners = listeners.isEmpty() && !discoverListeners ? assemble(true) : chain;
  }

  /** The basic pipeline: the shortest chain, with the default deadlines. */
  public static StreamOptions basic() {
    return BASIC;
  }

  /** The enhanced pipeline with its defaults. */
  public static StreamOptions enhanced() {
    return ENHANCED;
  }

  /** A builder starting from the enhanced defaults. */
  public static Builder enhancedBuilder() {
    return new Builder(Mode.ENHANCED);
  }

  /** A builder starting from the basic defaults (add built-ins one by one: {@code .retry(...)}). */
  public static Builder basicBuilder() {
    return new Builder(Mode.BASIC);
  }

  /** A builder seeded with these options. */
  public Builder toBuilder() {
    Builder b = new Builder(mode);
    b.metadata = metadata;
    b.firstChunkTimeout = firstChunkTimeout;
    b.idleTimeout = idleTimeout;
    b.totalTimeout = totalTimeout;
    b.retry = retry;
    b.fallback.addAll(fallback);
    b.malformedEvents = malformedEvents;
    b.continuityWarnings = continuityWarnings;
    b.lengthIsError = lengthIsError;
    b.interceptors.addAll(interceptors);
    b.listeners.addAll(listeners);
    b.discoverListeners = discoverListeners;
    b.deliveryExecutor = deliveryExecutor;
    b.wireTap = wireTap;
    b.credentials.putAll(overrides.credentials());
    overrides.headers().forEach((id, h) -> b.headers.put(id, new java.util.LinkedHashMap<>(h)));
    return b;
  }

  /**
   * The interceptors a call with these options runs, in order: the user's, then the built-ins (listeners, response
   * checks, total deadline, fallback, retry, and the exchange's settings). The client's own interceptors go first.
   */
  public List<Interceptor> interceptorChain() {
    return chain;
  }

  /** The chain with the listener interceptor even when these options have no listeners (the client has some). */
  List<Interceptor> interceptorChainWithListeners() {
    return chainWithListeners;
  }

  private List<Interceptor> assemble(boolean forceListeners) {
    List<Interceptor> out = new ArrayList<>(interceptors);
    if (forceListeners || !listeners.isEmpty() || discoverListeners) {
      out.add(new ListenerInterceptor());
    }
    if (continuityWarnings || lengthIsError || mode == Mode.ENHANCED) {
      out.add(Interceptors.responseChecks(continuityWarnings, lengthIsError));
    }
    if (totalTimeout != null) {
      out.add(Interceptors.totalTimeout(totalTimeout));
    }
    if (!fallback.isEmpty()) {
      out.add(Interceptors.fallback(fallback.toArray(new String[0])));
    }
    if (retry.maxAttempts() > 1) {
      out.add(Interceptors.retry(retry));
    }
    ExchangeSettings exchange = new ExchangeSettings(firstChunkTimeout, idleTimeout, malformedEvents, metadata, wireTap);
    if (!exchange.equals(ExchangeSettings.DEFAULT)) {
      out.add(new ExchangeConfig(exchange));
    }
    return List.copyOf(out);
  }

  /** The preset these options started from. */
  public Mode mode() { return mode; }
  /** Whether these options started from the enhanced preset. */
  public boolean isEnhanced() { return mode == Mode.ENHANCED; }
  /** Whether chunks carry {@link dev.rill.api.ChunkMetadata}. */
  public boolean metadata() { return metadata; }
  /** From sending the request to the first chunk with output; null for none. */
  public Duration firstChunkTimeout() { return firstChunkTimeout; }
  /** The longest gap between wire events once output started; null to leave it to the transport's idle timeout. */
  public Duration idleTimeout() { return idleTimeout; }
  /** The whole call, retries and fallbacks included; null for none. */
  public Duration totalTimeout() { return totalTimeout; }
  /** The retry policy ({@link RetryPolicy#NONE} in basic mode). */
  public RetryPolicy retry() { return retry; }
  /** Model specs tried in order after the request's own, when it fails retryably before output. */
  public List<String> fallback() { return fallback; }
  /** What a malformed event does to the stream. */
  public MalformedEventPolicy malformedEvents() { return malformedEvents; }
  /** Whether a missing finish reason, invalid tool-call JSON and a LENGTH finish are reported as warnings. */
  public boolean continuityWarnings() { return continuityWarnings; }
  /** Whether a LENGTH finish fails the call with {@link dev.rill.api.ErrorKind#TRUNCATED}. */
  public boolean lengthIsError() { return lengthIsError; }
  /** The user's interceptors for calls with these options, after the client's. */
  public List<Interceptor> interceptors() { return interceptors; }
  /** The listeners of every call with these options. */
  public List<StreamListener> listeners() { return listeners; }
  /** Whether {@link StreamListener}s are also discovered through {@link java.util.ServiceLoader}. */
  public boolean discoverListeners() { return discoverListeners; }
  /** Where chunks are delivered, or null for the client's choice (its I/O thread unless it has an executor). */
  public Executor deliveryExecutor() { return deliveryExecutor; }
  /** The raw-bytes tap, or null. */
  public WireTap wireTap() { return wireTap; }
  /** The credentials and extra headers these options set per provider id. */
  CallOverrides overrides() { return overrides; }

  @Override
  public String toString() {
    return "StreamOptions[" + mode.name().toLowerCase(java.util.Locale.ROOT) + ", metadata=" + metadata
        + ", firstChunk=" + firstChunkTimeout + ", idle=" + idleTimeout + ", total=" + totalTimeout + ", retry="
        + retry + ", fallback=" + fallback + ", malformed=" + malformedEvents + ", interceptors="
        + interceptors.size() + ", listeners=" + listeners.size()
        + (overrides.isEmpty() ? "" : ", overrides for " + new java.util.TreeSet<>(overridden())) + "]";
  }

  private java.util.Set<String> overridden() {
    java.util.Set<String> ids = new java.util.HashSet<>(overrides.credentials().keySet());
    ids.addAll(overrides.headers().keySet());
    return ids;
  }
  /** Builds {@link StreamOptions}. */
  public static final class Builder {
    private final Mode mode;
    private boolean metadata;
    private Duration firstChunkTimeout;
    private Duration idleTimeout;
    private Duration totalTimeout = Duration.ofMinutes(60);
    private RetryPolicy retry = RetryPolicy.NONE;
    private final List<String> fallback = new ArrayList<>();
    private MalformedEventPolicy malformedEvents = MalformedEventPolicy.FAIL;
    private boolean continuityWarnings;
    private boolean lengthIsError;
    private final List<Interceptor> interceptors = new ArrayList<>();
    private final List<StreamListener> listeners = new ArrayList<>();
    private boolean discoverListeners;
    private Executor deliveryExecutor;
    private WireTap wireTap;
    private final java.util.Map<String, Credential> credentials = new java.util.HashMap<>();
    private final java.util.Map<String, java.util.Map<String, String>> headers = new java.util.HashMap<>();

    private Builder(Mode mode) {
      this.mode = mode;
      if (mode == Mode.ENHANCED) {
        metadata = true;
        firstChunkTimeout = Duration.ofMinutes(5);
        idleTimeout = Duration.ofSeconds(90);
        retry = RetryPolicy.DEFAULT;
        continuityWarnings = true;
      } else {
        firstChunkTimeout = ExchangeSettings.DEFAULT.firstChunkTimeout();
      }
    }

    /** Whether each chunk carries its {@code ChunkMetadata}. */
    public Builder metadata(boolean on) { this.metadata = on; return this; }
    /** From sending to the first chunk with output ({@code TIMEOUT}, phase {@code FIRST_CHUNK}); null for none. */
    public Builder firstChunkTimeout(Duration d) { this.firstChunkTimeout = positiveOrNull(d); return this; }
    /** Silence once output started ({@code TIMEOUT}, phase {@code IDLE}); null leaves it to the transport. */
    public Builder idleTimeout(Duration d) { this.idleTimeout = positiveOrNull(d); return this; }
    /** The whole call, retries included ({@code TIMEOUT}, phase {@code TOTAL}); null for none. */
    public Builder totalTimeout(Duration d) { this.totalTimeout = positiveOrNull(d); return this; }
    /** How transient failures before any output are retried ({@link RetryPolicy#NONE}: not). */
    public Builder retry(RetryPolicy policy) { this.retry = Objects.requireNonNull(policy); return this; }
    /** Model specs to try in order when a call fails before any output, its retries spent. */
    public Builder fallback(String... specs) { fallback.addAll(List.of(specs)); return this; }
    /** What a malformed event does: fail the stream (the default) or skip it with a warning. */
    public Builder malformedEvents(MalformedEventPolicy p) { this.malformedEvents = Objects.requireNonNull(p); return this; }
    /** Whether the response checks warn of a missing finish reason, invalid tool-call JSON and a LENGTH finish. */
    public Builder continuityWarnings(boolean on) { this.continuityWarnings = on; return this; }
    /** Whether a LENGTH finish fails the call with {@code TRUNCATED}. */
    public Builder lengthIsError(boolean on) { this.lengthIsError = on; return this; }
    /** Adds an interceptor for calls with these options; it runs after the client's and before the built-ins. */
    public Builder interceptor(Interceptor i) { interceptors.add(Objects.requireNonNull(i)); return this; }
    /** Adds a listener. */
    public Builder listener(StreamListener l) { listeners.add(Objects.requireNonNull(l)); return this; }
    /** Whether to add the listeners registered as {@code ServiceLoader} services. */
    public Builder discoverListeners(boolean on) { this.discoverListeners = on; return this; }

    /**
     * Delivers chunks (and runs every consumer callback: {@code forEach} actions, subscribers, interceptors'
     * downstreams) on {@code executor} instead of the client's I/O thread, so slow consumer code cannot hold up
     * other streams. Costs a hand-off per batch of chunks; null keeps the client's choice.
     */
    public Builder deliveryExecutor(Executor executor) { this.deliveryExecutor = executor; return this; }

    /** Shows the exchange's raw bytes to {@code tap} (credentials redacted); null for none. */
    public Builder wireTap(WireTap tap) { this.wireTap = tap; return this; }

    /**
     * The credential for {@code providerId} in calls with these options, instead of the client's source, key or
     * environment (a gateway serving many tenants passes each tenant's). Scoped to the provider: a fallback to
     * another provider never receives it.
     */
    public Builder credential(String providerId, Credential credential) {
      credentials.put(Objects.requireNonNull(providerId, "providerId"), Objects.requireNonNull(credential, "credential"));
      return this;
    }
    /** An extra request header for {@code providerId} in calls with these options; it replaces the client's. */
    public Builder header(String providerId, String name, String value) {
      headers.computeIfAbsent(Objects.requireNonNull(providerId, "providerId"), k -> new java.util.LinkedHashMap<>())
          .put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
      return this;
    }
    /** The options. */
    public StreamOptions build() {
      return new StreamOptions(this);
    }

    private static Duration positiveOrNull(Duration d) {
      if (d != null && (d.isNegative() || d.isZero())) {
        throw new IllegalArgumentException("a timeout must be positive, or null for none: " + d);
      }
      return d;
    }
  }
}
