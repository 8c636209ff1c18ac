package dev.rill.benchmarks;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import dev.rill.testkit.h2.TestCertificate;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * The whole benchmark run behind {@code rill bench}: the JMH layer suites, every client end to end (Rill, the
 * floors, and the peers when built with {@code -Ppeers}), time to first chunk in a fresh JVM per client; then a
 * table of ratios on standard output and {@code bench.json}, {@code bench.html} and SVG charts in the report
 * directory. Progress goes to standard error. Exit code 1 when a client failed its text check (never on
 * timing), 2 on a usage error.
 *
 * <pre>{@code java -cp benchmarks/target/classes:$(cat benchmarks/target/rill-benchmarks.classpath) \
 *     dev.rill.benchmarks.BenchMain [--quick] [--json] [--report DIR] [--clients a,b] [--transports plain,tls,h2]}</pre>
 *
 * <p>{@code --transports plain,tls,h2} also runs every client end to end, time to first chunk and the open-streams test
 * over TLS 1.3 (HTTP/1.1) and HTTP/2 over TLS (a certificate made at run time and trusted through the JVM's
 * trust-store properties); the report then has a table and charts per wire.
 */
public final class BenchMain {
  private static final String PKG = BenchMain.class.getPackageName() + ".";

  /** What to run. */
  record Settings(boolean quick, boolean json, Path reportDir, List<String> clients, List<String> transports) {}

  private final Settings settings;
  private final PrintStream progress;
  private final Map<String, RunResult> results = new LinkedHashMap<>();
  private final List<String> failures = new ArrayList<>();
  /** Time to first chunk by wire, then by client. */
  private final Map<String, Map<String, Map<String, Object>>> firstChunk = new LinkedHashMap<>();
  /** The open-streams test by wire. */
  private final Map<String, Map<String, Object>> concurrency = new LinkedHashMap<>();

  private BenchMain(Settings settings, PrintStream progress) {
    this.settings = settings;
    this.progress = progress;
  }

  public static void main(String[] args) throws Exception {
    System.exit(run(args, System.out, System.err));
  }

  /** Runs with command-line arguments; returns the exit code. */
  public static int run(String[] args, PrintStream out, PrintStream err) throws Exception {
    boolean quick = false;
    boolean json = false;
    Path report = Path.of("target", "bench");
    List<String> clients = null;
    List<String> transports = List.of("plain");
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--quick" -> quick = true;
        case "--json" -> json = true;
        case "--report" -> {
          if (++i == args.length) {
            err.println("--report needs a directory");
            return 2;
          }
          report = Path.of(args[i]);
        }
        case "--clients" -> clients = List.of(args[++i].split(","));
        case "--transports" -> {
          transports = List.of(args[++i].split(","));
          if (!List.of("plain", "tls", "h2").containsAll(transports) || !transports.contains("plain")) {
            err.println("--transports: plain plus any of tls, h2 (e.g. plain,tls,h2)");
            return 2;
          }
        }
        default -> {
          err.println("unknown option " + args[i]
              + "; usage: [--quick] [--json] [--report DIR] [--clients a,b] [--transports plain,tls,h2]");
          return 2;
        }
      }
    }
    List<String> available = BenchClients.names();
    if (clients == null) {
      clients = available;
    } else if (!available.containsAll(clients)) {
      err.println("unknown client in " + clients + "; available: " + available);
      return 2;
    }
    BenchMain main = new BenchMain(new Settings(quick, json, report, clients, transports), err);
    Map<String, Object> model = main.runAll();
    String table = Report.table(model);
    Files.createDirectories(report);
    Files.writeString(report.resolve("bench.json"), Json.write(model));
    Report.writeHtml(model, report);
    if (json) {
      out.print(Json.write(model));
    } else {
      out.print(table);
      out.println("report: " + report.resolve("bench.html") + " and bench.json");
    }
    out.flush();
    return main.failures.isEmpty() ? 0 : 1;
  }

  private Map<String, Object> runAll() throws RunnerException, IOException, InterruptedException {
    long start = System.nanoTime();
    runStart = start;
    progress.printf(Locale.ROOT, "rill bench%s: %d cores, JDK %s; clients %s%n", settings.quick() ? " --quick" : "",
        Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), settings.clients());
    boolean quick = settings.quick();
    TimeValue layerWarm = quick ? TimeValue.milliseconds(300) : TimeValue.seconds(1);
    TimeValue layerRun = quick ? TimeValue.milliseconds(500) : TimeValue.seconds(1);
    int layerWi = quick ? 1 : 2;
    int layerI = quick ? 1 : 3;

    suite("SSE framer (MB/s)", SseFramerBenchmark.class, 6, b -> b.warmupIterations(layerWi).warmupTime(layerWarm)
        .measurementIterations(layerI).measurementTime(layerRun));
    suite("decoders (events/s, bytes/event)", DecodeBenchmark.class, 8, b -> b.warmupIterations(layerWi)
        .warmupTime(layerWarm).measurementIterations(layerI).measurementTime(layerRun).addProfiler(GCProfiler.class));
    suite("linearity (one line dripped byte by byte)", LinearityBenchmark.class, 2, b -> b.warmupIterations(layerWi)
        .warmupTime(layerWarm).measurementIterations(layerI).measurementTime(layerRun));
    int n = settings.clients().size() * 2 * settings.transports().size();
    suite("end to end (CPU and bytes per event, each client in a fresh JVM; " + settings.transports() + ")",
        PipelineBenchmark.class, n, b -> b.param("client", settings.clients().toArray(String[]::new))
            .param("transport", settings.transports().toArray(String[]::new))
            .warmupIterations(quick ? 1 : 3).warmupTime(TimeValue.seconds(1))
            .measurementIterations(quick ? 1 : 5).measurementTime(TimeValue.seconds(quick ? 1 : 2))
            .addProfiler(GCProfiler.class).addProfiler(ProcessCpuProfiler.class));
    firstChunks(quick);
    stage("concurrency (open streams" + (settings.transports().size() > 1 ? ", by wire" : "") + ")");
    for (String wire : settings.transports()) {
      concurrency(wire, openStreams(wire, quick));
    }
    for (String client : settings.clients()) {
      for (String mode : List.of("burst", "trickle")) {
        for (String transport : settings.transports()) {
          String key = "PipelineBenchmark." + mode + "#client=" + client
              + (transport.equals("plain") ? "" : "#transport=" + transport);
          if (!results.containsKey(key)) {
            failures.add(client + " " + mode + " " + transport
                + ": no result (the client failed or delivered different text)");
          }
        }
      }
    }
    Map<String, Object> model = Report.model(settings, results, firstChunk, concurrency, failures);
    model.put("seconds", Math.round((System.nanoTime() - start) / 1e9));
    progress.printf(Locale.ROOT, "done in %d s%n", Math.round((System.nanoTime() - start) / 1e9));
    return model;
  }

  /** Customises a suite's options. */
  interface Tune {
    ChainedOptionsBuilder apply(ChainedOptionsBuilder b);
  }

  /** The stages of a run, for the progress lines: four JMH suites, first chunks, concurrency. */
  private static final int STAGES = 6;
  private int stage;
  private long runStart = System.nanoTime();

  /** Prints {@code [2/6 at 14 s] title}: where the run is, on standard error, as each stage starts. */
  private void stage(String title) {
    progress.printf(Locale.ROOT, "[%d/%d at %d s] %s%n", ++stage, STAGES, Math.round((System.nanoTime() - runStart) / 1e9),
        title);
  }

  private void suite(String title, Class<?> benchmark, int count, Tune tune) throws RunnerException {
    stage(title);
    ChainedOptionsBuilder b = new OptionsBuilder().include(Pattern.quote(benchmark.getName()) + "\\..*")
        .forks(1).shouldFailOnError(false).timeUnit(TimeUnit.NANOSECONDS);
    if (benchmark != PipelineBenchmark.class) {
      b.timeUnit(benchmark == LinearityBenchmark.class ? TimeUnit.MICROSECONDS : TimeUnit.SECONDS);
    }
    Collection<RunResult> run = new Runner(tune.apply(b).build(), new Progress(progress, count)).run();
    for (RunResult r : run) {
      results.put(key(r), r);
    }
  }

  private static String key(RunResult r) {
    StringBuilder k = new StringBuilder(r.getParams().getBenchmark().substring(PKG.length()));
    for (String p : r.getParams().getParamsKeys()) {
      if (p.equals("burstServer") && r.getParams().getParam(p).equals("burst")
          || p.equals("transport") && r.getParams().getParam(p).equals("plain")) {
        continue; // the default server and wire; other values are the transport investigation's or TLS/HTTP/2
      }
      k.append('#').append(p).append('=').append(r.getParams().getParam(p));
    }
    return k.toString();
  }

  private RunResult result(String benchmark, String param, String value) {
    return results.get(benchmark + "#" + param + "=" + value);
  }

  /**
   * Cold and warm time to first chunk, one fresh JVM per client and wire, against a server process of our own; over
   * TLS and HTTP/2 the child trusts a throwaway certificate through the trust-store properties, as the end-to-end
   * forks do, so its cold figure includes loading that trust and the TLS handshake.
   */
  private void firstChunks(boolean quick) throws IOException, InterruptedException {
    stage("time to first chunk (fresh JVM per client" + (settings.transports().size() > 1 ? " and wire" : "") + ")");
    boolean secure = settings.transports().size() > 1;
    Path certificateDir = secure ? Files.createTempDirectory("rill-bench-first-chunk") : null;
    TestCertificate certificate = secure ? TestCertificate.create(certificateDir) : null;
    int i = 0;
    int all = settings.clients().size() * settings.transports().size();
    try (ServerProcess server = ServerProcess.start(secure ? certificate.keyStore() : null)) {
      // The server's own JVM is cold too: without this, whichever client goes first pays for its warm-up.
      try (BenchClient warm = BenchClients.create("jdk-lines", server.base("short"))) {
        for (int w = 0; w < 200; w++) {
          warm.stream(() -> {});
        }
      } catch (Exception e) {
        progress.println("  (server warm-up failed: " + e.getMessage() + ")");
      }
      for (String wire : settings.transports()) {
        for (String client : settings.clients()) {
          progress.printf(Locale.ROOT, "  [%d/%d] %s%s ... ", ++i, all, client, wire.equals("plain") ? "" : " " + wire);
          Map<String, Object> row = firstChunk(client, wire, server, certificate, quick);
          if (row != null) {
            firstChunk.computeIfAbsent(wire, w -> new LinkedHashMap<>()).put(client, row);
            progress.printf(Locale.ROOT, "cold %.0f ms, warm %.0f us%n", row.get("coldMs"), row.get("warmUs"));
          }
        }
      }
    } finally {
      if (certificateDir != null) {
        deleteTree(certificateDir);
      }
    }
  }

  /** One client's {@link FirstChunkMain} over one wire in a child JVM; null when it failed (a failure recorded). */
  private Map<String, Object> firstChunk(String client, String wire, ServerProcess server,
      TestCertificate certificate, boolean quick) throws IOException, InterruptedException {
    String prefix = wire.equals("plain") ? "" : wire + "-";
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx512m", "-Djava.util.concurrent.ForkJoinPool.common.parallelism=2"));
    if (certificate != null && !wire.equals("plain")) {
      cmd.addAll(certificate.trustOptions());
      if (wire.equals("h2")) {
        cmd.add(JDK_H2_STREAMS);
      }
    }
    cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), FirstChunkMain.class.getName(), client,
        server.base(prefix + "short").toString(), quick ? "500" : String.valueOf(FirstChunkMain.WARM_UP),
        quick ? "100" : String.valueOf(FirstChunkMain.WARM_SAMPLES)));
    ChildRun run = ChildRun.of(cmd, "{\"client\"");
    String json = run.json();
    if (!run.ok()) {
      progress.println("FAILED");
      progress.println("    " + run.output().strip().replace("\n", "\n    "));
      failures.add(client + " first chunk" + (wire.equals("plain") ? "" : " over " + wire) + ": exit " + run.exitCode());
      return null;
    }
    Map<String, Object> row = new LinkedHashMap<>();
    Matcher m = Pattern.compile("\"(\\w+)\":([0-9.]+)").matcher(json);
    while (m.find()) {
      row.put(m.group(1), Double.parseDouble(m.group(2)));
    }
    return row;
  }

  /**
   * The JDK's HTTP/2 client (LangChain4j's transport) announces SETTINGS_MAX_CONCURRENT_STREAMS = 0 (it accepts no
   * pushed streams), a legal value that HttpCore 5.4's HTTP/2 server rejects as a connection error, resetting the
   * connection (docs/benchmarks.md, "LangChain4j over HTTP/2"). Announcing 100 instead changes nothing else: push stays
   * disabled.
   */
  static final String JDK_H2_STREAMS = "-Djdk.httpclient.maxstreams=100";

  /** Streams held open per wire: 10,000 (1,000 with --quick); over HTTP/1.1 with TLS, 1,000 (200). */
  static int openStreams(String wire, boolean quick) {
    return wire.equals("tls") ? (quick ? 200 : 1_000) : (quick ? 1_000 : 10_000);
  }

  private static void deleteTree(Path dir) {
    try (java.util.stream.Stream<Path> files = Files.list(dir)) {
      for (Path f : files.toList()) {
        Files.deleteIfExists(f);
      }
      Files.deleteIfExists(dir);
    } catch (IOException e) {
      // a temporary directory left behind
    }
  }

  /**
   * The concurrency test ({@link ConcurrencyMain}) over one wire in a child JVM: {@code wanted} streams, fewer when
   * this process's open-file limit cannot hold them (client and server each need a descriptor per connection).
   */
  private void concurrency(String wire, int wanted) throws IOException, InterruptedException {
    long maxFds = Long.MAX_VALUE;
    if (java.lang.management.ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
      maxFds = unix.getMaxFileDescriptorCount();
    }
    int n = (int) Math.max(100, Math.min(wanted, maxFds - 512));
    progress.printf(Locale.ROOT, "  %s: %d open streams (open-file limit %d) ... ", wire, n, maxFds);
    List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx2g",
        "-cp", System.getProperty("java.class.path"), ConcurrencyMain.class.getName(), Integer.toString(n), wire);
    ChildRun run = ChildRun.of(cmd, "{\"streams\"");
    String json = run.json();
    if (!run.ok()) {
      progress.println("FAILED");
      progress.println("    " + run.output().strip().replace("\n", "\n    "));
      failures.add("concurrency" + (wire.equals("plain") ? "" : " over " + wire) + ": exit " + run.exitCode());
      return;
    }
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("wanted", wanted);
    Matcher m = Pattern.compile("\"(\\w+)\":([0-9.]+)").matcher(json);
    while (m.find()) {
      result.put(m.group(1), Double.parseDouble(m.group(2)));
    }
    concurrency.put(wire, result);
    progress.printf(Locale.ROOT, "%.0f delivered, threads %.0f -> %.0f, %.1f KiB heap per idle stream, %.0f connections%n",
        result.get("delivered"), result.get("threadsBefore"), result.get("threadsAfter"),
        result.get("heapPerStreamKiB"), result.get("connections"));
  }

  /** A secondary result's score, or NaN. */
  static double secondary(RunResult r, String name) {
    if (r == null) {
      return Double.NaN;
    }
    Result<?> s = r.getSecondaryResults().get(name);
    return s == null ? Double.NaN : s.getScore();
  }

  /** The primary score, or NaN. */
  static double primary(RunResult r) {
    return r == null ? Double.NaN : r.getPrimaryResult().getScore();
  }

  /** When this run started, for the report. */
  static String now() {
    return Instant.now().toString();
  }
}
