package dev.rill.spring.boot;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

// Why about 250 lines: a JavaBean per property group is what Spring Boot's binder and configuration-metadata
// processor read; each setter is one line and the Javadoc is the reference shown in IDEs.
/**
 * The {@code rill.*} properties the auto-configured {@link dev.rill.runtime.Rill} client is built from. Every value
 * left unset keeps Rill's default ({@code docs/enhanced-mode.md} gives each one and its reason).
 *
 * <pre>
 * rill.mode=enhanced
 * rill.providers.openai.api-key=${OPENAI_API_KEY}
 * rill.providers.ollama.base-url=http://localhost:11434
 * rill.connect-timeout=5s
 * rill.pool.max-per-host=128
 * rill.stream.idle-timeout=30s
 * </pre>
 *
 * @since 0.1
 */
@ConfigurationProperties(prefix = "rill")
public class RillProperties {
  /** Basic or enhanced pipeline for every call. */
  public enum Mode { BASIC, ENHANCED }

  /** Whether to auto-configure a Rill client. */
  private boolean enabled = true;
  /** The pipeline every call uses: basic (the shortest chain) or enhanced (retries, metadata, continuity checks). */
  private Mode mode = Mode.BASIC;
  /** The provider used when a model spec has no "provider:" prefix. */
  private String defaultProvider;
  /** Whether to discover provider plugins on the class path. */
  private boolean discover = true;
  /** Per-provider settings, by provider id (openai, anthropic, gemini, ollama, ...). */
  private Map<String, Provider> providers = new LinkedHashMap<>();
  /** Connection timeout (Rill's default: 10 s). */
  private Duration connectTimeout;
  /** The longest silence on a connection (Rill's default: 5 min). */
  private Duration idleTimeout;
  /** The longest wait for a pooled connection (Rill's default: 30 s). */
  private Duration poolTimeout;
  /** How long the body of an error status may take (Rill's default: 10 s). */
  private Duration errorBodyTimeout;
  /** The connection pool. */
  private final Pool pool = new Pool();
  /** I/O threads (Rill's default: one per core). */
  private Integer ioThreads;
  /** Bytes read ahead of a slow consumer per stream before reads stop (Rill's default: 64 KiB). */
  private Integer receiveWindow;
  /** The socket receive buffer in bytes; unset keeps the operating system's, which may autotune to tens of MiB. */
  private Integer socketReceiveBuffer;
  /** Per-call pipeline settings, applied on top of the mode's defaults. */
  private final Stream stream = new Stream();
  /** Micrometer observations of each call (when Micrometer is on the class path). */
  private final Observations observations = new Observations();

  public boolean isEnabled() { return enabled; }
  public void setEnabled(boolean enabled) { this.enabled = enabled; }
  public Mode getMode() { return mode; }
  public void setMode(Mode mode) { this.mode = mode; }
  public String getDefaultProvider() { return defaultProvider; }
  public void setDefaultProvider(String defaultProvider) { this.defaultProvider = defaultProvider; }
  public boolean isDiscover() { return discover; }
  public void setDiscover(boolean discover) { this.discover = discover; }
  public Map<String, Provider> getProviders() { return providers; }
  public void setProviders(Map<String, Provider> providers) { this.providers = providers; }
  public Duration getConnectTimeout() { return connectTimeout; }
  public void setConnectTimeout(Duration connectTimeout) { this.connectTimeout = connectTimeout; }
  public Duration getIdleTimeout() { return idleTimeout; }
  public void setIdleTimeout(Duration idleTimeout) { this.idleTimeout = idleTimeout; }
  public Duration getPoolTimeout() { return poolTimeout; }
  public void setPoolTimeout(Duration poolTimeout) { this.poolTimeout = poolTimeout; }
  public Duration getErrorBodyTimeout() { return errorBodyTimeout; }
  public void setErrorBodyTimeout(Duration errorBodyTimeout) { this.errorBodyTimeout = errorBodyTimeout; }
  public Pool getPool() { return pool; }
  public Integer getIoThreads() { return ioThreads; }
  public void setIoThreads(Integer ioThreads) { this.ioThreads = ioThreads; }
  public Integer getReceiveWindow() { return receiveWindow; }
  public void setReceiveWindow(Integer receiveWindow) { this.receiveWindow = receiveWindow; }
  public Integer getSocketReceiveBuffer() { return socketReceiveBuffer; }
  public void setSocketReceiveBuffer(Integer socketReceiveBuffer) { this.socketReceiveBuffer = socketReceiveBuffer; }
  public Stream getStream() { return stream; }
  public Observations getObservations() { return observations; }

  @Override
  public String toString() {
    return "RillProperties[mode=" + mode + ", providers=" + providers + "]";
  }

  /** One provider's settings. */
  public static class Provider {
    /** The API key; wins over the system property and the provider's environment variable. Never logged. */
    private String apiKey;
    /** The base URL, e.g. a local OpenAI-compatible server. */
    private String baseUrl;
    /** Provider options, e.g. Azure's api-version or Vertex's project. */
    private Map<String, String> options = new LinkedHashMap<>();
    /** Extra request headers. */
    private Map<String, String> headers = new LinkedHashMap<>();
    /** Lets the credential go over plain http to a host other than this machine (refused by default). */
    private boolean allowPlainHttp;

    public String getApiKey() { return apiKey; }
    public void setApiKey(String apiKey) { this.apiKey = apiKey; }
    public String getBaseUrl() { return baseUrl; }
    public void setBaseUrl(String baseUrl) { this.baseUrl = baseUrl; }
    public Map<String, String> getOptions() { return options; }
    public void setOptions(Map<String, String> options) { this.options = options; }
    public Map<String, String> getHeaders() { return headers; }
    public void setHeaders(Map<String, String> headers) { this.headers = headers; }
    public boolean isAllowPlainHttp() { return allowPlainHttp; }
    public void setAllowPlainHttp(boolean allowPlainHttp) { this.allowPlainHttp = allowPlainHttp; }

    /** Shows whether a key is set, never the key; header values are hidden too (they may carry credentials). */
    @Override
    public String toString() {
      return "Provider[apiKey=" + (apiKey == null ? "unset" : "***") + ", baseUrl=" + baseUrl + ", options="
          + options.keySet() + ", headers=" + headers.keySet() + "]";
    }
  }

  /** Connection pool limits: one streaming call holds one HTTP/1.1 connection while it runs. */
  public static class Pool {
    /** Connections in all (Rill's default: 256). */
    private Integer maxTotal;
    /** Connections per host (Rill's default: 64); the next concurrent stream to the host waits. */
    private Integer maxPerHost;

    public Integer getMaxTotal() { return maxTotal; }
    public void setMaxTotal(Integer maxTotal) { this.maxTotal = maxTotal; }
    public Integer getMaxPerHost() { return maxPerHost; }
    public void setMaxPerHost(Integer maxPerHost) { this.maxPerHost = maxPerHost; }
  }

  /** Per-call pipeline settings ({@link dev.rill.runtime.StreamOptions}). */
  public static class Stream {
    /** From sending the request to the first chunk with output (basic: 10 min, enhanced: 5 min). */
    private Duration firstChunkTimeout;
    /** Silence once output started (basic: the transport's, enhanced: 90 s). */
    private Duration idleTimeout;
    /** The whole call, retries included (default 60 min). */
    private Duration totalTimeout;
    /** Attempts per model spec, retries of transient failures before output included (enhanced default: 3). */
    private Integer maxAttempts;
    /** Whether chunks carry metadata (enhanced default: on). */
    private Boolean metadata;

    public Duration getFirstChunkTimeout() { return firstChunkTimeout; }
    public void setFirstChunkTimeout(Duration d) { this.firstChunkTimeout = d; }
    public Duration getIdleTimeout() { return idleTimeout; }
    public void setIdleTimeout(Duration d) { this.idleTimeout = d; }
    public Duration getTotalTimeout() { return totalTimeout; }
    public void setTotalTimeout(Duration d) { this.totalTimeout = d; }
    public Integer getMaxAttempts() { return maxAttempts; }
    public void setMaxAttempts(Integer maxAttempts) { this.maxAttempts = maxAttempts; }
    public Boolean getMetadata() { return metadata; }
    public void setMetadata(Boolean metadata) { this.metadata = metadata; }
  }

  /** Micrometer observations. */
  public static class Observations {
    /** Whether each call is observed when an ObservationRegistry bean exists. */
    private boolean enabled = true;

    public boolean isEnabled() { return enabled; }
    public void setEnabled(boolean enabled) { this.enabled = enabled; }
  }
}
