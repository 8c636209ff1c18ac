package dev.rill.runtime.internal.transport;

import dev.rill.api.HttpCall;
import dev.rill.runtime.PoolStats;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.config.TlsConfig;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManager;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.reactor.IOSession;
import org.apache.hc.core5.reactor.IOSessionListener;
import org.apache.hc.core5.http.config.Http1Config;
import org.apache.hc.core5.http2.config.H2Config;
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
 *
 * <p><b>HTTP versions.</b> Over TLS, HTTP/2 is negotiated by ALPN unless the policy forces HTTP/1.1
 * ({@link dev.rill.runtime.HttpVersionPolicy}); plain http is HTTP/1.1 unless HTTP/2 is forced (h2c with prior
 * knowledge). Each stream has its own connection unless {@code shareHttp2} is set: then concurrent streams to one
 * host share HTTP/2 connections (HttpClient 5.6's experimental message multiplexing: a new stream goes on the pooled
 * HTTP/2 connection with the fewest streams, but only on one that was leased once with its protocol known, and a
 * stream cancelled or failed makes HttpClient discard the whole connection). Each HTTP/2 stream's receive window is the
 * configured {@code receiveWindow}, refilled (WINDOW_UPDATE) only as the subscriber's demand drains the exchange's
 * queue, so a stalled subscriber stops its own stream while the connection window (which HttpCore refills as frames
 * arrive) keeps the others going. While HttpClient's header or frame loggers are at DEBUG every new connection
 * speaks HTTP/1.1 whatever the policy ({@link Http1WhileHeaderLogging}).
 */
public final class HttpTransport implements AutoCloseable {
  private static final AtomicInteger CLIENTS = new AtomicInteger();

  private final CloseableHttpAsyncClient client;
  private final PoolingAsyncClientConnectionManager pool;
  private final TransportConfig config;
  private static final ThreadLocal<IOSession> CURRENT = new ThreadLocal<>();

  public HttpTransport(TransportConfig config) {
    this(config, null);
  }

  /**
   * A transport whose TLS connections use {@code sslContext} ({@code Rill.Builder.sslContext}), or the JVM's default
   * context, built at the first TLS connection, when it is null. Host names are verified either way.
   */
  public HttpTransport(TransportConfig config, javax.net.ssl.SSLContext sslContext) {
    this.config = config;
    this.pool = PoolingAsyncClientConnectionManagerBuilder.create()
        .setMaxConnTotal(config.maxConnections())
        .setMaxConnPerRoute(config.maxConnectionsPerRoute())
        .setDefaultConnectionConfig(ConnectionConfig.custom()
            .setConnectTimeout(Timeout.of(config.connectTimeout()))
            .setSocketTimeout(Timeout.of(config.idleTimeout()))
            .build())
        .useSystemProperties()
        .setTlsStrategy(Http1WhileHeaderLogging.wrap(GivenTlsStrategy.of(sslContext)))
        .setTlsConfigResolver(host -> tlsConfig(config.httpVersion()))
        .setMessageMultiplexing(config.shareHttp2())
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
        .setH2Config(H2Config.custom().setInitialWindowSize(config.receiveWindow()).setPushEnabled(false).build())
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

  /**
   * The connection settings for a new connection (HttpClient resolves them at each connect; the version policy in
   * them decides both the ALPN offer and, for plain http, whether to speak h2c): the configured policy, or HTTP/1.1
   * while HttpClient's header or frame loggers are on, so that neither TLS nor h2c connections carry HTTP/2 then.
   */
  static TlsConfig tlsConfig(dev.rill.runtime.HttpVersionPolicy policy) {
    org.apache.hc.core5.http2.HttpVersionPolicy p = Http1WhileHeaderLogging.headerLoggingEnabled()
        ? org.apache.hc.core5.http2.HttpVersionPolicy.FORCE_HTTP_1
        : switch (policy) {
          case FORCE_HTTP_1 -> org.apache.hc.core5.http2.HttpVersionPolicy.FORCE_HTTP_1;
          case NEGOTIATE -> org.apache.hc.core5.http2.HttpVersionPolicy.NEGOTIATE;
          case FORCE_HTTP_2 -> org.apache.hc.core5.http2.HttpVersionPolicy.FORCE_HTTP_2;
        };
    return TlsConfig.custom().setVersionPolicy(p).build();
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
    AsyncRequestProducer producer = new SessionCapturingProducer(builder.build(), onConnection,
        consumer instanceof Http2StreamAware aware ? aware : null);
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

  /**
   * A response consumer that wants its HTTP/2 stream's own reset handle: {@link #http2Stream} runs (on the I/O thread)
   * as the request goes out on an HTTP/2 stream; cancelling the handle sends RST_STREAM (CANCEL) for that stream alone.
   */
  public interface Http2StreamAware {
    void http2Stream(org.apache.hc.core5.concurrent.Cancellable reset);
  }

  /** Tells the caller the connection its request goes out on, and its HTTP/2 stream's reset handle. */
  private static final class SessionCapturingProducer implements AsyncRequestProducer {
    private final AsyncRequestProducer delegate;
    private final java.util.function.Consumer<IOSession> onConnection;
    private final Http2StreamAware onStream;
    private boolean reported;

    SessionCapturingProducer(AsyncRequestProducer delegate, java.util.function.Consumer<IOSession> onConnection,
        Http2StreamAware onStream) {
      this.delegate = delegate;
      this.onConnection = onConnection;
      this.onStream = onStream;
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
        if (onStream != null) {
          org.apache.hc.core5.concurrent.Cancellable reset = Http2Streams.resetHandle(channel);
          if (reset != null) {
            onStream.http2Stream(reset);
          }
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
