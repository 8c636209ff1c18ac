// Why one file of about 590 lines: the public client and its Builder, whose Javadoc is the reference users read
// for every client-wide setting. The work is elsewhere: internal.call, internal.chain, internal.exchange.

package dev.rill.runtime;

import dev.rill.api.ChatRequest;
import dev.rill.api.Credential;
import dev.rill.api.CredentialSource;
import dev.rill.api.ErrorKind;
import dev.rill.api.ProviderInfo;
import dev.rill.api.ProviderSettings;
import dev.rill.api.RillException;
import dev.rill.api.Redaction;
import dev.rill.api.Secret;
import dev.rill.api.StreamingProvider;
import dev.rill.framing.DecodeLimits;
import dev.rill.framing.FramingLimits;
import dev.rill.runtime.internal.call.CallOverrides;
import dev.rill.runtime.internal.call.CallState;
import dev.rill.runtime.internal.call.ClientContext;
import dev.rill.runtime.internal.call.IoWatch;
import dev.rill.runtime.internal.call.ProviderResolver;
import dev.rill.runtime.internal.call.RequestGuards;
import dev.rill.runtime.internal.call.Resolved;
import dev.rill.runtime.internal.chain.ListenerFanout;
import dev.rill.runtime.internal.chain.RealChain;
import dev.rill.runtime.internal.credential.CachedCredentials;
import dev.rill.runtime.internal.credential.CredentialThreads;
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
import java.util.Set;
import java.util.HashSet;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;

/**
 * The Rill client: streams chat responses from any discovered provider. Thread-safe; create one per
 * application and share it, since it owns a connection pool and an I/O reactor. {@link #close()} releases
 * them.
 *
 * <p>A request's model spec picks the provider: {@code openai:gpt-4o-mini}, {@code ollama:llama3:8b}.
 * Credentials come from, in order, a call's {@link StreamOptions.Builder#credential override}, a
 * {@link Builder#credentials(String, CredentialSource) credential source} (fetched off the I/O threads, cached,
 * refreshed ahead of expiry), {@link Builder#apiKey}, the system property {@code rill.provider.<id>.api-key}, and
 * the provider's environment variable (e.g. {@code OPENAI_API_KEY}).
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
  private static final AtomicLong CALL_IDS = new AtomicLong();

  static {
    // before HttpClient 5 first logs: no SLF4J warning on stderr for an application without an SLF4J provider
    dev.rill.runtime.internal.logging.Slf4jFallback.install();
  }

  private final ProviderRegistry registry;
  private final HttpTransport transport;
  private final ScheduledThreadPoolExecutor scheduler;
  private final IoWatch ioWatch;
  private final ClientContext context;
  private final List<Interceptor> interceptors;
  private final List<StreamListener> clientListeners;
  private final Executor deliveryExecutor;
  private final Map<String, Secret> keys;
  private final Map<String, CachedCredentials> sources;
  private final CredentialThreads credentialThreads;
  private final Map<String, URI> baseUrls;
  private final Map<String, Map<String, String>> options;
  private final Map<String, Map<String, String>> headers;
  private final String defaultProvider;
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
    this.clock = b.clock;
    this.environment = b.environment;
    this.streamOptions = b.streamOptions;
    this.interceptors = List.copyOf(b.interceptors);
    this.clientListeners = List.copyOf(b.listeners);
    this.deliveryExecutor = b.deliveryExecutor;
    this.loader = b.classLoader != null ? b.classLoader : Rill.class.getClassLoader();
    this.transport = new HttpTransport(b.transport, b.sslContext);
    this.scheduler = new ScheduledThreadPoolExecutor(1, r -> {
      Thread t = new Thread(r, "rill-timer");
      t.setDaemon(true);
      return t;
    });
    scheduler.setRemoveOnCancelPolicy(true); // a stream's deadline is cancelled when it ends: drop it at once
    this.ioWatch = new IoWatch(b.blockedThreadWarning, scheduler);
    this.credentialThreads = b.sources.isEmpty() ? null : new CredentialThreads();
    Map<String, CachedCredentials> cached = new HashMap<>();
    Map<CredentialSource, CachedCredentials> perSource = new java.util.IdentityHashMap<>();
    Redaction knownKeys = Redaction.of(b.keys.values().toArray(new Secret[0]));
    b.sources.forEach((id, source) -> cached.put(id, perSource.computeIfAbsent(source, s -> new CachedCredentials(s,
        credentialThreads, scheduler, clock, b.credentialRefreshAhead, b.credentialFetchTimeout, knownKeys))));
    this.sources = Map.copyOf(cached);
    this.context = new ClientContext(new Resolver(), transport, scheduler, clock, b.limits,
        new RequestGuards(b.maxRequestBytes, b.plainHttpAllowed), 64 * 1024, b.errorBodyTimeout,
        Duration.ofSeconds(2), ioWatch);
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
   * {@link StreamOptions#enhanced()}, or a built variant). The call runs the client's interceptors, then the
   * options' (see {@link Interceptor}).
   *
   * @throws RillException of kind {@link ErrorKind#NOT_FOUND} at once if the spec names no known provider
   */
  public ChatStream stream(ChatRequest request, StreamOptions options) {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(options, "options");
    provider(request); // an unknown provider fails at once
    List<StreamListener> listeners = options.listeners();
    if (options.discoverListeners() || !clientListeners.isEmpty()) {
      listeners = new ArrayList<>(clientListeners);
      listeners.addAll(options.listeners());
      if (options.discoverListeners()) {
        listeners.addAll(discoveredListeners());
      }
    }
    List<Interceptor> built = clientListeners.isEmpty() ? options.interceptorChain()
        : options.interceptorChainWithListeners();
    List<Interceptor> chain = interceptors.isEmpty() ? built : concat(built);
    Executor executor = options.deliveryExecutor() != null ? options.deliveryExecutor() : deliveryExecutor;
    long id = CALL_IDS.incrementAndGet();
    CallState call = new CallState(id, ListenerFanout.of(listeners), executor, RealChain.firstInfo(context, id, request),
        options.overrides());
    return new RealChatStream(downstream -> RealChain.start(chain, request, context, call, downstream), call);
  }

  /**
   * Streams {@code request}, waits for the whole response and returns it: {@code stream(request).await()}. Throws
   * the call's {@link RillException} itself (not wrapped in a {@code CompletionException}, as a future's
   * {@code join()} would).
   *
   * @throws RillException the call's failure, carrying the partial response
   */
  public dev.rill.api.ChatResponse call(ChatRequest request) {
    return stream(request).await();
  }

  /** As {@link #call(ChatRequest)}, with these options instead of the client's. */
  public dev.rill.api.ChatResponse call(ChatRequest request, StreamOptions options) {
    return stream(request, options).await();
  }

  private List<Interceptor> concat(List<Interceptor> more) {
    List<Interceptor> all = new ArrayList<>(interceptors.size() + more.size());
    all.addAll(interceptors);
    all.addAll(more);
    return all;
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

  private StreamingProvider provider(ChatRequest request) {
    ModelSpec spec = specOf(request.model());
    if (spec.provider() == null) {
      throw RillException.builder(ErrorKind.INVALID_REQUEST)
          .message("the model '" + request.model() + "' names no provider; use provider:model (e.g. openai:"
              + request.model() + ") or set a default provider; available: " + String.join(", ", registry.ids()))
          .build();
    }
    return registry.require(spec.provider());
  }

  private ModelSpec specOf(String model) {
    ModelSpec spec = ModelSpec.parse(model);
    return spec.provider() == null && defaultProvider != null ? new ModelSpec(defaultProvider, spec.model()) : spec;
  }

  /** Resolves model specs for the calls of this client. */
  private final class Resolver implements ProviderResolver {
    @Override
    public ModelSpec specOf(String model) {
      return Rill.this.specOf(model);
    }

    @Override
    public StreamingProvider providerOf(ChatRequest request) {
      return provider(request);
    }

    @Override
    public Resolved resolve(ChatRequest request, CallOverrides overrides) {
      StreamingProvider provider = provider(request);
      String id = provider.info().id();
      ChatRequest bare = request.withModel(specOf(request.model()).model());
      Credential override = overrides.credentials().get(id);
      CachedCredentials source = override == null ? sources.get(id) : null;
      ProviderSettings settings = settingsFor(provider.info(), override != null || source != null);
      if (override != null) {
        settings = settings.withCredential(override);
      }
      settings = settings.withHeaders(overrides.headers().getOrDefault(id, Map.of()));
      return source == null ? new Resolved(provider, settings, bare)
          : new Resolved(provider, settings, bare, source.get(), source::rejected);
    }
  }

  /** The resolved settings for a provider: base URL, key (hidden), headers and options. */
  public ProviderSettings settingsFor(ProviderInfo info) {
    return settingsFor(info, sources.containsKey(info.id()));
  }

  private ProviderSettings settingsFor(ProviderInfo info, boolean credentialElsewhere) {
    String id = info.id();
    URI base = baseUrls.get(id);
    if (base == null) {
      String prop = System.getProperty("rill.provider." + id + ".base-url");
      base = prop != null && !prop.isBlank() ? URI.create(prop.strip()) : info.defaultBaseUrl();
    }
    return ProviderSettings.of(id, base, credentialElsewhere ? null : resolveKey(info),
        headers.getOrDefault(id, Map.of()), options.getOrDefault(id, Map.of()));
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
    ioWatch.close();
    transport.close();
    scheduler.shutdownNow();
    if (credentialThreads != null) {
      credentialThreads.close();
    }
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

  /**
   * Builds a {@link Rill} client. Transport defaults: HTTP/2 negotiated by ALPN over TLS, HTTP/1.1 otherwise
   * ({@link #httpVersion}); a connection per concurrent stream unless {@link #shareHttp2Connections} is on; a 64 KiB
   * read-ahead window per stream ({@link #receiveWindow}, also each HTTP/2 stream's flow-control window).
   */
  public static final class Builder {
    private boolean discover = true;
    private ClassLoader classLoader;
    private final List<StreamingProvider> providers = new ArrayList<>();
    private final Map<String, Secret> keys = new HashMap<>();
    private final Map<String, CredentialSource> sources = new HashMap<>();
    private Duration credentialRefreshAhead = Duration.ofMinutes(5);
    private Duration credentialFetchTimeout = Duration.ofSeconds(30);
    private final Map<String, URI> baseUrls = new HashMap<>();
    private final Map<String, Map<String, String>> options = new HashMap<>();
    private final Map<String, Map<String, String>> headers = new HashMap<>();
    private String defaultProvider;
    private DecodeLimits limits = DecodeLimits.DEFAULT;
    private TransportConfig transport = TransportConfig.DEFAULT;
    private javax.net.ssl.SSLContext sslContext;
    private long maxRequestBytes = RequestGuards.DEFAULT_MAX_REQUEST_BYTES;
    private final Set<String> plainHttpAllowed = new HashSet<>();
    private Duration errorBodyTimeout = Duration.ofSeconds(10);
    private Duration blockedThreadWarning = Duration.ofSeconds(1);
    private final List<Interceptor> interceptors = new ArrayList<>();
    private final List<StreamListener> listeners = new ArrayList<>();
    private Executor deliveryExecutor;
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

    /**
     * Where a provider's credential comes from: a token endpoint, a cloud SDK's credentials chain (the modules
     * {@code rill-aws-credentials}, {@code rill-google-credentials} and {@code rill-azure-identity} adapt them). It
     * wins over {@link #apiKey}, system properties and the environment. The client asks it on a thread of its own
     * (never an I/O thread), keeps the answer until it expires, asks again {@link #credentialRefreshAhead ahead} of
     * that, and keeps one fetch in flight per source however many calls wait; a failed fetch fails the calls that
     * need it with {@code AUTHENTICATION} naming the source. A credential the provider rejects ({@code AUTHENTICATION})
     * is dropped and fetched anew by the next call, which is also how one without an expiry is ever replaced. One source given to several providers (Gemini and
     * Claude on Vertex AI) is fetched and cached once for all of them.
     */
    public Builder credentials(String providerId, CredentialSource source) {
      sources.put(Objects.requireNonNull(providerId, "providerId"), Objects.requireNonNull(source, "source"));
      return this;
    }

    /** A fixed credential for a provider (for instance AWS access keys for Bedrock); wins like a source. */
    public Builder credential(String providerId, Credential credential) {
      return credentials(providerId, CredentialSource.of("static", credential));
    }

    /**
     * How long before a credential's expiry the client fetches the next (default 5 minutes; at most half the
     * credential's lifetime). Calls keep using the held credential while the refresh runs.
     */
    public Builder credentialRefreshAhead(Duration d) { this.credentialRefreshAhead = positive(d); return this; }

    /**
     * How long a credential source may take to answer (default 30 s); then the calls waiting fail, the fetch is
     * cancelled (its thread interrupted) and the next call starts a new one.
     */
    public Builder credentialFetchTimeout(Duration d) { this.credentialFetchTimeout = positive(d); return this; }

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

    /**
     * Caps on what one response may make the client hold: events, body bytes, folded text, choices and tool calls
     * (default {@link DecodeLimits#DEFAULT}, where each value is explained).
     */
    public Builder limits(DecodeLimits limits) { this.limits = Objects.requireNonNull(limits); return this; }

    /** Caps on line and event sizes (default 16 MiB each: {@link FramingLimits#DEFAULT}). */
    public Builder framingLimits(FramingLimits framing) { this.limits = limits.withFraming(framing); return this; }

    /** The largest request body sent (default 32 MiB); a larger one fails with {@code REQUEST_TOO_LARGE}. */
    public Builder maxRequestBytes(long bytes) {
      if (bytes <= 0) {
        throw new IllegalArgumentException("maxRequestBytes must be positive");
      }
      this.maxRequestBytes = bytes;
      return this;
    }

    /**
     * Lets a provider's credential go over plain http to a host other than this machine (refused by default,
     * since anyone on the path can read it). A server without a key (a local Ollama elsewhere) needs no opt-in.
     */
    public Builder allowPlainHttp(String providerId) { plainHttpAllowed.add(providerId); return this; }

    /**
     * How long the body of an error status may take (default 10 s): a body that trickles without end is then
     * classified as far as it came, keeping the status's kind.
     */
    public Builder errorBodyTimeout(Duration d) { this.errorBodyTimeout = positive(d); return this; }

    /** Connection timeout (default 10 s). */
    public Builder connectTimeout(Duration d) { transport = transport.withConnectTimeout(d); return this; }

    /** Idle timeout: the longest silence on a connection (default 5 min, generous for reasoning models). */
    public Builder idleTimeout(Duration d) { transport = transport.withIdleTimeout(d); return this; }

    /**
     * The longest wait for a pooled connection when all connections to the host are busy (default 30 s); then the
     * call fails with {@code TIMEOUT} ({@code POOL}). The deadline runs from sending to the request going out, so it
     * includes the connect timeout. Listeners hear of every wait ({@link StreamListener#onPoolWait}).
     */
    public Builder poolTimeout(Duration d) { transport = transport.withPoolTimeout(d); return this; }

    /**
     * Pool limits (default 256 in all, 64 per host). Over HTTP/1.1 one streaming call holds one connection for as
     * long as it runs, so the 65th concurrent stream to one host waits ({@link #poolTimeout}); raise the per-host
     * limit for more concurrent streams. Over HTTP/2 concurrent streams to a host share its open connection, so the
     * limit counts connections, not streams.
     */
    public Builder maxConnections(int total, int perHost) {
      transport = transport.withMaxConnections(total, perHost);
      return this;
    }

    /** I/O threads (default one per core). */
    public Builder ioThreads(int threads) { transport = transport.withIoThreads(threads); return this; }

    /**
     * Which HTTP version connections speak (default {@link HttpVersionPolicy#NEGOTIATE}: HTTP/2 by ALPN over TLS,
     * as real providers expect, else HTTP/1.1). Each HTTP/2 stream has its own flow-control window
     * ({@link #receiveWindow}), refilled only as the subscriber asks for chunks. While HttpClient's header or HTTP/2
     * frame loggers are at DEBUG, new connections speak HTTP/1.1 whatever is set here, so those loggers never print
     * an HTTP/2 header (a credential) that Rill cannot redact.
     */
    public Builder httpVersion(HttpVersionPolicy policy) {
      transport = transport.withHttpVersion(Objects.requireNonNull(policy));
      return this;
    }

    /**
     * Experimental, off by default: concurrent streams to one host share HTTP/2 connections (HttpClient 5.6's message
     * multiplexing) instead of each holding its own. A slow subscriber still holds back only its own stream (its
     * window), but two limits of HttpClient 5.6 apply: a connection is shared only after it was pooled once with its
     * protocol known (the first stream on a new connection has it alone, and a burst of new streams opens a
     * connection each, up to the per-host limit), and a stream that is cancelled or fails makes HttpClient close the
     * whole connection, ending the other streams on it with a transport error.
     */
    public Builder shareHttp2Connections(boolean share) {
      transport = transport.withShareHttp2(share);
      return this;
    }

    /**
     * The TLS context for https connections: one that trusts a private CA, holds a client certificate (mutual TLS),
     * or comes from another provider such as Conscrypt. Default: the JVM's default context ({@code javax.net.ssl.*}
     * properties honoured), built at the first TLS connection. The server's host name is always verified against its
     * certificate; HTTP/2 is still negotiated by ALPN (the context's engines must support
     * {@code SSLParameters.setApplicationProtocols}, as JSSE's and Conscrypt's do).
     */
    public Builder sslContext(javax.net.ssl.SSLContext context) {
      this.sslContext = Objects.requireNonNull(context);
      return this;
    }

    /**
     * Bytes read ahead of a slow subscriber per stream before reads stop (default 64 KiB); over HTTP/2 it is each
     * stream's flow-control window.
     */
    public Builder receiveWindow(int bytes) { transport = transport.withReceiveWindow(bytes); return this; }

    /**
     * The socket receive buffer (SO_RCVBUF) in bytes; 0 keeps the operating system's default, which may
     * autotune to tens of MiB. Set it to bound what a slow subscriber lets the server push into the kernel.
     */
    public Builder socketReceiveBuffer(int bytes) { transport = transport.withSocketReceiveBuffer(bytes); return this; }

    /**
     * Adds a listener to every call of this client, whatever options the call passes (metrics and tracing belong
     * here); it hears events before the call's own listeners.
     */
    public Builder listener(StreamListener listener) { listeners.add(Objects.requireNonNull(listener)); return this; }

    /**
     * Adds an interceptor to every call of this client, before the call's own and the built-ins (see
     * {@link Interceptor}).
     */
    public Builder interceptor(Interceptor interceptor) { interceptors.add(Objects.requireNonNull(interceptor)); return this; }

    /**
     * Delivers every call's chunks on {@code executor} instead of the I/O thread (see {@link ChatStream}, Threads);
     * a call's own {@link StreamOptions.Builder#deliveryExecutor} wins. The client does not shut it down.
     */
    public Builder deliveryExecutor(Executor executor) { this.deliveryExecutor = executor; return this; }

    /**
     * Logs one warning when consumer code holds an I/O thread longer than this (default 1 s); null turns the check
     * off.
     */
    public Builder blockedThreadWarning(Duration d) { this.blockedThreadWarning = d; return this; }

    /** The clock for timestamps and {@code Retry-After} dates. */
    public Builder clock(Clock clock) { this.clock = Objects.requireNonNull(clock); return this; }

    /** Where environment variables are read (default {@link System#getenv(String)}); for tests. */
    public Builder environment(UnaryOperator<String> lookup) { this.environment = Objects.requireNonNull(lookup); return this; }

    /** The client; close it when done. */
    public Rill build() {
      return new Rill(this);
    }

    private static Duration positive(Duration d) {
      if (d == null || d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException("must be positive: " + d);
      }
      return d;
    }
  }
}
