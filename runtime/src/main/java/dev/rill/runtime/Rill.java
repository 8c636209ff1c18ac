package dev.rill.runtime;

import dev.rill.api.ChatRequest;
import dev.rill.api.ErrorKind;
import dev.rill.api.ProviderInfo;
import dev.rill.api.ProviderSettings;
import dev.rill.api.RillException;
import dev.rill.api.Secret;
import dev.rill.api.StreamingProvider;
import dev.rill.framing.FramingLimits;
import dev.rill.runtime.internal.pipeline.EnhancedChatStream;
import dev.rill.runtime.internal.stream.CallSpec;
import dev.rill.runtime.internal.stream.Enhancements;
import dev.rill.runtime.internal.stream.RealChatStream;
import dev.rill.runtime.internal.transport.HttpTransport;
import dev.rill.runtime.internal.transport.TransportConfig;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceLoader;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.UnaryOperator;

/**
 * The Rill client: streams chat responses from any discovered provider. Thread-safe; create one per
 * application and share it, since it owns a connection pool and an I/O reactor. {@link #close()} releases
 * them.
 *
 * <p>A request's model spec picks the provider: {@code openai:gpt-4o-mini}, {@code ollama:llama3:8b}.
 * Credentials come from, in order, {@link Builder#apiKey}, the system property
 * {@code rill.provider.<id>.api-key}, and the provider's environment variable (e.g. {@code OPENAI_API_KEY}).
 * Base URLs likewise from {@link Builder#baseUrl}, {@code rill.provider.<id>.base-url}, then the provider's
 * default.
 *
 * <pre>{@code
 * try (Rill rill = Rill.create()) {
 *   ChatRequest request = ChatRequest.builder("openai:gpt-4o-mini").user("Hello!").build();
 *   rill.stream(request).forEach(chunk -> System.out.print(chunk.content())).join();
 * }
 * }</pre>
 *
 * @since 0.1
 */
public final class Rill implements AutoCloseable {
  private final ProviderRegistry registry;
  private final HttpTransport transport;
  private final ScheduledExecutorService scheduler;
  private final Map<String, Secret> keys;
  private final Map<String, URI> baseUrls;
  private final Map<String, Map<String, String>> options;
  private final Map<String, Map<String, String>> headers;
  private final String defaultProvider;
  private final FramingLimits limits;
  private final Clock clock;
  private final UnaryOperator<String> environment;
  private final StreamOptions streamOptions;
  private final ClassLoader loader;
  private volatile List<StreamListener> listeners;

  private Rill(Builder b) {
    ProviderRegistry.Builder rb = ProviderRegistry.builder();
    if (b.discover) {
      rb.discover(b.classLoader != null ? b.classLoader : Rill.class.getClassLoader());
    }
    b.providers.forEach(rb::register);
    this.registry = rb.build();
    this.keys = Map.copyOf(b.keys);
    this.baseUrls = Map.copyOf(b.baseUrls);
    this.options = copy(b.options);
    this.headers = copy(b.headers);
    this.defaultProvider = b.defaultProvider;
    this.limits = b.limits;
    this.clock = b.clock;
    this.environment = b.environment;
    this.streamOptions = b.streamOptions;
    this.loader = b.classLoader != null ? b.classLoader : Rill.class.getClassLoader();
    this.transport = new HttpTransport(b.transport);
    this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "rill-timer");
      t.setDaemon(true);
      return t;
    });
  }

  /** A client with discovery on and default settings. */
  public static Rill create() {
    return builder().build();
  }

  /** Starts a builder. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Starts a streamed call. Cold: nothing is sent until the returned stream is subscribed and asked for
   * chunks, and errors (an unknown provider, a missing key) arrive through the stream.
   *
   * @throws RillException of kind {@link ErrorKind#NOT_FOUND} at once if the spec names no known provider
   */
  public ChatStream stream(ChatRequest request) {
    return stream(request, streamOptions);
  }

  /**
   * Starts a streamed call with these options instead of the client's ({@link StreamOptions#basic()} or
   * {@link StreamOptions#enhanced()}, or a built variant).
   *
   * @throws RillException of kind {@link ErrorKind#NOT_FOUND} at once if the spec names no known provider
   */
  public ChatStream stream(ChatRequest request, StreamOptions options) {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(options, "options");
    if (!options.isEnhanced()) {
      return attempt(request, null);
    }
    resolve(request); // an unknown provider fails at once, as in basic mode
    List<StreamListener> all = new ArrayList<>(options.listeners());
    if (options.discoverListeners()) {
      all.addAll(discoveredListeners());
    }
    return new EnhancedChatStream(request, options, all, this::attempt, scheduler);
  }

  private RealChatStream attempt(ChatRequest request, Enhancements enhancements) {
    StreamingProvider provider = resolve(request);
    ModelSpec spec = ModelSpec.parse(request.model());
    ProviderSettings settings = settingsFor(provider.info());
    ChatRequest bare = request.withModel(spec.model());
    return new RealChatStream(new CallSpec(provider, bare, settings, transport, limits, scheduler, clock, 64 * 1024,
        Duration.ofSeconds(2), enhancements));
  }

  private List<StreamListener> discoveredListeners() {
    List<StreamListener> found = listeners;
    if (found == null) {
      found = new ArrayList<>();
      for (java.util.Iterator<StreamListener> it = ServiceLoader.load(StreamListener.class, loader).iterator(); ; ) {
        try {
          if (!it.hasNext()) {
            break;
          }
          found.add(it.next());
        } catch (java.util.ServiceConfigurationError e) {
          System.getLogger(Rill.class.getName()).log(System.Logger.Level.WARNING,
              "a StreamListener failed to load and was skipped: " + e.getMessage());
        }
      }
      listeners = found = List.copyOf(found);
    }
    return found;
  }

  private StreamingProvider resolve(ChatRequest request) {
    ModelSpec spec = ModelSpec.parse(request.model());
    String providerId = spec.provider() != null ? spec.provider() : defaultProvider;
    if (spec.provider() == null && providerId != null) {
      request = request.withModel(providerId + ":" + spec.model());
    }
    if (providerId == null) {
      throw RillException.builder(ErrorKind.INVALID_REQUEST)
          .message("the model '" + request.model() + "' names no provider; use provider:model (e.g. openai:"
              + request.model() + ") or set a default provider; available: " + String.join(", ", registry.ids()))
          .build();
    }
    return registry.require(providerId);
  }

  /** The resolved settings for a provider: base URL, key (hidden), headers and options. */
  public ProviderSettings settingsFor(ProviderInfo info) {
    String id = info.id();
    URI base = baseUrls.get(id);
    if (base == null) {
      String prop = System.getProperty("rill.provider." + id + ".base-url");
      base = prop != null && !prop.isBlank() ? URI.create(prop.strip()) : info.defaultBaseUrl();
    }
    return new ProviderSettings(id, base, resolveKey(info), headers.getOrDefault(id, Map.of()),
        options.getOrDefault(id, Map.of()));
  }

  private Secret resolveKey(ProviderInfo info) {
    Secret explicit = keys.get(info.id());
    if (explicit != null) {
      return explicit;
    }
    String prop = System.getProperty("rill.provider." + info.id() + ".api-key");
    if (prop != null && !prop.isBlank()) {
      return Secret.of(prop);
    }
    if (info.apiKeyEnv() != null) {
      String env = environment.apply(info.apiKeyEnv());
      if (env != null && !env.isBlank()) {
        return Secret.of(env);
      }
    }
    return null;
  }

  /** The providers this client can use. */
  public ProviderRegistry providers() {
    return registry;
  }

  /** The connection pool's current counts. */
  public PoolStats poolStats() {
    return transport.stats();
  }

  /** Closes the connection pool and I/O threads. Streams still running fail with a transport error. */
  @Override
  public void close() {
    transport.close();
    scheduler.shutdownNow();
  }

  @Override
  public String toString() {
    return "Rill[providers=" + registry.ids() + "]";
  }

  private static Map<String, Map<String, String>> copy(Map<String, Map<String, String>> in) {
    Map<String, Map<String, String>> out = new HashMap<>();
    in.forEach((k, v) -> out.put(k, Map.copyOf(v)));
    return Map.copyOf(out);
  }

  /** Builds a {@link Rill} client. */
  public static final class Builder {
    private boolean discover = true;
    private ClassLoader classLoader;
    private final List<StreamingProvider> providers = new ArrayList<>();
    private final Map<String, Secret> keys = new HashMap<>();
    private final Map<String, URI> baseUrls = new HashMap<>();
    private final Map<String, Map<String, String>> options = new HashMap<>();
    private final Map<String, Map<String, String>> headers = new HashMap<>();
    private String defaultProvider;
    private FramingLimits limits = FramingLimits.DEFAULT;
    private TransportConfig transport = TransportConfig.DEFAULT;
    private Clock clock = Clock.systemUTC();
    private UnaryOperator<String> environment = System::getenv;
    private StreamOptions streamOptions = StreamOptions.basic();

    private Builder() {}

    /** Whether to discover plugins with {@link java.util.ServiceLoader} (default true). */
    public Builder discover(boolean on) { this.discover = on; return this; }

    /** The class loader to discover plugins through. */
    public Builder classLoader(ClassLoader loader) { this.classLoader = loader; return this; }

    /** Registers a provider explicitly; it replaces a discovered one with the same id. */
    public Builder register(StreamingProvider provider) { providers.add(provider); return this; }

    /** The API key for a provider; wins over system properties and the environment. */
    public Builder apiKey(String providerId, String key) { keys.put(providerId, Secret.of(key)); return this; }

    /** The base URL for a provider, e.g. a local OpenAI-compatible server. */
    public Builder baseUrl(String providerId, String url) { baseUrls.put(providerId, URI.create(url)); return this; }

    /** A provider option, e.g. Azure's {@code api-version}. */
    public Builder option(String providerId, String name, String value) {
      options.computeIfAbsent(providerId, k -> new LinkedHashMap<>()).put(name, value);
      return this;
    }

    /** An extra request header for a provider. */
    public Builder header(String providerId, String name, String value) {
      headers.computeIfAbsent(providerId, k -> new LinkedHashMap<>()).put(name, value);
      return this;
    }

    /** The pipeline every call uses unless it passes its own (default {@link StreamOptions#basic()}). */
    public Builder options(StreamOptions options) { this.streamOptions = Objects.requireNonNull(options); return this; }

    /** The provider used when a model spec has no {@code provider:} prefix. */
    public Builder defaultProvider(String providerId) { this.defaultProvider = providerId; return this; }

    /** Caps on line and event sizes. */
    public Builder framingLimits(FramingLimits limits) { this.limits = limits; return this; }

    /** Connection timeout (default 10 s). */
    public Builder connectTimeout(Duration d) { transport = transport.withConnectTimeout(d); return this; }

    /** Idle timeout: the longest silence on a connection (default 5 min, generous for reasoning models). */
    public Builder idleTimeout(Duration d) { transport = transport.withIdleTimeout(d); return this; }

    /** Pool limits (default 256 total, 64 per host). */
    public Builder maxConnections(int total, int perHost) {
      transport = transport.withMaxConnections(total, perHost);
      return this;
    }

    /** Bytes read ahead of a slow subscriber per stream before reads stop (default 64 KiB). */
    public Builder receiveWindow(int bytes) { transport = transport.withReceiveWindow(bytes); return this; }

    /**
     * The socket receive buffer (SO_RCVBUF) in bytes; 0 keeps the operating system's default, which may
     * autotune to tens of MiB. Set it to bound what a slow subscriber lets the server push into the kernel.
     */
    public Builder socketReceiveBuffer(int bytes) { transport = transport.withSocketReceiveBuffer(bytes); return this; }

    /** The clock for timestamps and {@code Retry-After} dates. */
    public Builder clock(Clock clock) { this.clock = Objects.requireNonNull(clock); return this; }

    /** Where environment variables are read (default {@link System#getenv(String)}); for tests. */
    public Builder environment(UnaryOperator<String> lookup) { this.environment = Objects.requireNonNull(lookup); return this; }

    public Rill build() {
      return new Rill(this);
    }
  }
}
