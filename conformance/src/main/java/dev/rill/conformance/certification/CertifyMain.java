package dev.rill.conformance.certification;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The certification runner's command line, which {@code rill certify} runs in a child JVM on the kit's class path
 * plus the cli's (so every plugin the cli sees is discovered):
 *
 * <pre>
 * java -cp ... dev.rill.conformance.certification.CertifyMain [--provider ID]... [--jar PATH]... [--exclude ID]...
 *     [--report DIR] [--json] [--quick] [--no-performance]
 * </pre>
 *
 * Progress goes to standard error; the per-rule table (or, with {@code --json}, {@code certification.json}) to
 * standard output. Exit status: 0 when every applicable required rule of every provider passed, 1 when one failed,
 * 2 for a usage error (an unknown provider, a jar without plugins, a bad option).
 */
public final class CertifyMain {
  private CertifyMain() {}

  /** Runs and exits with the status. */
  public static void main(String[] args) {
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
    System.exit(run(args, out, err));
  }

  /** Runs; returns the exit status. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    Certifier.Builder b = Certifier.builder();
    Path report = Path.of("target", "certification");
    boolean json = false;
    List<String> excluded = new ArrayList<>();
    try {
      for (int i = 0; i < args.length; i++) {
        String a = args[i];
        switch (a) {
          case "--provider" -> b.provider(value(args, ++i, a));
          case "--jar" -> b.jar(Path.of(value(args, ++i, a)));
          case "--exclude" -> excluded.add(value(args, ++i, a));
          case "--report" -> report = Path.of(value(args, ++i, a));
          case "--json" -> json = true;
          case "--quick" -> b.quick(true);
          case "--no-performance" -> b.performance(false);
          default -> throw new IllegalArgumentException("unknown option " + a);
        }
      }
    } catch (IllegalArgumentException e) {
      err.println("rill certify: " + e.getMessage());
      return 2;
    }
    excluded.forEach(b::exclude);
    CertificationReport r;
    try {
      r = b.progress(err::println).build().run();
    } catch (Certifier.UnknownProviderException e) {
      err.println("rill certify: " + e.getMessage());
      return 2;
    }
    try {
      r.write(report);
    } catch (IOException e) {
      err.println("rill certify: cannot write the reports to " + report + ": " + e.getMessage());
      return 2;
    }
    if (json) {
      out.print(r.toJson());
    } else {
      out.print(r.toTable());
      out.println("reports: " + report.resolve(CertificationReport.JSON).toAbsolutePath() + ", "
          + report.resolve(CertificationReport.HTML).toAbsolutePath());
    }
    out.flush();
    return r.certified() ? 0 : 1;
  }

  private static String value(String[] args, int i, String option) {
    if (i >= args.length || args[i].startsWith("--")) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return args[i];
  }
}
