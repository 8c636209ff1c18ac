package dev.rill.benchmarks;

import dev.rill.api.ChatRequest;
import dev.rill.api.StreamChunk;
import dev.rill.provider.openai.OpenAiProvider;
import dev.rill.runtime.HttpVersionPolicy;
import dev.rill.runtime.PoolStats;
import dev.rill.runtime.Rill;
import dev.rill.testkit.h2.TestCertificate;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The concurrency test: {@code N} Rill streams open at once in this JVM against {@link IdleServerMain} in its own
 * process, each having delivered its first content chunk and then idle. Reports the threads this JVM gained
 * (there must be no thread per stream), the heap each idle stream holds (heap used after a full GC, minus the
 * same before the streams, over {@code N}) and the connections pooled. Prints one JSON object.
 *
 * <p>The wire: {@code plain} (HTTP/1.1, a connection per stream), {@code tls} (HTTP/1.1 over TLS 1.3, a connection
 * per stream) or {@code h2} (HTTP/2 over TLS, streams sharing connections:
 * {@code Rill.Builder.shareHttp2Connections(true)}); over TLS a throwaway certificate is made and trusted through the
 * trust-store properties, and the server is the testkit's {@code H2StreamServer} in {@link IdleServerMain}'s process.
 *
 * <pre>{@code java -Xmx2g -cp ... dev.rill.benchmarks.ConcurrencyMain <streams> [plain|tls|h2]}</pre>
 */
public final class ConcurrencyMain {
  private ConcurrencyMain() {}

  public static void main(String[] args) throws Exception {
    int n = Integer.parseInt(args[0]);
    String wire = args.length > 1 ? args[1] : "plain";
    if (!List.of("plain", "tls", "h2").contains(wire)) {
      throw new IllegalArgumentException("wire: plain, tls or h2");
    }
    TestCertificate certificate = null;
    if (!wire.equals("plain")) {
      certificate = TestCertificate.forThisJvm(); // made in a temporary directory removed at exit, and trusted here
    }
    Process server = startServer(wire, certificate, n);
    try {
      String port = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8))
          .readLine();
      if (port == null || !port.startsWith(IdleServerMain.READY)) {
        throw new IllegalStateException("the idle server did not start: " + port);
      }
      String authority = (wire.equals("plain") ? "http://127.0.0.1:" : "https://localhost:")
          + port.substring(port.indexOf('=') + 1);
      System.out.println(run(n, URI.create(authority + "/v1/"), wire));
    } finally {
      server.getOutputStream().close();
      if (!server.waitFor(20, TimeUnit.SECONDS)) {
        server.destroyForcibly();
      }
    }
  }

  static Process startServer(String wire, TestCertificate certificate, int n) throws java.io.IOException {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        wire.equals("plain") ? "-Xmx512m" : "-Xmx2g", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
        IdleServerMain.class.getName()));
    if (certificate != null) {
      cmd.addAll(List.of(wire, certificate.keyStore().toString(), Integer.toString(n + 100)));
    }
    return new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
  }

  /**
   * Opens {@code n} streams against {@code base} over {@code wire} and measures; returns the JSON line. Over TLS the
   * client first completes one stream (so its connection is pooled with its protocol known: HttpClient 5.6 shares an
   * HTTP/2 connection only then), and over HTTP/2 the streams share connections.
   */
  static String run(int n, URI base, String wire) throws Exception {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    ChatRequest hold = ChatRequest.builder("openai:" + BenchClient.MODEL).user("hold").build();
    Rill.Builder builder = Rill.builder().discover(false).register(new OpenAiProvider())
        .baseUrl("openai", base.toString()).apiKey("openai", BenchClient.API_KEY)
        .maxConnections(n + 16, n + 16);
    if (!wire.equals("plain")) {
      builder.httpVersion(wire.equals("h2") ? HttpVersionPolicy.NEGOTIATE : HttpVersionPolicy.FORCE_HTTP_1)
          .shareHttp2Connections(wire.equals("h2")).idleTimeout(Duration.ofMinutes(10))
          .connectTimeout(Duration.ofMinutes(1)).poolTimeout(Duration.ofMinutes(5));
    }
    try (Rill rill = builder.build()) {
      List<Flow.Subscription> subscriptions = new ArrayList<>(n + 1);
      if (wire.equals("plain")) {
        // One held stream first, so classes, pools and the I/O threads exist before the baseline.
        CountDownLatch warm = new CountDownLatch(1);
        rill.stream(hold).subscribe(new FirstChunk(warm, subscriptions, new AtomicInteger()));
        if (!warm.await(30, TimeUnit.SECONDS)) {
          throw new IllegalStateException("the first stream delivered nothing in 30 s");
        }
      } else {
        // One whole stream first: the TLS context, the classes and one pooled connection exist before the baseline.
        ChatRequest whole = ChatRequest.builder("openai:" + BenchClient.MODEL).user(BenchClient.PROMPT).build();
        rill.stream(whole).forEach(c -> { }).get(60, TimeUnit.SECONDS);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (rill.poolStats().leased() > 0 && System.nanoTime() < deadline) {
          Thread.sleep(5);
        }
      }
      int threadsBefore = ManagementFactory.getThreadMXBean().getThreadCount();
      long heapBefore = usedAfterGc(memory);
      CountDownLatch first = new CountDownLatch(n);
      AtomicInteger failed = new AtomicInteger();
      long start = System.nanoTime();
      int opened = 0;
      if (!wire.equals("plain")) {
        // The first held stream alone: once it has its connection, the rest can share it (HTTP/2).
        rill.stream(hold).subscribe(new FirstChunk(first, subscriptions, failed));
        opened = 1;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (first.getCount() == n && System.nanoTime() < deadline) {
          Thread.sleep(2);
        }
      }
      for (int i = opened; i < n; i++) {
        rill.stream(hold).subscribe(new FirstChunk(first, subscriptions, failed));
      }
      boolean all = first.await(300, TimeUnit.SECONDS);
      double openMs = (System.nanoTime() - start) / 1e6;
      int threadsAfter = ManagementFactory.getThreadMXBean().getThreadCount();
      long heapAfter = usedAfterGc(memory);
      long delivered = n - first.getCount();
      PoolStats pool = rill.poolStats();
      String json = String.format(java.util.Locale.ROOT,
          "{\"streams\":%d,\"delivered\":%d,\"failed\":%d,\"openMs\":%.0f,\"threadsBefore\":%d,\"threadsAfter\":%d,"
              + "\"heapPerStreamKiB\":%.1f,\"heapBeforeMiB\":%.1f,\"heapAfterMiB\":%.1f,\"leased\":%d,"
              + "\"connections\":%d}",
          n, delivered, failed.get(), openMs, threadsBefore, threadsAfter,
          (heapAfter - heapBefore) / 1024.0 / Math.max(1, delivered), heapBefore / 1048576.0, heapAfter / 1048576.0,
          pool.leased(), pool.leased() + pool.available());
      synchronized (subscriptions) {
        for (Flow.Subscription s : subscriptions) {
          s.cancel();
        }
      }
      if (!all) {
        System.err.println("only " + delivered + " of " + n + " streams delivered their first chunk");
      }
      return json;
    }
  }

  private static long usedAfterGc(MemoryMXBean memory) throws InterruptedException {
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 4; i++) {
      System.gc();
      Thread.sleep(200);
      used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
    }
    return used;
  }

  /** Requests chunks without bound and counts down at the first one with content; keeps its subscription. */
  private static final class FirstChunk implements Flow.Subscriber<StreamChunk> {
    private final CountDownLatch latch;
    private final List<Flow.Subscription> subscriptions;
    private final AtomicInteger failed;
    private boolean seen;

    FirstChunk(CountDownLatch latch, List<Flow.Subscription> subscriptions, AtomicInteger failed) {
      this.latch = latch;
      this.subscriptions = subscriptions;
      this.failed = failed;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
      synchronized (subscriptions) {
        subscriptions.add(s);
      }
      s.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(StreamChunk chunk) {
      if (!seen && !chunk.content().isEmpty()) {
        seen = true;
        latch.countDown();
      }
    }

    @Override
    public void onError(Throwable t) {
      failed.incrementAndGet();
      if (failed.get() <= 3) {
        System.err.println("stream failed: " + t);
      }
    }

    @Override
    public void onComplete() {}
  }
}
