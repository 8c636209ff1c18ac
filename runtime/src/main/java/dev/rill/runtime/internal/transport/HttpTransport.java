package dev.rill.runtime.internal.transport;

import dev.rill.api.HttpCall;
import dev.rill.runtime.PoolStats;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManager;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.reactor.IOSession;
import org.apache.hc.core5.reactor.IOSessionListener;
import org.apache.hc.core5.http.config.Http1Config;
import org.apache.hc.core5.http.nio.AsyncRequestProducer;
import org.apache.hc.core5.http.nio.AsyncResponseConsumer;
import org.apache.hc.core5.http.nio.entity.AsyncEntityProducers;
import org.apache.hc.core5.http.nio.support.AsyncRequestBuilder;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.reactor.IOReactorConfig;
import org.apache.hc.core5.util.Timeout;

/**
 * The one HTTP client of a {@code Rill} instance: Apache HttpClient 5 async over a shared connection pool. It
 * sends an {@link HttpCall} and hands the response to a streaming {@link AsyncResponseConsumer}; it never
 * buffers bodies itself. No automatic retries, redirects or cookies: the pipeline decides.
 */
public final class HttpTransport implements AutoCloseable {
  private static final AtomicInteger CLIENTS = new AtomicInteger();

  private final CloseableHttpAsyncClient client;
  private final PoolingAsyncClientConnectionManager pool;
  private final TransportConfig config;
  private static final ThreadLocal<IOSession> CURRENT = new ThreadLocal<>();

  public HttpTransport(TransportConfig config) {
    this.config = config;
    this.pool = PoolingAsyncClientConnectionManagerBuilder.create()
        .setMaxConnTotal(config.maxConnections())
        .setMaxConnPerRoute(config.maxConnectionsPerRoute())
        .setDefaultConnectionConfig(ConnectionConfig.custom()
            .setConnectTimeout(Timeout.of(config.connectTimeout()))
            .setSocketTimeout(Timeout.of(config.idleTimeout()))
            .build())
        .useSystemProperties()
        .setTlsStrategy(Http1WhileHeaderLogging.wrap(new SystemTlsStrategy()))
        .build();
    IOReactorConfig.Builder io = IOReactorConfig.custom().setSoTimeout(Timeout.of(config.idleTimeout())).setTcpNoDelay(true);
    if (config.socketReceiveBuffer() > 0) {
      io.setRcvBufSize(config.socketReceiveBuffer());
    }
    if (config.ioThreads() > 0) {
      io.setIoThreadCount(config.ioThreads());
    }
    int n = CLIENTS.incrementAndGet();
    this.client = HttpAsyncClients.custom()
        .setConnectionManager(pool)
        .setIOReactorConfig(io.build())
        .setHttp1Config(http1(config))
        .setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(Timeout.of(config.idleTimeout()))
            .setConnectionRequestTimeout(Timeout.of(config.poolTimeout())).build())
        .setIOSessionListener(new SessionTracker())
        .setIoSessionDecorator(CoalescingSession.decorator()) // also keeps HttpClient's wire-logging session out
        .addRequestInterceptorLast(CredentialHeaders.INSTANCE)
        .setThreadFactory(r -> {
          Thread t = new Thread(r, "rill-io-" + n);
          t.setDaemon(true);
          return t;
        })
        .disableAutomaticRetries()
        .disableRedirectHandling()
        .disableCookieManagement()
        .disableAuthCaching()
        .disableContentCompression()
        .setUserAgent("rill/0.1")
        .build();
    client.start();
  }

  private static Http1Config http1(TransportConfig config) {
    Http1Config.Builder h1 = Http1Config.custom().setInitialWindowSize(config.receiveWindow());
    if (config.sessionBuffer() > 0) {
      h1.setBufferSize(config.sessionBuffer());
    }
    return h1.build();
  }

  public TransportConfig config() {
    return config;
  }

  /**
   * Sends {@code call}; the consumer receives the response head and body as they arrive. {@code onConnection}
   * learns the connection as the request goes out on it (on the I/O thread), so the caller can close it.
   */
  public <T> Future<T> send(HttpCall call, AsyncResponseConsumer<T> consumer, FutureCallback<T> callback,
      java.util.function.Consumer<IOSession> onConnection) {
    AsyncRequestBuilder builder = AsyncRequestBuilder.create(call.method()).setUri(call.uri());
    String contentType = null;
    for (Map.Entry<String, String> h : call.headers().entrySet()) {
      if (h.getKey().equalsIgnoreCase("content-type")) {
        contentType = h.getValue();
      } else if (!h.getKey().equalsIgnoreCase("content-length") && !h.getKey().equalsIgnoreCase("host")) {
        builder.addHeader(h.getKey(), h.getValue());
      }
    }
    if (!call.headers().keySet().stream().anyMatch(k -> k.equalsIgnoreCase("accept-encoding"))) {
      builder.addHeader("Accept-Encoding", "identity"); // streams are read as they come: no compression
    }
    if (call.bodyLength() > 0 || "POST".equalsIgnoreCase(call.method())) {
      builder.setEntity(AsyncEntityProducers.create(call.body(),
          contentType == null ? ContentType.APPLICATION_JSON : ContentType.parse(contentType)));
    }
    AsyncRequestProducer producer = new SessionCapturingProducer(builder.build(), onConnection);
    return client.execute(producer, consumer, null, null, callback);
  }

  /**
   * The connection whose I/O event the calling thread is handling, or null off the I/O threads. A consumer
   * calls it from its callbacks to learn its own connection: cancelling an exchange's future is not enough
   * with HttpClient 5.6, which on HTTP/1.1 sometimes leaves the exchange running (a stalled server never
   * sees the disconnect), so a cancelled HTTP/1.1 stream closes its own connection.
   */
  public static IOSession currentSession() {
    return CURRENT.get();
  }

  /** Tells the caller the connection its request goes out on. */
  private static final class SessionCapturingProducer implements AsyncRequestProducer {
    private final AsyncRequestProducer delegate;
    private final java.util.function.Consumer<IOSession> onConnection;
    private boolean reported;

    SessionCapturingProducer(AsyncRequestProducer delegate, java.util.function.Consumer<IOSession> onConnection) {
      this.delegate = delegate;
      this.onConnection = onConnection;
    }

    @Override
    public void sendRequest(org.apache.hc.core5.http.nio.RequestChannel channel,
        org.apache.hc.core5.http.protocol.HttpContext context)
        throws org.apache.hc.core5.http.HttpException, java.io.IOException {
      // Runs on the caller's thread, before any connection is chosen: nothing to learn here.
      delegate.sendRequest(channel, context);
    }

    @Override public boolean isRepeatable() { return delegate.isRepeatable(); }
    @Override public void failed(Exception cause) { delegate.failed(cause); }
    @Override public int available() { return delegate.available(); }
    /** Writes the body, on the I/O thread of the connection the request goes out on. */
    @Override
    public void produce(org.apache.hc.core5.http.nio.DataStreamChannel channel) throws java.io.IOException {
      if (!reported) {
        reported = true;
        IOSession session = CURRENT.get();
        if (session != null && onConnection != null) {
          onConnection.accept(session);
        }
      }
      delegate.produce(channel);
    }
    @Override public void releaseResources() { delegate.releaseResources(); }
  }

  /**
   * Records, per I/O thread, the session whose event is being handled, and tells {@link CoalescingSession} that a
   * new event started.
   */
  private static final class SessionTracker implements IOSessionListener {
    private static void event(IOSession session) {
      CURRENT.set(session);
      CoalescingSession.newEvent();
    }

    @Override public void connected(IOSession session) { event(session); }
    @Override public void startTls(IOSession session) { event(session); }
    @Override public void inputReady(IOSession session) { event(session); }
    @Override public void outputReady(IOSession session) { event(session); }
    @Override public void timeout(IOSession session) { event(session); }
    @Override public void exception(IOSession session, Exception ex) { CoalescingSession.newEvent(); }
    @Override public void disconnected(IOSession session) { CoalescingSession.newEvent(); }
  }

  /** The pool's counts for the host of {@code uri} (its scheme, host and port). */
  public PoolStats routeStats(java.net.URI uri) {
    boolean secure = "https".equalsIgnoreCase(uri.getScheme());
    int port = uri.getPort() > 0 ? uri.getPort() : secure ? 443 : 80;
    org.apache.hc.core5.http.HttpHost host =
        new org.apache.hc.core5.http.HttpHost(uri.getScheme().toLowerCase(java.util.Locale.ROOT), uri.getHost(), port);
    org.apache.hc.core5.pool.PoolStats s = pool.getStats(new org.apache.hc.client5.http.HttpRoute(host, null, secure));
    return new PoolStats(s.getLeased(), s.getAvailable(), s.getPending(), s.getMax());
  }

  /** The pool's current counts. */
  public PoolStats stats() {
    org.apache.hc.core5.pool.PoolStats s = pool.getTotalStats();
    return new PoolStats(s.getLeased(), s.getAvailable(), s.getPending(), s.getMax());
  }

  @Override
  public void close() {
    client.close(CloseMode.GRACEFUL);
  }
}
