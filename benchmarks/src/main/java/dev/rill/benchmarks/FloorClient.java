package dev.rill.benchmarks;

import dev.rill.runtime.internal.transport.CoalescingSession;
import org.apache.hc.core5.reactor.IOSession;
import org.apache.hc.core5.reactor.IOSessionListener;

import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Future;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClientBuilder;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.config.Http1Config;
import org.apache.hc.core5.http.nio.AsyncRequestProducer;
import org.apache.hc.client5.http.async.methods.AbstractBinResponseConsumer;
import org.apache.hc.core5.http.nio.entity.AsyncEntityProducers;
import org.apache.hc.core5.http.nio.support.AsyncRequestBuilder;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.reactor.IOReactorConfig;

/**
 * The hand-written floor: HttpClient 5 async (the transport Rill uses), a byte-level SSE splitter and a Jackson
 * pull parser per event, all on the I/O thread; or, with {@code discard}, HttpClient 5 alone, counting body bytes.
 * {@link Tuning} carries the transport settings the transport investigation varies.
 */
final class FloorClient implements BenchClient {
  /**
   * Transport settings. Zero keeps HttpClient's default.
   *
   * @param sessionBuffer {@code Http1Config.bufferSize}: the session's input buffer (default 8 KiB)
   * @param chunkSizeHint {@code Http1Config.chunkSizeHint}
   * @param receiveBuffer SO_RCVBUF
   * @param window the consumer's capacity increment (64 KiB like Rill's receive window)
   * @param ioThreads I/O reactor threads (default one per core)
   * @param coalesce whether the session skips the socket read once drained within an I/O event
   *     ({@link CoalescingSession}, the fix for HttpCore's one {@code read(2)} per HTTP chunk)
   */
  record Tuning(int sessionBuffer, int chunkSizeHint, int receiveBuffer, int window, int ioThreads,
      boolean coalesce) {
    static final Tuning DEFAULT = new Tuning(0, 0, 0, 64 * 1024, 0, false);
    static final Tuning COALESCED = new Tuning(0, 0, 0, 64 * 1024, 0, true);

    /** From {@code rill.bench.tune.*} system properties (the transport investigation's variants). */
    static Tuning fromSystemProperties() {
      return new Tuning(Integer.getInteger("rill.bench.tune.sessionBuffer", 0),
          Integer.getInteger("rill.bench.tune.chunkSizeHint", 0),
          Integer.getInteger("rill.bench.tune.receiveBuffer", 0),
          Integer.getInteger("rill.bench.tune.window", 64 * 1024),
          Integer.getInteger("rill.bench.tune.ioThreads", 0),
          Boolean.getBoolean("rill.bench.tune.coalesce"));
    }
  }

  private static final byte[] BODY = ("{\"model\":\"" + MODEL + "\",\"messages\":[{\"role\":\"user\",\"content\":\""
      + PROMPT + "\"}],\"stream\":true,\"stream_options\":{\"include_usage\":true}}").getBytes(StandardCharsets.UTF_8);

  private final CloseableHttpAsyncClient client;
  private final URI uri;
  private final Tuning tuning;
  private final boolean discard;

  FloorClient(URI base, Tuning tuning, boolean discard) {
    this(base, tuning, discard, null);
  }

  /** With {@code tls} as its TLS strategy ({@link TlsProviders}), or HttpClient's default when null. */
  FloorClient(URI base, Tuning tuning, boolean discard, org.apache.hc.core5.http.nio.ssl.TlsStrategy tls) {
    this.uri = base.resolve("chat/completions");
    this.tuning = tuning;
    this.discard = discard;
    IOReactorConfig.Builder io = IOReactorConfig.custom().setTcpNoDelay(true);
    if (tuning.receiveBuffer() > 0) {
      io.setRcvBufSize(tuning.receiveBuffer());
    }
    if (tuning.ioThreads() > 0) {
      io.setIoThreadCount(tuning.ioThreads());
    }
    Http1Config.Builder h1 = Http1Config.custom();
    if (tuning.sessionBuffer() > 0) {
      h1.setBufferSize(tuning.sessionBuffer());
    }
    if (tuning.chunkSizeHint() > 0) {
      h1.setChunkSizeHint(tuning.chunkSizeHint());
    }
    HttpAsyncClientBuilder builder = HttpAsyncClients.custom()
        .setConnectionManager(PoolingAsyncClientConnectionManagerBuilder.create()
            .setTlsStrategy(tls)
            .setMaxConnTotal(256).setMaxConnPerRoute(256).build())
        .setIOReactorConfig(io.build())
        .setHttp1Config(h1.build())
        .disableAutomaticRetries().disableRedirectHandling().disableCookieManagement()
        .disableContentCompression();
    if (tuning.coalesce()) {
      builder.setIoSessionDecorator(CoalescingSession.decorator()).setIOSessionListener(new EventTicks());
    }
    this.client = builder.build();
    client.start();
  }

  @Override
  public boolean deliversText() {
    return !discard;
  }

  @Override
  public String stream(Runnable firstChunk) throws Exception {
    AsyncRequestProducer request = AsyncRequestBuilder.post(uri)
        .addHeader("Authorization", "Bearer " + API_KEY)
        .addHeader("Accept", "text/event-stream")
        .setEntity(AsyncEntityProducers.create(BODY, ContentType.APPLICATION_JSON))
        .build();
    Future<String> done = client.execute(request, discard ? new Discard(tuning.window(), firstChunk)
        : new Consumer(tuning.window(), firstChunk), null);
    return done.get();
  }

  @Override
  public void close() {
    client.close(CloseMode.GRACEFUL);
  }

  /** Splits, parses and appends on the I/O thread. */
  private static final class Consumer extends AbstractBinResponseConsumer<String> {
    private final int window;
    private final Runnable firstChunk;
    private final StringBuilder text = new StringBuilder(8192);
    private final SseSplitter splitter;
    private boolean done;

    Consumer(int window, Runnable firstChunk) {
      this.window = window;
      this.firstChunk = firstChunk;
      this.splitter = new SseSplitter(this::onData);
    }

    private void onData(byte[] array, int offset, int length) {
      if (done) {
        return;
      }
      if (length == 6 && array[offset] == '[' && array[offset + 1] == 'D' && array[offset + 5] == ']') {
        done = true;
        return;
      }
      boolean empty = text.length() == 0;
      if (ChunkText.append(array, offset, length, text) > 0 && empty) {
        firstChunk.run();
      }
    }

    @Override
    protected void start(HttpResponse response, ContentType contentType) throws HttpException, IOException {
      if (response.getCode() != 200) {
        throw new HttpException("HTTP " + response.getCode());
      }
    }

    @Override
    protected int capacityIncrement() {
      return window;
    }

    @Override
    protected void data(ByteBuffer src, boolean endOfStream) {
      splitter.feed(src);
    }

    @Override
    protected String buildResult() {
      return text.toString();
    }

    @Override
    public void releaseResources() {}
  }

  /** Counts body bytes and drops them. */
  private static final class Discard extends AbstractBinResponseConsumer<String> {
    private final int window;
    private final Runnable firstChunk;
    private long bytes;

    Discard(int window, Runnable firstChunk) {
      this.window = window;
      this.firstChunk = firstChunk;
    }

    @Override
    protected void start(HttpResponse response, ContentType contentType) throws HttpException {
      if (response.getCode() != 200) {
        throw new HttpException("HTTP " + response.getCode());
      }
    }

    @Override
    protected int capacityIncrement() {
      return window;
    }

    @Override
    protected void data(ByteBuffer src, boolean endOfStream) {
      if (bytes == 0 && src.hasRemaining()) {
        firstChunk.run();
      }
      bytes += src.remaining();
      src.position(src.limit());
    }

    @Override
    protected String buildResult() {
      return Long.toString(bytes);
    }

    @Override
    public void releaseResources() {}
  }

  /** Tells the runtime's {@link CoalescingSession} that an I/O event starts, as the runtime's transport does. */
  private static final class EventTicks implements IOSessionListener {
    @Override public void connected(IOSession s) { CoalescingSession.newEvent(); }
    @Override public void startTls(IOSession s) { CoalescingSession.newEvent(); }
    @Override public void inputReady(IOSession s) { CoalescingSession.newEvent(); }
    @Override public void outputReady(IOSession s) { CoalescingSession.newEvent(); }
    @Override public void timeout(IOSession s) { CoalescingSession.newEvent(); }
    @Override public void exception(IOSession s, Exception ex) { CoalescingSession.newEvent(); }
    @Override public void disconnected(IOSession s) { CoalescingSession.newEvent(); }
  }
}
