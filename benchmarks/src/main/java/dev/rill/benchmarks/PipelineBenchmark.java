package dev.rill.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * End to end over loopback HTTP: one client (Rill basic, a floor, or a peer) streams the generated OpenAI
 * transcript from a {@link ServerMain} in its own process. One operation is one wire event, so with
 * {@code -prof dev.rill.benchmarks.ProcessCpuProfiler} {@code cpu.ns/op} is the client JVM's CPU per event and
 * with {@code -prof gc} {@code gc.alloc.rate.norm} its bytes allocated per event (every thread).
 *
 * <ul>
 *   <li>{@code burst}: one stream of {@link OpenAiStream#EVENTS} events sent back to back, one HTTP chunk each.
 *   <li>{@code trickle}: {@link #TRICKLE_STREAMS} concurrent streams of {@link #TRICKLE_EVENTS} events, 1 ms apart:
 *       the realistic case, where each event arrives alone.
 * </ul>
 *
 * Every stream's text is checked against the transcript's; a client that delivers anything else fails the run.
 * Each client runs in its own fork (a fresh JVM) with the common pool's parallelism pinned to 2.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms256m", "-Xmx1g", "-Djava.util.concurrent.ForkJoinPool.common.parallelism=2"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class PipelineBenchmark {
  /** Concurrent streams in trickle mode. */
  public static final int TRICKLE_STREAMS = 16;
  /** JSON events per trickle stream (each 1 ms after the previous one). */
  public static final int TRICKLE_EVENTS = 500;
  /** Wire events of a burst stream ([DONE] included). */
  static final int BURST_WIRE_EVENTS = OpenAiStream.EVENTS + 1;
  /** Wire events of one trickle operation: every stream's, [DONE] included. */
  static final int TRICKLE_WIRE_EVENTS = TRICKLE_STREAMS * (TRICKLE_EVENTS + 1);

  @Param({"rill", "rill-enhanced", "floor", "floor-coalesced", "hc5-discard", "jdk-lines", "jdk-floor"})
  public String client;

  /**
   * Which server the burst streams from: {@code burst} (one HTTP chunk per event, the realistic wire) or, for the
   * transport investigation, {@code bigchunks} (the same bytes in 16 KiB HTTP chunks).
   */
  @Param({"burst"})
  public String burstServer;

  /**
   * The wire: {@code plain} (HTTP/1.1 over TCP), {@code tls} (HTTP/1.1 over TLS 1.3, no ALPN) or {@code h2} (HTTP/2
   * over TLS, HttpCore 5's server; each client negotiates as it does by default). The TLS certificate is made at run
   * time and trusted through the JVM's trust-store properties, which every client here honours.
   */
  @Param({"plain"})
  public String transport;

  private ServerProcess server;
  private java.nio.file.Path certificateDir;
  private BenchClient burstClient;
  private BenchClient trickleClient;
  private ExecutorService drivers;
  private String burstExpected;
  private String trickleExpected;

  @Setup(Level.Trial)
  public void setUp() {
    String prefix = switch (transport) {
      case "plain" -> "";
      case "tls" -> "tls-";
      case "h2" -> "h2-";
      default -> throw new IllegalArgumentException("transport: plain, tls or h2");
    };
    if (prefix.isEmpty()) {
      server = ServerProcess.start();
    } else {
      try {
        certificateDir = java.nio.file.Files.createTempDirectory("rill-bench-tls");
        dev.rill.testkit.h2.TestCertificate cert = dev.rill.testkit.h2.TestCertificate.create(certificateDir);
        cert.trustInThisJvm();
        if (transport.equals("h2")) {
          System.setProperty("jdk.httpclient.maxstreams", "100"); // see BenchMain.JDK_H2_STREAMS
        }
        server = ServerProcess.start(cert.keyStore());
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
    burstClient = BenchClients.create(client, server.base(prefix + burstServer));
    trickleClient = BenchClients.create(client, server.base(prefix + "trickle"));
    OpenAiStream burst = OpenAiStream.of(OpenAiStream.EVENTS);
    OpenAiStream trickle = OpenAiStream.of(TRICKLE_EVENTS);
    burstExpected = burstClient.deliversText() ? burst.text() : Integer.toString(burst.body().length);
    trickleExpected = trickleClient.deliversText() ? trickle.text() : Integer.toString(trickle.body().length);
    drivers = Executors.newFixedThreadPool(TRICKLE_STREAMS, r -> {
      Thread t = new Thread(r, "bench-driver");
      t.setDaemon(true);
      return t;
    });
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    drivers.shutdownNow();
    burstClient.close();
    trickleClient.close();
    server.close();
    if (certificateDir != null) {
      try (java.util.stream.Stream<java.nio.file.Path> files = java.nio.file.Files.list(certificateDir)) {
        for (java.nio.file.Path f : files.toList()) {
          java.nio.file.Files.deleteIfExists(f);
        }
        java.nio.file.Files.deleteIfExists(certificateDir);
      } catch (java.io.IOException e) {
        // a temporary directory left behind
      }
    }
  }

  @Benchmark
  @OperationsPerInvocation(BURST_WIRE_EVENTS)
  public int burst() throws Exception {
    return TextCheck.require(client, burstExpected, burstClient.stream(() -> {}));
  }

  @Benchmark
  @OperationsPerInvocation(TRICKLE_WIRE_EVENTS)
  public int trickle() throws Exception {
    List<Future<String>> streams = new ArrayList<>(TRICKLE_STREAMS);
    for (int i = 0; i < TRICKLE_STREAMS; i++) {
      streams.add(drivers.submit(() -> trickleClient.stream(() -> {})));
    }
    int n = 0;
    for (Future<String> f : streams) {
      n += TextCheck.require(client, trickleExpected, f.get());
    }
    return n;
  }
}
