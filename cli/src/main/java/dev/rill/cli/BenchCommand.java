package dev.rill.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code rill bench}: runs the benchmarks module's suites ({@code dev.rill.benchmarks.BenchMain}) in a child JVM
 * on that module's class path, so the cli itself never depends on JMH or on the peers. The benchmarks must be
 * built first ({@code ./mvnw -B -q -DskipTests -pl benchmarks -am install}, with {@code -Ppeers} to include
 * openai-java and LangChain4j).
 */
@Command(
    mixinStandardHelpOptions = true,
    versionProvider = CliVersion.class,
    name = "bench",
    header = "Run the benchmarks: layer suites, Rill against the floors and the peers, with a report.",
    description = "Runs the JMH suites (SSE framer, decoders, linearity, end to end over a loopback server in its"
        + " own process), prints a table of ratios against the peers and the floors, and writes bench.json,"
        + " bench.html and SVG charts. Exit 1 when a client delivered different text; never on timing.")
final class BenchCommand implements Callable<Integer> {
  private static final String MAIN = "dev.rill.benchmarks.BenchMain";

  @Spec
  private CommandSpec spec;

  @Option(names = "--quick", description = "Short iterations (under two minutes): a smoke run, figures indicative.")
  private boolean quick;

  @Option(names = "--json", description = "Print bench.json to standard output instead of the table.")
  private boolean json;

  @Option(names = "--report", paramLabel = "DIR", description = "Where to write bench.json, bench.html and the"
      + " charts (default: target/bench).")
  private Path report;

  @Option(names = "--transports", paramLabel = "LIST", description = "The wires end to end: plain (default), or"
      + " plain plus tls (TLS 1.3, HTTP/1.1) and/or h2 (HTTP/2 over TLS), e.g. plain,tls,h2.")
  private String transports;

  @Option(names = "--clients", paramLabel = "LIST", description = "Only these clients end to end and for the first"
      + " chunk, e.g. rill,floor,floor-coalesced,openai-java,langchain4j (default: every client built).")
  private String clients;

  @Option(names = "--benchmarks", paramLabel = "DIR", description = "The benchmarks module (default: found from"
      + " the working directory or the cli jar).")
  private Path benchmarks;

  @Override
  public Integer call() throws IOException, InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Path module = benchmarks != null ? benchmarks : locate();
    Path classes = module == null ? null : module.resolve("target/classes");
    Path classpath = module == null ? null : module.resolve("target/rill-benchmarks.classpath");
    if (module == null || !Files.isRegularFile(classes.resolve("META-INF/BenchmarkList"))
        || !Files.isRegularFile(classpath)) {
      err.println("rill bench: the benchmarks module is not built"
          + (module == null ? " (not found; pass --benchmarks DIR)" : " in " + module)
          + "; build it with: ./mvnw -B -q -DskipTests -pl benchmarks -am install [-Ppeers]");
      err.flush();
      return RillCommand.USAGE_ERROR;
    }
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", classes + java.io.File.pathSeparator + Files.readString(classpath).strip(), MAIN));
    if (quick) {
      cmd.add("--quick");
    }
    if (json) {
      cmd.add("--json");
    }
    if (transports != null) {
      cmd.add("--transports");
      cmd.add(transports);
    }
    if (clients != null) {
      cmd.add("--clients");
      cmd.add(clients);
    }
    if (report != null) {
      cmd.add("--report");
      cmd.add(report.toAbsolutePath().toString());
    }
    Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = r.readLine()) != null; ) {
        out.println(line);
      }
    }
    out.flush();
    return p.waitFor();
  }

  /** The benchmarks module: under the working directory, else beside the cli module this jar was built in. */
  private static Path locate() {
    Path cwd = Path.of("").toAbsolutePath();
    for (Path dir = cwd; dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("benchmarks/pom.xml"))) {
        return dir.resolve("benchmarks");
      }
    }
    try {
      Path jar = Path.of(BenchCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      for (Path dir = jar.getParent(); dir != null; dir = dir.getParent()) {
        if (Files.isRegularFile(dir.resolve("benchmarks/pom.xml"))) {
          return dir.resolve("benchmarks");
        }
      }
    } catch (URISyntaxException | SecurityException | NullPointerException e) {
      // no code source: only the working directory counts
    }
    return null;
  }
}
