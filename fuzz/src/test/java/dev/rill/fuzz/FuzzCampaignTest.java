package dev.rill.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Runs the fuzz targets in Jazzer's fuzzing mode in child JVMs ({@link FuzzRun}: libFuzzer takes one target per
 * process), with coverage instrumentation of {@code dev.rill.api}, {@code dev.rill.framing} and
 * {@code dev.rill.provider}, and checks that they ran their executions without a finding. The normal build fuzzes
 * {@link AllTargets}, every target behind one, in a single JVM ({@code rill.fuzz.runs}, default 2,000 executions per
 * target, capped at {@code rill.fuzz.seconds} per target, default 2 s: about half a minute in all); the {@code fuzz}
 * profile ({@code ./mvnw -Pfuzz -pl fuzz -am verify}, {@code rill.fuzz.each=true}) runs each target in its own JVM
 * for 1,000,000 executions and requires all of them. Each child runs with a 512 MiB heap and a 10 s per-input
 * timeout, so an unbounded allocation or a hang is a finding.
 *
 * <p>Writes {@code target/fuzz/report.md} (executions, time, coverage, findings per target) and each target's
 * libFuzzer log under {@code target/fuzz/}; a finding's input is saved in {@code target/fuzz/findings/<target>/}.
 * Set {@code rill.fuzz.targets} to a comma-separated list of target names to run only those.
 */
class FuzzCampaignTest {
  /** Every target: the test class and its {@code @FuzzTest} method. */
  static final List<String[]> TARGETS = List.of(
      new String[] {"FramerFuzzTest", "sse"},
      new String[] {"FramerFuzzTest", "ndjson"},
      new String[] {"FramerFuzzTest", "eventStream"},
      new String[] {"FramerFuzzTest", "jsonArray"},
      new String[] {"DecoderFuzzTest", "openAiChat"},
      new String[] {"DecoderFuzzTest", "anthropicMessages"},
      new String[] {"DecoderFuzzTest", "gemini"},
      new String[] {"DecoderFuzzTest", "ollama"},
      new String[] {"DecoderFuzzTest", "cohere"},
      new String[] {"DecoderFuzzTest", "bedrock"},
      new String[] {"DecoderFuzzTest", "openAiResponses"});

  static final Pattern DONE = Pattern.compile("Done (\\d+) runs in (\\d+) second");
  static final Pattern COV = Pattern.compile("#(\\d+)\\s+\\S+\\s+cov: (\\d+) ft: (\\d+) corp: (\\d+)/");
  static final Pattern STAT = Pattern.compile("stat::(\\w+):\\s+(\\d+)");

  /** One target's figures. */
  record Figures(String target, long runs, double seconds, long cov, long features, long corpus, long peakRssMb,
      boolean finding, int exit) {
    String row() {
      return String.format(Locale.ROOT, "| `%s` | %,d | %.0f s | %,.0f | %d | %d | %d | %s |", target, runs, seconds,
          seconds > 0 ? runs / seconds : 0.0, cov, features, corpus, finding ? "**yes**" : "0");
    }
  }

  @Test
  void everyTargetRunsItsExecutionsWithoutAFinding() throws Exception {
    long runs = Long.getLong("rill.fuzz.runs", 2_000);
    long seconds = Long.getLong("rill.fuzz.seconds", 2);
    boolean requireAll = Boolean.getBoolean("rill.fuzz.require-all-runs");
    boolean each = Boolean.getBoolean("rill.fuzz.each");
    String only = System.getProperty("rill.fuzz.targets", "");
    Path out = Files.createDirectories(Path.of("target", "fuzz").toAbsolutePath());

    List<Figures> all = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    List<String[]> targets = each || !only.isBlank() ? TARGETS : List.<String[]>of(new String[] {"AllTargets", "all"});
    int per = each || !only.isBlank() ? 1 : AllTargets.TARGETS.size();
    for (String[] t : targets) {
      String name = t[0].replace("FuzzTest", "").replace("AllTargets", "All") + "." + t[1];
      if (!only.isBlank() && List.of(only.split(",")).stream().noneMatch(name::endsWith)) {
        continue;
      }
      Figures f = run(out, t[0], t[1], name, runs * per, seconds * per);
      all.add(f);
      if (f.exit() != 0 || f.finding()) {
        problems.add(name + ": exit " + f.exit() + (f.finding() ? ", a finding" : "") + "; see " + out.resolve(name
            + ".log"));
      } else if (f.runs() < (requireAll ? runs * per : Math.min(runs * per, 500))) {
        problems.add(name + ": only " + f.runs() + " executions");
      }
    }
    StringBuilder report = new StringBuilder("| target | executions | time | exec/s | cov | ft | corpus | findings |\n"
        + "|---|---|---|---|---|---|---|---|\n");
    all.forEach(f -> report.append(f.row()).append('\n'));
    Files.writeString(out.resolve("report.md"), report, StandardCharsets.UTF_8);
    System.out.println(report);
    assertThat(all).as("targets run").isNotEmpty();
    assertThat(problems).isEmpty();
  }

  static Figures run(Path out, String testClass, String method, String name, long runs, long seconds)
      throws IOException, InterruptedException {
    Path corpus = Files.createDirectories(out.resolve("corpus").resolve(name));
    Path findings = Files.createDirectories(out.resolve("findings").resolve(name));
    Path log = out.resolve(name + ".log");
    List<String> libFuzzer = List.of("fuzzrun", corpus.toString(), "-runs=" + runs, "-max_total_time=" + seconds,
        "-timeout=10", "-max_len=" + Long.getLong("rill.fuzz.max-len", 4096), "-print_final_stats=1", "-artifact_prefix=" + findings + File.separator);
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx512m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"), "-DJAZZER_FUZZ=1",
        "-Djazzer.instrument=dev.rill.api.**,dev.rill.framing.**,dev.rill.provider.**"));
    for (int i = 0; i < libFuzzer.size(); i++) {
      command.add("-Djazzer.internal.arg." + i + "=" + libFuzzer.get(i));
    }
    command.addAll(List.of(FuzzRun.class.getName(), FuzzCampaignTest.class.getPackageName() + "." + testClass,
        method));
    long start = System.nanoTime();
    Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    if (!p.waitFor(seconds + 300, TimeUnit.SECONDS)) {
      p.destroyForcibly().waitFor();
      throw new AssertionError(name + " did not finish in " + (seconds + 300) + " s; see " + log);
    }
    double wall = (System.nanoTime() - start) / 1e9;
    String text = Files.readString(log, StandardCharsets.UTF_8);
    long done = 0;
    double secs = 0;
    Matcher d = DONE.matcher(text);
    while (d.find()) {
      done = Long.parseLong(d.group(1));
      secs = Long.parseLong(d.group(2));
    }
    long cov = 0;
    long ft = 0;
    long corp = 0;
    Matcher c = COV.matcher(text);
    while (c.find()) {
      cov = Long.parseLong(c.group(2));
      ft = Long.parseLong(c.group(3));
      corp = Long.parseLong(c.group(4));
    }
    long rss = 0;
    Matcher s = STAT.matcher(text);
    while (s.find()) {
      if (s.group(1).equals("number_of_executed_units")) {
        done = Math.max(done, Long.parseLong(s.group(2)));
      } else if (s.group(1).equals("peak_rss_mb")) {
        rss = Long.parseLong(s.group(2));
      }
    }
    boolean finding = text.contains("== Java Exception") || text.contains("FuzzTestFindingException")
        || text.contains("Test unit written to");
    try (Stream<Path> saved = Files.list(findings)) {
      finding |= saved.findAny().isPresent();
    }
    return new Figures(name, done, secs > 0 ? secs : wall, cov, ft, corp, rss, finding, p.exitValue());
  }
}
