package dev.rill.runtime;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How a call streams: the {@link Mode#BASIC basic} pipeline (decode, normalise, detect the end; nothing else)
 * or the {@link Mode#ENHANCED enhanced} one, each of whose features can be switched. Set once on the client
 * ({@link Rill.Builder#options}) and override per call ({@link Rill#stream(dev.rill.api.ChatRequest,
 * StreamOptions)}). Immutable.
 *
 * <p>Enhanced defaults suit long reasoning streams: chunk metadata on; first chunk within 5 minutes; then no
 * more than 90 seconds between wire events (comments and pings count); no total limit; three attempts for
 * transient failures before any output ({@link RetryPolicy#DEFAULT}); malformed events fail the stream;
 * continuity warnings on; a LENGTH finish is a warning, not an error. See {@code docs/enhanced-mode.md}.
 *
 * <pre>{@code
 * StreamOptions options = StreamOptions.enhancedBuilder()
 *     .idleTimeout(Duration.ofSeconds(30))
 *     .fallback("anthropic:claude-sonnet-4-5", "openai:gpt-4o")
 *     .listener(new MyMetrics())
 *     .build();
 * }</pre>
 *
 * @since 0.1
 */
public final class StreamOptions {

  /** The pipeline to use. */
  public enum Mode { BASIC, ENHANCED }

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
  private final Clock clock;
  private final List<Stage> stages;
  private final List<StreamListener> listeners;
  private final boolean discoverListeners;

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
    this.clock = b.clock;
    this.stages = List.copyOf(b.stages);
    this.listeners = List.copyOf(b.listeners);
    this.discoverListeners = b.discoverListeners;
  }

  /** The basic pipeline: no metadata, timeouts beyond the transport's, retries, stages or listeners. */
  public static StreamOptions basic() {
    return BASIC;
  }

  /** The enhanced pipeline with its defaults. */
  public static StreamOptions enhanced() {
    return ENHANCED;
  }

  /** A builder for the enhanced pipeline, starting from its defaults. */
  public static Builder enhancedBuilder() {
    return new Builder(Mode.ENHANCED);
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
    b.clock = clock;
    b.stages.addAll(stages);
    b.listeners.addAll(listeners);
    b.discoverListeners = discoverListeners;
    return b;
  }

  public Mode mode() { return mode; }
  public boolean isEnhanced() { return mode == Mode.ENHANCED; }
  /** Whether chunks carry {@link dev.rill.api.ChunkMetadata}. */
  public boolean metadata() { return metadata; }
  /** From sending the request to the first chunk with output; null for none. */
  public Duration firstChunkTimeout() { return firstChunkTimeout; }
  /** The longest gap between wire events once output started; null for none. */
  public Duration idleTimeout() { return idleTimeout; }
  /** The whole call, retries included; null for none. */
  public Duration totalTimeout() { return totalTimeout; }
  public RetryPolicy retry() { return retry; }
  /** Model specs tried in order after the request's own, when it fails retryably before output. */
  public List<String> fallback() { return fallback; }
  public MalformedEventPolicy malformedEvents() { return malformedEvents; }
  /** Whether a missing finish reason, invalid tool-call JSON and a LENGTH finish are reported as warnings. */
  public boolean continuityWarnings() { return continuityWarnings; }
  /** Whether a LENGTH finish fails the call with {@link dev.rill.api.ErrorKind#TRUNCATED}. */
  public boolean lengthIsError() { return lengthIsError; }
  public Clock clock() { return clock; }
  public List<Stage> stages() { return stages; }
  public List<StreamListener> listeners() { return listeners; }
  /** Whether {@link StreamListener}s are also discovered through {@link java.util.ServiceLoader}. */
  public boolean discoverListeners() { return discoverListeners; }

  @Override
  public String toString() {
    return mode == Mode.BASIC ? "StreamOptions[basic]"
        : "StreamOptions[enhanced, metadata=" + metadata + ", firstChunk=" + firstChunkTimeout + ", idle="
            + idleTimeout + ", total=" + totalTimeout + ", retry=" + retry + ", fallback=" + fallback
            + ", malformed=" + malformedEvents + ", stages=" + stages.size() + ", listeners=" + listeners.size() + "]";
  }

  /** Builds {@link StreamOptions}. */
  public static final class Builder {
    private final Mode mode;
    private boolean metadata = true;
    private Duration firstChunkTimeout = Duration.ofMinutes(5);
    private Duration idleTimeout = Duration.ofSeconds(90);
    private Duration totalTimeout;
    private RetryPolicy retry = RetryPolicy.DEFAULT;
    private final List<String> fallback = new ArrayList<>();
    private MalformedEventPolicy malformedEvents = MalformedEventPolicy.FAIL;
    private boolean continuityWarnings = true;
    private boolean lengthIsError;
    private Clock clock = Clock.systemUTC();
    private final List<Stage> stages = new ArrayList<>();
    private final List<StreamListener> listeners = new ArrayList<>();
    private boolean discoverListeners;

    private Builder(Mode mode) {
      this.mode = mode;
    }

    public Builder metadata(boolean on) { this.metadata = on; return this; }
    public Builder firstChunkTimeout(Duration d) { this.firstChunkTimeout = positiveOrNull(d); return this; }
    public Builder idleTimeout(Duration d) { this.idleTimeout = positiveOrNull(d); return this; }
    public Builder totalTimeout(Duration d) { this.totalTimeout = positiveOrNull(d); return this; }
    public Builder retry(RetryPolicy policy) { this.retry = Objects.requireNonNull(policy); return this; }
    public Builder fallback(String... specs) { fallback.addAll(List.of(specs)); return this; }
    public Builder malformedEvents(MalformedEventPolicy p) { this.malformedEvents = Objects.requireNonNull(p); return this; }
    public Builder continuityWarnings(boolean on) { this.continuityWarnings = on; return this; }
    public Builder lengthIsError(boolean on) { this.lengthIsError = on; return this; }
    public Builder clock(Clock c) { this.clock = Objects.requireNonNull(c); return this; }
    public Builder stage(Stage stage) { stages.add(Objects.requireNonNull(stage)); return this; }
    public Builder listener(StreamListener l) { listeners.add(Objects.requireNonNull(l)); return this; }
    public Builder discoverListeners(boolean on) { this.discoverListeners = on; return this; }

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
