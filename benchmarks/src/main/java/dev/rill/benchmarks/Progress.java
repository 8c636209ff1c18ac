package dev.rill.benchmarks;

import java.io.PrintStream;
import java.util.Collection;
import java.util.Locale;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.format.OutputFormat;

/**
 * JMH output reduced to one progress line per benchmark (with its score when it ends); failures (a text check
 * that failed, a client that threw) are printed in full, since they are what a smoke run is for.
 */
final class Progress implements OutputFormat {
  private final PrintStream out;
  private final StringBuilder pending = new StringBuilder();
  private long started;
  private int done;
  private final int total;

  Progress(PrintStream out, int total) {
    this.out = out;
    this.total = total;
  }

  @Override
  public void startBenchmark(BenchmarkParams params) {
    started = System.nanoTime();
    StringBuilder p = new StringBuilder();
    for (String key : params.getParamsKeys()) {
      p.append(' ').append(key).append('=').append(params.getParam(key));
    }
    String name = params.getBenchmark().substring(params.getBenchmark().lastIndexOf('.', params.getBenchmark()
        .lastIndexOf('.') - 1) + 1);
    out.printf(Locale.ROOT, "  [%d/%d] %s%s ... ", ++done, total, name, p);
    out.flush();
  }

  @Override
  public void endBenchmark(BenchmarkResult result) {
    double seconds = (System.nanoTime() - started) / 1e9;
    if (result == null) {
      out.printf(Locale.ROOT, "FAILED (%.0f s)%n", seconds);
    } else {
      out.printf(Locale.ROOT, "%s %s (%.0f s)%n", SvgChart.format(result.getPrimaryResult().getScore()),
          result.getPrimaryResult().getScoreUnit(), seconds);
    }
    flushFailures();
  }

  private void flushFailures() {
    String text = pending.toString();
    pending.setLength(0);
    if (text.contains("<failure>") || text.contains("Exception")) {
      out.println("    " + text.strip().replace("\n", "\n    "));
    }
  }

  @Override public void iteration(BenchmarkParams b, IterationParams i, int n) {}
  @Override public void iterationResult(BenchmarkParams b, IterationParams i, int n, IterationResult r) {}
  @Override public void startRun() {}
  @Override public void endRun(Collection<RunResult> results) { flushFailures(); }
  @Override public void print(String s) { pending.append(s); }
  @Override public void println(String s) { pending.append(s).append('\n'); }
  @Override public void verbosePrintln(String s) {}
  @Override public void write(int b) { pending.append((char) b); }
  @Override public void write(byte[] b) { pending.append(new String(b, java.nio.charset.StandardCharsets.UTF_8)); }
  @Override public void flush() { out.flush(); }
  @Override public void close() { out.flush(); }
}
