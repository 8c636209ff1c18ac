// Why one file of about 460 lines: the four performance rules share one JMH run (plugin and reference side by side,
// re-measured for the stochastic rules) and its result parsing; the rules' verdicts are one method each.

package dev.rill.conformance.performance;

import dev.rill.api.StreamingProvider;
import dev.rill.conformance.reference.ReferenceProvider;
import dev.rill.conformance.report.RuleResult;
import dev.rill.conformance.report.RuleStatus;
import dev.rill.conformance.rules.Rule;
import dev.rill.conformance.rules.RuleCatalogue;
import dev.rill.conformance.rules.RuleId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Runs the performance rules P5.1 to P5.4 with JMH, in this JVM ({@code forks(0)}, so plugins loaded from extra jars
 * are measured as loaded), each plugin against the kit's reference plugin in the same run, so the machine's speed
 * cancels out of the ratios. Each side scores its best iteration, and a timed ratio that misses its bound is measured
 * again (up to {@value #CONFIRMATIONS} times) before it is reported (a shared machine's noise only ever slows a side
 * down; a real defect misses every run).
 *
 * <p>The timed rules (P5.1, P5.3, P5.4) are stochastic, as the Reactive Streams TCK's timing-dependent tests: a miss
 * is reported as {@link RuleStatus#STOCHASTIC_MISS} with its figures and never fails a certification on its own; only a
 * ratio beyond the rule's regression bound, far outside what noise does (the performance mutants land there), is a
 * {@link RuleStatus#FAIL}. Allocation (P5.2) is counted, not timed: it stays required, a miss is a FAIL.
 *
 * <ul>
 *   <li>P5.1: decode throughput in wire bytes per second, at least {@value #MIN_THROUGHPUT_RATIO}x the reference's
 *       on a body of the same event size;</li>
 *   <li>P5.2: allocation per chunk ({@code gc.alloc.rate.norm} / chunks) at most {@value #MAX_ALLOCATION_RATIO}x the
 *       reference's plus {@value #ALLOCATION_SLACK_BYTES} bytes;</li>
 *   <li>P5.3: the time to drip a delta of 4N characters one byte at a time, at most {@value #MAX_LINEARITY_RATIO}x
 *       that of N characters;</li>
 *   <li>P5.4: the first chunk through the runtime while the server stalls after it, within
 *       {@value #MAX_FIRST_EVENT_RATIO}x the reference's latency (at least {@value #FIRST_EVENT_FLOOR_MILLIS} ms
 *       allowed).</li>
 * </ul>
 */
public final class PerformanceRun {
  /** The key suffix that selects a subject's reference measurement. */
  public static final String REFERENCE_SUFFIX = "#reference";
  /** P5.1's floor. */
  public static final double MIN_THROUGHPUT_RATIO = 0.5;
  /** P5.2's factor. */
  public static final double MAX_ALLOCATION_RATIO = 3.0;
  /** P5.2's slack per chunk. */
  public static final int ALLOCATION_SLACK_BYTES = 1024;
  /** P5.3's ceiling (linear: about 4; quadratic: about 16). */
  public static final double MAX_LINEARITY_RATIO = 6.0;
  /** P5.4's factor. */
  public static final double MAX_FIRST_EVENT_RATIO = 5.0;
  /** P5.4's floor. */
  public static final long FIRST_EVENT_FLOOR_MILLIS = 250;
  /** P5.1's regression bound: a ratio below it fails (a decoder that re-scans every event lands near 0.05x). */
  public static final double REGRESSION_THROUGHPUT_RATIO = 0.1;
  /** P5.3's regression bound, twice the linear 4x: a ratio above it fails (quadratic buffering gives about 16x). */
  public static final double REGRESSION_LINEARITY_RATIO = 8.0;
  /** P5.4's regression factor: a latency above it (and above {@value #REGRESSION_FIRST_EVENT_FLOOR_MILLIS} ms) fails. */
  public static final double REGRESSION_FIRST_EVENT_RATIO = 20.0;
  /** P5.4's regression floor. */
  public static final long REGRESSION_FIRST_EVENT_FLOOR_MILLIS = 1_000;

  private PerformanceRun() {}

  /**
   * How long JMH measures.
   *
   * @param warmupIterations warm-up iterations per benchmark
   * @param iterations measured iterations per benchmark
   * @param iterationTime the length of each (timed modes)
   * @param hugeChars N of rule P5.3
   * @param firstEventShots measured single shots of P5.4
   */
  public record Settings(int warmupIterations, int iterations, Duration iterationTime, int hugeChars,
      int firstEventShots) {
    /** A smoke run: a few seconds per plugin; ratios indicative. */
    public static Settings quick() {
      return new Settings(2, 3, Duration.ofMillis(100), 16_384, 4);
    }

    /** A steadier run. */
    public static Settings full() {
      return new Settings(3, 5, Duration.ofMillis(400), 65_536, 10);
    }
  }

  /**
   * One measured rule for one plugin.
   *
   * @param rule the rule
   * @param status PASS; STOCHASTIC_MISS when a timed ratio missed its bound but not its regression bound; FAIL; or
   *     SKIPPED_NOT_APPLICABLE when the goldens give nothing to measure
   * @param ratio the compared ratio (P5.1: plugin/reference throughput; P5.2: plugin/reference bytes per chunk; P5.3:
   *     time(4N)/time(N); P5.4: plugin/reference latency); NaN when not measured
   * @param limit the ratio's bound (P5.1 a floor, the others a ceiling; for P5.2 and P5.4 the effective one)
   * @param plugin the plugin's raw figure
   * @param reference the reference's raw figure (P5.3: time(N))
   * @param unit the raw figures' unit
   * @param message what the figures mean, or why it was not measured
   */
  public record Measurement(RuleId rule, RuleStatus status, double ratio, double limit, double plugin,
      double reference, String unit, String message) {

    /** The measurement as a rule result of {@code providerId}. */
    public RuleResult toRuleResult(String providerId, Duration duration) {
      Rule r = RuleCatalogue.standard().rule(rule);
      return new RuleResult(providerId, rule, r.level(), r.testName(), status, message, null, duration);
    }
  }

  /**
   * Measures every subject and its reference; {@code progress} gets one line per phase. Returns each subject's
   * measurements (in the rules' order), in the order of {@code subjects}.
   */
  public static List<List<Measurement>> measure(List<PerformanceSubject> subjects, Settings settings,
      Consumer<String> progress) {
    Subjects.clear();
    List<String> decodeKeys = new ArrayList<>();
    List<String> dripKeys = new ArrayList<>();
    List<String> firstKeys = new ArrayList<>();
    for (int i = 0; i < subjects.size(); i++) {
      PerformanceSubject s = subjects.get(i);
      String key = key(i);
      Subjects.put(key, s);
      if (s.body() != null) {
        decodeKeys.add(key);
        decodeKeys.add(key + REFERENCE_SUFFIX);
      }
      if (s.hugeN() != null) {
        dripKeys.add(key);
      }
      if (s.firstEvent() != null) {
        firstKeys.add(key);
      }
    }
    if (!firstKeys.isEmpty()) {
      firstKeys.add(0, key(0) + REFERENCE_SUFFIX);
    }
    if (!decodeKeys.isEmpty()) {
      // measured first and thrown away: the JIT warms the framers, the JSON parser and JMH's own loop on it
      Subjects.put(WARM_UP, subjects.get(0));
      decodeKeys.add(0, WARM_UP + REFERENCE_SUFFIX);
    }
    try {
      progress.accept("P5.1/P5.2: decode throughput and allocation, " + (decodeKeys.size() - 1) / 2
          + " plugin(s) and the reference");
      preWarm(subjects, settings);
      Map<String, RunResult> decode = run(DecodeBenchmark.class, "decode", decodeKeys, settings, Mode.Throughput,
          true);
      progress.accept("P5.3: a huge delta dripped one byte at a time, " + dripKeys.size() + " plugin(s)");
      Map<String, RunResult> drip = run(DripBenchmark.class, "drip", dripKeys, settings, Mode.AverageTime, false);
      progress.accept("P5.4: first chunk while the server stalls, " + Math.max(0, firstKeys.size() - 1)
          + " plugin(s) and the reference");
      Map<String, RunResult> first = run(FirstEventBenchmark.class, "firstChunk", firstKeys, settings,
          Mode.SingleShotTime, false);
      confirmFailures(subjects, settings, progress, decode, drip, first);
      double referenceLatency = firstKeys.isEmpty() ? Double.NaN : score(first.get(firstKeys.get(0)));
      List<List<Measurement>> out = new ArrayList<>();
      for (int i = 0; i < subjects.size(); i++) {
        PerformanceSubject s = subjects.get(i);
        String key = key(i);
        List<Measurement> m = new ArrayList<>();
        m.add(throughput(s, key, decode));
        m.add(allocation(s, key, decode));
        m.add(linearity(s, key, drip));
        m.add(firstEvent(s, key, first, referenceLatency));
        out.add(m);
      }
      return out;
    } finally {
      Subjects.clear();
    }
  }

  private static final String WARM_UP = "a-warm-up";

  /** How many more times a failing timed ratio is measured before it is reported. */
  static final int CONFIRMATIONS = 3;

  /**
   * A timed ratio that missed its bound is measured again, up to {@value #CONFIRMATIONS} times, with the plugin and its
   * reference side by side, and each side keeps its best score: on a shared machine another process can slow one side
   * of a comparison for seconds, which only ever makes a side look slower, so a real regression misses every run
   * while a burst of noise is usually gone by the next. Allocation (P5.2) is not timed and is never re-measured.
   */
  private static void confirmFailures(List<PerformanceSubject> subjects, Settings settings,
      Consumer<String> progress, Map<String, RunResult> decode, Map<String, RunResult> drip,
      Map<String, RunResult> first) {
    for (int attempt = 1; attempt <= CONFIRMATIONS; attempt++) {
      if (!measureFailuresAgain(subjects, settings, progress, decode, drip, first, attempt)) {
        return;
      }
    }
  }

  /** Measures the failing timed ratios once more; false when none failed. */
  private static boolean measureFailuresAgain(List<PerformanceSubject> subjects, Settings settings,
      Consumer<String> progress, Map<String, RunResult> decode, Map<String, RunResult> drip,
      Map<String, RunResult> first, int attempt) {
    List<String> decodeAgain = new ArrayList<>();
    List<String> dripAgain = new ArrayList<>();
    List<String> firstAgain = new ArrayList<>();
    String referenceFirst = key(0) + REFERENCE_SUFFIX;
    double referenceLatency = score(first.get(referenceFirst));
    for (int i = 0; i < subjects.size(); i++) {
      PerformanceSubject s = subjects.get(i);
      String key = key(i);
      if (s.body() != null && throughput(s, key, decode).status() != RuleStatus.PASS) {
        decodeAgain.add(key);
        decodeAgain.add(key + REFERENCE_SUFFIX);
      }
      if (s.hugeN() != null && linearity(s, key, drip).status() != RuleStatus.PASS) {
        dripAgain.add(key);
      }
      if (s.firstEvent() != null && firstEvent(s, key, first, referenceLatency).status() != RuleStatus.PASS) {
        firstAgain.add(key);
      }
    }
    if (!firstAgain.isEmpty()) {
      firstAgain.add(0, referenceFirst);
    }
    if (decodeAgain.isEmpty() && dripAgain.isEmpty() && firstAgain.isEmpty()) {
      return false;
    }
    progress.accept("confirming " + (decodeAgain.size() / 2 + dripAgain.size() + Math.max(0, firstAgain.size() - 1))
        + " timed ratio(s) that missed their bound: measurement " + (attempt + 1) + " of " + (CONFIRMATIONS + 1));
    keepBetter(decode, run(DecodeBenchmark.class, "decode", decodeAgain, settings, Mode.Throughput, true), true);
    keepBetter(drip, run(DripBenchmark.class, "drip", dripAgain, settings, Mode.AverageTime, false), false);
    keepBetter(first, run(FirstEventBenchmark.class, "firstChunk", firstAgain, settings, Mode.SingleShotTime, false),
        false);
    return true;
  }

  private static void keepBetter(Map<String, RunResult> into, Map<String, RunResult> again, boolean higherIsBetter) {
    again.forEach((key, r) -> {
      double was = score(into.get(key));
      double now = score(r);
      if (Double.isNaN(was) || !Double.isNaN(now) && (higherIsBetter ? now > was : now < was)) {
        into.put(key, r);
      }
    });
  }

  /**
   * Decodes every subject's bodies and the reference's in turn for a while before JMH starts, so the JIT compiles
   * the shared paths (framers, JSON parser, the fold) with every decoder in the profile: otherwise the first
   * subjects are measured against a colder JIT than the later ones and their references.
   */
  private static void preWarm(List<PerformanceSubject> subjects, Settings settings) {
    long until = System.nanoTime() + settings.iterationTime().toNanos() * (3 + subjects.size());
    long sink = 0;
    ReferenceProvider reference = new ReferenceProvider();
    while (System.nanoTime() < until) {
      for (PerformanceSubject s : subjects) {
        if (s.body() != null) {
          sink += OfflineDecode.whole(s.provider(), s.request(), s.body());
          sink += OfflineDecode.whole(reference, PerformanceSubject.REFERENCE_REQUEST, s.referenceBody());
        }
      }
    }
    if (sink == 42) {
      System.out.print("");
    }
  }

  private static String key(int index) {
    return "s" + index;
  }

  private static Map<String, RunResult> run(Class<?> benchmark, String method, List<String> keys, Settings s,
      Mode mode, boolean gc) {
    Map<String, RunResult> out = new LinkedHashMap<>();
    if (keys.isEmpty()) {
      return out;
    }
    ChainedOptionsBuilder o = new OptionsBuilder()
        .include("^" + java.util.regex.Pattern.quote(benchmark.getName() + "." + method) + "$")
        .param("key", keys.toArray(String[]::new))
        .forks(0).threads(1).mode(mode).shouldFailOnError(false).verbosity(VerboseMode.SILENT)
        .warmupIterations(s.warmupIterations()).measurementIterations(mode == Mode.SingleShotTime
            ? s.firstEventShots() : s.iterations())
        .timeUnit(mode == Mode.Throughput ? TimeUnit.SECONDS : TimeUnit.MILLISECONDS);
    if (mode != Mode.SingleShotTime) {
      o = o.warmupTime(TimeValue.milliseconds(s.iterationTime().toMillis()))
          .measurementTime(TimeValue.milliseconds(s.iterationTime().toMillis()));
    }
    if (gc) {
      o = o.addProfiler(GCProfiler.class);
    }
    // The ratios compare runs of this process with each other, so another JMH process (JMH's global /tmp lock)
    // slows both sides alike: measure anyway rather than refuse.
    if (System.getProperty("jmh.ignoreLock") == null) {
      System.setProperty("jmh.ignoreLock", "true");
    }
    try {
      Collection<RunResult> results = new Runner(o.build()).run();
      for (RunResult r : results) {
        String key = r.getParams().getParam("key");
        String size = r.getParams().getParam("size");
        out.put(size == null ? key : key + "@" + size, r);
      }
    } catch (RunnerException e) {
      throw new IllegalStateException("JMH failed: " + e.getMessage(), e);
    }
    return out;
  }

  /**
   * The best iteration's score (highest throughput, lowest time): noise from other processes only ever makes an
   * iteration slower, so the best one is the steadiest estimate of what the code costs.
   */
  private static double score(RunResult r) {
    if (r == null || r.getPrimaryResult() == null) {
      return Double.NaN;
    }
    boolean higherIsBetter = r.getParams().getMode() == Mode.Throughput;
    double best = Double.NaN;
    for (BenchmarkResult b : r.getBenchmarkResults()) {
      for (IterationResult i : b.getIterationResults()) {
        double v = i.getPrimaryResult().getScore();
        if (!Double.isNaN(v) && (Double.isNaN(best) || (higherIsBetter ? v > best : v < best))) {
          best = v;
        }
      }
    }
    return Double.isNaN(best) ? r.getPrimaryResult().getScore() : best;
  }

  private static double secondary(RunResult r, String name) {
    if (r == null) {
      return Double.NaN;
    }
    Result<?> res = r.getSecondaryResults().get(name);
    return res == null ? Double.NaN : res.getScore();
  }

  private static Measurement unavailable(PerformanceSubject s, String rule) {
    return new Measurement(RuleId.parse(rule), RuleStatus.SKIPPED_NOT_APPLICABLE, Double.NaN, Double.NaN,
        Double.NaN, Double.NaN, "", s.unavailable().getOrDefault(rule, "nothing to measure"));
  }

  private static Measurement failed(String rule, String why) {
    return new Measurement(RuleId.parse(rule), RuleStatus.FAIL, Double.NaN, Double.NaN, Double.NaN, Double.NaN, "",
        why);
  }

  static Measurement throughput(PerformanceSubject s, String key, Map<String, RunResult> decode) {
    if (s.body() == null) {
      return unavailable(s, "P5.1");
    }
    double plugin = score(decode.get(key)) * s.body().length / 1e6;
    double reference = score(decode.get(key + REFERENCE_SUFFIX)) * s.referenceBody().length / 1e6;
    if (Double.isNaN(plugin) || Double.isNaN(reference)) {
      return failed("P5.1", "the decode benchmark failed (the plugin threw while decoding its own repeated golden?)");
    }
    double ratio = plugin / reference;
    RuleStatus status = ratio >= MIN_THROUGHPUT_RATIO ? RuleStatus.PASS
        : ratio < REGRESSION_THROUGHPUT_RATIO ? RuleStatus.FAIL : RuleStatus.STOCHASTIC_MISS;
    return new Measurement(RuleId.parse("P5.1"), status, ratio, MIN_THROUGHPUT_RATIO, plugin, reference, "MB/s",
        String.format(Locale.ROOT, "%.1f MB/s vs the reference's %.1f MB/s: %.2fx (at least %.2fx; below %.2fx "
            + "fails), %d-chunk bodies", plugin, reference, ratio, MIN_THROUGHPUT_RATIO, REGRESSION_THROUGHPUT_RATIO,
            s.chunks()));
  }

  static Measurement allocation(PerformanceSubject s, String key, Map<String, RunResult> decode) {
    if (s.body() == null) {
      return unavailable(s, "P5.2");
    }
    double plugin = secondary(decode.get(key), "gc.alloc.rate.norm") / Math.max(1, s.chunks());
    double reference = secondary(decode.get(key + REFERENCE_SUFFIX), "gc.alloc.rate.norm")
        / Math.max(1, s.referenceChunks());
    if (Double.isNaN(plugin) || Double.isNaN(reference)) {
      return failed("P5.2", "JMH's GC profiler gave no gc.alloc.rate.norm (the decode benchmark failed?)");
    }
    double budget = MAX_ALLOCATION_RATIO * reference + ALLOCATION_SLACK_BYTES;
    double ratio = reference > 0 ? plugin / reference : 0;
    return new Measurement(RuleId.parse("P5.2"), plugin <= budget ? RuleStatus.PASS : RuleStatus.FAIL, ratio,
        budget / Math.max(reference, 1), plugin, reference, "B/chunk",
        String.format(Locale.ROOT, "%.0f B per chunk vs the reference's %.0f: %.2fx (budget %.0f B = %.0fx + %d)",
            plugin, reference, ratio, budget, MAX_ALLOCATION_RATIO, ALLOCATION_SLACK_BYTES));
  }

  static Measurement linearity(PerformanceSubject s, String key, Map<String, RunResult> drip) {
    if (s.hugeN() == null) {
      return unavailable(s, "P5.3");
    }
    double n = score(drip.get(key + "@N"));
    double n4 = score(drip.get(key + "@4N"));
    if (Double.isNaN(n) || Double.isNaN(n4)) {
      return failed("P5.3", "the drip benchmark failed (the plugin threw on a huge delta?)");
    }
    double ratio = n4 / n;
    RuleStatus status = ratio <= MAX_LINEARITY_RATIO ? RuleStatus.PASS
        : ratio > REGRESSION_LINEARITY_RATIO ? RuleStatus.FAIL : RuleStatus.STOCHASTIC_MISS;
    return new Measurement(RuleId.parse("P5.3"), status, ratio, MAX_LINEARITY_RATIO, n4, n, "ms",
        String.format(Locale.ROOT, "%,d chars dripped in %.2f ms, %,d in %.2f ms: %.2fx (at most %.1fx, linear ~4x; "
            + "above %.0fx fails)", s.hugeChars(), n, 4 * s.hugeChars(), n4, ratio, MAX_LINEARITY_RATIO,
            REGRESSION_LINEARITY_RATIO));
  }

  static Measurement firstEvent(PerformanceSubject s, String key, Map<String, RunResult> first,
      double reference) {
    if (s.firstEvent() == null) {
      return unavailable(s, "P5.4");
    }
    double plugin = score(first.get(key));
    if (Double.isNaN(plugin)) {
      return failed("P5.4", "no first chunk within " + FirstEventBenchmark.LIMIT_MILLIS + " ms while the server "
          + "stalled after the event carrying it: something waits for more bytes");
    }
    double limit = Math.max(MAX_FIRST_EVENT_RATIO * reference, FIRST_EVENT_FLOOR_MILLIS);
    double regression = Math.max(REGRESSION_FIRST_EVENT_RATIO * reference, REGRESSION_FIRST_EVENT_FLOOR_MILLIS);
    double ratio = plugin / reference;
    RuleStatus status = plugin <= limit ? RuleStatus.PASS
        : plugin > regression ? RuleStatus.FAIL : RuleStatus.STOCHASTIC_MISS;
    return new Measurement(RuleId.parse("P5.4"), status, ratio, limit / reference, plugin, reference, "ms",
        String.format(Locale.ROOT, "first chunk after %.1f ms vs the reference's %.1f ms: %.2fx (at most %.0f ms; "
            + "above %.0f ms fails)", plugin, reference, ratio, limit, regression));
  }

  /** The measurements of one plugin as rule results. */
  public static List<RuleResult> ruleResults(String providerId, List<Measurement> measurements) {
    List<RuleResult> out = new ArrayList<>();
    for (Measurement m : measurements) {
      out.add(m.toRuleResult(providerId, Duration.ZERO));
    }
    return out;
  }

  /** Builds the subjects of these providers (options by provider id). */
  public static List<PerformanceSubject> subjects(List<StreamingProvider> providers,
      Map<String, Map<String, String>> options, Settings settings) {
    List<PerformanceSubject> out = new ArrayList<>();
    for (StreamingProvider p : providers) {
      out.add(PerformanceSubject.of(p, options.getOrDefault(p.info().id(), Map.of()), settings.hugeChars()));
    }
    return out;
  }
}
