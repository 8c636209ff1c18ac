package dev.rill.cli;

import java.io.BufferedReader;
import java.io.File;
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
 * {@code rill certify}: runs the conformance kit's certification runner
 * ({@code dev.rill.conformance.certification.CertifyMain}) on the discovered plugins, in a child JVM on the
 * conformance module's class path followed by this command's own (so every plugin the cli sees is certified, and jars
 * given with {@code --jar} are loaded in a child class loader). The kit is not a dependency of the cli: its Reactive
 * Streams TCK jars split a package, which the cli's module path cannot hold. Build it first with
 * {@code ./mvnw -B -q -DskipTests -pl conformance -am install} (the full build does).
 */
@Command(
    mixinStandardHelpOptions = true,
    versionProvider = CliVersion.class,
    name = "certify",
    header = "Certify provider plugins with the conformance kit: every rule, a per-rule table and a report.",
    description = "Runs every rule of the conformance kit (docs/conformance-rules.md) for the discovered plugins:"
        + " from the class path, or from the jars given with --jar (then only theirs, unless --provider names others),"
        + " with the performance rules measured by JMH against the kit's reference decoder in the same run. Prints a"
        + " per-rule table (PASS, FAIL, SKIPPED with the reason) and writes certification.json and"
        + " certification.html. Exit 0 only if every applicable required rule of every provider passed.")
final class CertifyCommand implements Callable<Integer> {
  private static final String MAIN = "dev.rill.conformance.certification.CertifyMain";

  @Spec
  private CommandSpec spec;

  @Option(names = "--provider", paramLabel = "ID", description = "Certify this provider (repeatable). Default: every"
      + " provider of the --jar jars, or every discovered provider.")
  private List<String> providers = new ArrayList<>();

  @Option(names = "--jar", paramLabel = "PATH", description = "Also load plugins from this jar (repeatable).")
  private List<Path> jars = new ArrayList<>();

  @Option(names = "--exclude", paramLabel = "ID", description = "Leave this provider out (repeatable).")
  private List<String> excluded = new ArrayList<>();

  @Option(names = "--report", paramLabel = "DIR", description = "Where to write certification.json and"
      + " certification.html (default: target/certification).")
  private Path report = Path.of("target", "certification");

  @Option(names = "--json", description = "Print certification.json instead of the table.")
  private boolean json;

  @Option(names = "--quick", description = "Short JMH runs and fewer property tries: a CI smoke run.")
  private boolean quick;

  @Option(names = "--conformance", paramLabel = "DIR", description = "The conformance module (default: found from"
      + " the working directory or the cli jar).")
  private Path conformance;

  @Override
  public Integer call() throws IOException, InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Path module = conformance != null ? conformance : locate();
    Path classes = module == null ? null : module.resolve("target/classes");
    Path classpath = module == null ? null : module.resolve("target/rill-conformance.classpath");
    if (module == null || !Files.isRegularFile(classes.resolve("META-INF/BenchmarkList"))
        || !Files.isRegularFile(classpath)) {
      err.println("rill certify: the conformance module is not built"
          + (module == null ? " (not found; pass --conformance DIR)" : " in " + module)
          + "; build it with: ./mvnw -B -q -DskipTests -pl conformance -am install");
      err.flush();
      return RillCommand.USAGE_ERROR;
    }
    for (Path jar : jars) {
      if (!Files.isRegularFile(jar)) {
        err.println("rill certify: no jar at " + jar);
        err.flush();
        return RillCommand.USAGE_ERROR;
      }
    }
    Path kit = classes;
    try (var jarsInTarget = Files.list(module.resolve("target"))) {
      kit = jarsInTarget.filter(f -> f.getFileName().toString().matches("rill-conformance-[^-]+(-SNAPSHOT)?\\.jar"))
          .findFirst().orElse(classes);
    }
    String cp = kit + File.pathSeparator + Files.readString(classpath).strip() + File.pathSeparator
        + System.getProperty("java.class.path", "");
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-XX:+UseParallelGC", "-cp", cp, MAIN, "--report", report.toAbsolutePath().toString()));
    providers.forEach(p -> cmd.addAll(List.of("--provider", p)));
    jars.forEach(j -> cmd.addAll(List.of("--jar", j.toAbsolutePath().toString())));
    excluded.forEach(e -> cmd.addAll(List.of("--exclude", e)));
    if (json) {
      cmd.add("--json");
    }
    if (quick) {
      cmd.add("--quick");
    }
    Process p = new ProcessBuilder(cmd).start();
    Thread progress = new Thread(() -> copy(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8), err),
        "rill-certify-progress");
    progress.start();
    copy(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8), out);
    int exit = p.waitFor();
    progress.join();
    return exit;
  }

  private static void copy(InputStreamReader in, PrintWriter to) {
    try (BufferedReader r = new BufferedReader(in)) {
      for (String line; (line = r.readLine()) != null; ) {
        synchronized (to) {
          to.println(line);
          to.flush();
        }
      }
    } catch (IOException e) {
      to.println("rill certify: " + e.getMessage());
    }
  }

  /** The conformance module: under the working directory, else beside the cli module this jar was built in. */
  private static Path locate() {
    Path cwd = Path.of("").toAbsolutePath();
    for (Path dir = cwd; dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("conformance/pom.xml"))) {
        return dir.resolve("conformance");
      }
    }
    try {
      Path jar = Path.of(CertifyCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      for (Path dir = jar.getParent(); dir != null; dir = dir.getParent()) {
        if (Files.isRegularFile(dir.resolve("conformance/pom.xml"))) {
          return dir.resolve("conformance");
        }
      }
    } catch (URISyntaxException | SecurityException | NullPointerException e) {
      // no code source: only the working directory counts
    }
    return null;
  }
}
