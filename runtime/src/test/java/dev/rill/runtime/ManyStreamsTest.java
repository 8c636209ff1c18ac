package dev.rill.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rill.api.ChatRequest;
import dev.rill.api.StreamChunk;
import dev.rill.testkit.h2.H2StreamServer;
import dev.rill.testkit.h2.TestCertificate;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Many concurrent TLS streams to one host from one client, each having delivered its first chunk and then held open
 * idle: over HTTP/2 (shared connections, {@link Rill.Builder#shareHttp2Connections}) they need no thread per stream
 * and at most 32 KiB of heap each, TLS included; over HTTP/1.1 with TLS (a connection each) the same is measured for
 * comparison. The server is HttpCore 5's HTTP/2 server ({@link H2StreamServer}) in its own JVM, so the heap measured
 * is the client's alone.
 *
 * <p>500 streams (200 over HTTP/1.1) in the normal build; {@code -Pmany-streams} runs 10,000 over HTTP/2 and 1,000 over
 * HTTP/1.1 (or {@code -Drill.manyStreams=N -Drill.manyStreams.http1=M}). Figures in {@code docs/benchmarks.md}.
 */
class ManyStreamsTest {
  static final int STREAMS = Integer.getInteger("rill.manyStreams", 500);
  static final int HTTP1_STREAMS = Integer.getInteger("rill.manyStreams.http1", 200);
  static final long HEAP_PER_STREAM_LIMIT = 32 * 1024;
  static TestCertificate certificate;

  @BeforeAll
  static void trust() throws Exception {
    certificate = TestCertificate.forThisJvm();
  }

  /** A subscriber that asks for one chunk, counts its arrival and then holds the stream open. */
  static final class FirstChunk implements Flow.Subscriber<StreamChunk> {
    final CountDownLatch first;
    final AtomicInteger failures;
    static volatile Throwable firstFailure;
    Flow.Subscription subscription;
    boolean seen;

    FirstChunk(CountDownLatch first, AtomicInteger failures) {
      this.first = first;
      this.failures = failures;
    }

    @Override public void onSubscribe(Flow.Subscription s) { subscription = s; s.request(1); }
    @Override public void onNext(StreamChunk item) {
      if (!seen) {
        seen = true;
        first.countDown();
      }
    }
    @Override public void onError(Throwable t) {
      if (failures.getAndIncrement() == 0) {
        firstFailure = t;
      }
      first.countDown();
    }
    @Override public void onComplete() {}
  }

  /** What one run measured. */
  record Measured(int streams, long heapPerStream, int threadsAdded, int connections) {
    @Override
    public String toString() {
      return String.format(Locale.ROOT, "%,d streams: %.1f KiB heap per idle stream, %d threads added, %d connections",
          streams, heapPerStream / 1024.0, threadsAdded, connections);
    }
  }

  @Test
  void http2HoldsManyTlsStreamsWithoutAThreadEachInAtMost32KiBEach() throws Exception {
    Measured m = run("tls", STREAMS, HttpVersionPolicy.NEGOTIATE);
    System.out.println("MANY-STREAMS HTTP/2+TLS " + m);
    assertThat(m.threadsAdded()).as("threads added for %d streams", STREAMS).isLessThan(16);
    assertThat(m.heapPerStream()).as("heap per idle HTTP/2 stream").isLessThanOrEqualTo(HEAP_PER_STREAM_LIMIT);
  }

  @Test
  void http1WithTlsForComparison() throws Exception {
    Measured m = run("tls", HTTP1_STREAMS, HttpVersionPolicy.FORCE_HTTP_1);
    System.out.println("MANY-STREAMS HTTP/1.1+TLS " + m);
    assertThat(m.threadsAdded()).as("threads added for %d streams", HTTP1_STREAMS).isLessThan(16);
    assertThat(m.connections()).as("a connection per stream").isBetween(HTTP1_STREAMS, HTTP1_STREAMS + 1);
  }

  Measured run(String mode, int streams, HttpVersionPolicy policy) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx2g", "-cp", System.getProperty("java.class.path"), H2StreamServer.class.getName(), mode,
        certificate.keyStore().toString(), String.valueOf(streams + 100)));
    Process server = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    try {
      BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
      String line = out.readLine();
      assertThat(line).as("the server's first line").startsWith("PORT ");
      int port = Integer.parseInt(line.substring(5).trim());
      try (Rill rill = Rill.builder().discover(false).register(new LineProvider())
          .baseUrl("line", "https://localhost:" + port + "/").apiKey("line", "sk-test-0123456789abcdef")
          .httpVersion(policy).shareHttp2Connections(true).maxConnections(streams + 16, streams + 16)
          .idleTimeout(Duration.ofMinutes(10)).connectTimeout(Duration.ofMinutes(1)).poolTimeout(Duration.ofMinutes(5)).build()) {
        ChatRequest hold = ChatRequest.builder("line:model-a").user("hold").build();
        // One short stream first: HttpClient 5.6 shares a connection once it was pooled with its protocol known.
        rill.stream(ChatRequest.builder("line:model-a").user("events:1:64").build()).collect().get(30,
            TimeUnit.SECONDS);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (rill.poolStats().leased() > 0 && System.nanoTime() < deadline) {
          Thread.sleep(5);
        }
        // The TLS context, HttpCore's and Rill's classes and the connection exist now: the baseline.
        int threadsBefore = Thread.activeCount();
        long heapBefore = usedHeapAfterGc();

        List<FirstChunk> subscribers = new ArrayList<>(streams);
        CountDownLatch first = new CountDownLatch(streams);
        AtomicInteger failures = new AtomicInteger();
        FirstChunk opener = new FirstChunk(first, failures);
        subscribers.add(opener);
        rill.stream(hold).subscribe(opener);
        assertThat(awaitCount(first, streams - 1, Duration.ofSeconds(30))).isTrue(); // its lease is known: shared
        for (int i = 1; i < streams; i++) {
          FirstChunk s = new FirstChunk(first, failures);
          subscribers.add(s);
          rill.stream(hold).subscribe(s);
        }
        assertThat(first.await(5, TimeUnit.MINUTES)).as("first chunks: %d of %d", streams - first.getCount(),
            streams).isTrue();
        assertThat(failures.get()).as("streams that failed, the first with %s", FirstChunk.firstFailure).isZero();
        int threadsAfter = Thread.activeCount();
        long heapAfter = usedHeapAfterGc();
        int connections = rill.poolStats().leased() + rill.poolStats().available();
        for (FirstChunk s : subscribers) {
          s.subscription.cancel();
        }
        return new Measured(streams, (heapAfter - heapBefore) / streams, threadsAfter - threadsBefore, connections);
      }
    } finally {
      server.getOutputStream().close();
      if (!server.waitFor(20, TimeUnit.SECONDS)) {
        server.destroyForcibly();
      }
    }
  }

  static boolean awaitCount(CountDownLatch latch, long atMost, Duration d) throws InterruptedException {
    long end = System.nanoTime() + d.toNanos();
    while (latch.getCount() > atMost) {
      if (System.nanoTime() > end) {
        return false;
      }
      Thread.sleep(2);
    }
    return true;
  }

  static long usedHeapAfterGc() throws InterruptedException {
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(100);
    }
    return Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
  }
}
