package dev.rill.benchmarks;

import dev.rill.api.ChatRequest;
import dev.rill.api.StreamChunk;
import dev.rill.provider.openai.OpenAiProvider;
import dev.rill.runtime.Rill;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The concurrency test: {@code N} Rill streams open at once in this JVM against {@link IdleServerMain} in its own
 * process, each having delivered its first content chunk and then idle. Reports the threads this JVM gained
 * (there must be no thread per stream) and the heap each idle stream holds (heap used after a full GC, minus the
 * same before the streams, over {@code N}). Prints one JSON object.
 *
 * <pre>{@code java -cp ... dev.rill.benchmarks.ConcurrencyMain <streams>}</pre>
 */
public final class ConcurrencyMain {
  private ConcurrencyMain() {}

  public static void main(String[] args) throws Exception {
    int n = Integer.parseInt(args[0]);
    Process server = startServer();
    try {
      String port = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8))
          .readLine();
      if (port == null || !port.startsWith(IdleServerMain.READY)) {
        throw new IllegalStateException("the idle server did not start: " + port);
      }
      URI base = URI.create("http://127.0.0.1:" + port.substring(port.indexOf('=') + 1) + "/v1/");
      System.out.println(run(n, base));
    } finally {
      server.getOutputStream().close();
      if (!server.waitFor(5, TimeUnit.SECONDS)) {
        server.destroyForcibly();
      }
    }
  }

  static Process startServer() throws java.io.IOException {
    List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
        "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"), IdleServerMain.class.getName());
    return new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
  }

  /** Opens {@code n} streams against {@code base} and measures; returns the JSON line. */
  static String run(int n, URI base) throws Exception {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    ChatRequest request = ChatRequest.builder("openai:" + BenchClient.MODEL).user(BenchClient.PROMPT).build();
    try (Rill rill = Rill.builder().discover(false).register(new OpenAiProvider())
        .baseUrl("openai", base.toString()).apiKey("openai", BenchClient.API_KEY)
        .maxConnections(n + 16, n + 16).build()) {
      // One stream first, so classes, pools and the I/O threads exist before the baseline.
      List<Flow.Subscription> subscriptions = new ArrayList<>(n);
      CountDownLatch warm = new CountDownLatch(1);
      rill.stream(request).subscribe(new FirstChunk(warm, subscriptions, new AtomicInteger()));
      if (!warm.await(30, TimeUnit.SECONDS)) {
        throw new IllegalStateException("the first stream delivered nothing in 30 s");
      }
      int threadsBefore = ManagementFactory.getThreadMXBean().getThreadCount();
      long heapBefore = usedAfterGc(memory);
      CountDownLatch first = new CountDownLatch(n);
      AtomicInteger failed = new AtomicInteger();
      long start = System.nanoTime();
      for (int i = 0; i < n; i++) {
        rill.stream(request).subscribe(new FirstChunk(first, subscriptions, failed));
      }
      boolean all = first.await(300, TimeUnit.SECONDS);
      double openMs = (System.nanoTime() - start) / 1e6;
      int threadsAfter = ManagementFactory.getThreadMXBean().getThreadCount();
      long heapAfter = usedAfterGc(memory);
      long delivered = n - first.getCount();
      String json = String.format(java.util.Locale.ROOT,
          "{\"streams\":%d,\"delivered\":%d,\"failed\":%d,\"openMs\":%.0f,\"threadsBefore\":%d,\"threadsAfter\":%d,"
              + "\"heapPerStreamKiB\":%.1f,\"heapBeforeMiB\":%.1f,\"heapAfterMiB\":%.1f,\"leased\":%d}",
          n, delivered, failed.get(), openMs, threadsBefore, threadsAfter,
          (heapAfter - heapBefore) / 1024.0 / Math.max(1, delivered), heapBefore / 1048576.0, heapAfter / 1048576.0,
          rill.poolStats().leased());
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
