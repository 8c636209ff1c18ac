package dev.rill.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;

/**
 * Runs {@code rill providers --json} in a child JVM on the module path, so plugins are found through their
 * module-info {@code provides} clauses rather than {@code META-INF/services} on the class path.
 *
 * <p>The module path is this test's class path minus what only the tests need: the test classes directory and
 * the test frameworks' jars (JUnit, AssertJ, opentest4j, apiguardian, Byte Buddy, Surefire), so the child
 * sees the modules a user of the cli gets. (Tried with them in: nothing broke, since no module requires them and
 * they are not resolved; but the test classes directory would be an automatic module splitting the package
 * {@code dev.rill.cli} with the cli's own classes if anything resolved it.)
 */
class ModulePathTest {
  private static final List<String> TEST_ONLY = List.of(
      "junit", "assertj", "opentest4j", "apiguardian", "byte-buddy", "surefire", "test-classes");

  @Test
  void providersAreDiscoveredOnTheModulePath() throws IOException, InterruptedException {
    Child child = runOnModulePath("providers", "--json");

    assertThat(child.exit()).as(child.toString()).isZero();
    List<Map<String, Object>> lines = JsonObjects.lines(child.out());
    assertThat(lines).extracting(l -> l.get("id")).contains("openai", "anthropic", "gemini", "ollama", "cohere");
    assertThat(lines).noneMatch(l -> "problem".equals(l.get("type")));
    assertThat(child.err()).as("nothing on stderr (no SLF4J warning, no discovery warning)").isEmpty();
  }

  /** The whole stack (HttpClient 5 included) works as modules: the demo streams over loopback HTTP. */
  @Test
  void demoStreamsOnTheModulePath() throws IOException, InterruptedException {
    Child child = runOnModulePath("demo", "--json", "--speed", "50");

    assertThat(child.exit()).as(child.toString()).isZero();
    List<Map<String, Object>> lines = JsonObjects.lines(child.out());
    assertThat(lines.get(lines.size() - 1)).containsEntry("type", "summary").containsEntry("matchesGolden", true);
    assertThat(child.err()).doesNotContain("SLF4J").doesNotContain("Exception");
  }

  /**
   * Enhanced mode as modules: the runtime attaches chunk metadata through {@code dev.rill.api.internal}, which the api
   * exports to {@code dev.rill.runtime} alone, so a missing or wrong qualified export fails here (and only on the
   * module path).
   */
  @Test
  void enhancedDemoStampsMetadataOnTheModulePath() throws IOException, InterruptedException {
    Child child = runOnModulePath("demo", "--enhanced", "--json", "--speed", "50");

    assertThat(child.exit()).as(child.toString()).isZero();
    List<Map<String, Object>> lines = JsonObjects.lines(child.out());
    assertThat(lines.subList(0, lines.size() - 1)).isNotEmpty().allSatisfy(chunk -> assertThat(chunk.get("metadata"))
        .as(child.toString()).asInstanceOf(InstanceOfAssertFactories.MAP).containsKeys("index", "sizeBytes"));
    assertThat(lines.get(lines.size() - 1)).containsEntry("matchesGolden", true);
    assertThat(child.err()).doesNotContain("Exception").doesNotContain("IllegalAccess");
  }

  private record Child(int exit, String out, String err) {
    @Override
    public String toString() {
      return "exit " + exit + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
    }
  }

  private static List<String> modulePath() {
    List<String> modulePath = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      if (entry.isBlank() || !Files.exists(Path.of(entry))) {
        continue;
      }
      String lower = entry.toLowerCase(Locale.ROOT);
      if (TEST_ONLY.stream().noneMatch(lower::contains)) {
        modulePath.add(entry);
      }
    }
    assertThat(modulePath).as("the cli's own classes").anyMatch(e -> Path.of(e).endsWith(Path.of("target", "classes")));
    assertThat(modulePath).as("the openai plugin").anyMatch(e -> e.contains("rill-provider-openai"));
    return modulePath;
  }

  private static Child runOnModulePath(String... args) throws IOException, InterruptedException {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    List<String> command = new ArrayList<>(List.of(java.toString(),
        "--module-path", String.join(File.pathSeparator, modulePath()),
        "--module", "dev.rill.cli/dev.rill.cli.RillCommand"));
    command.addAll(List.of(args));
    Path stderr = Files.createTempFile("rill-module-path", ".err");
    try {
      Process process = new ProcessBuilder(command).redirectError(stderr.toFile()).start();
      byte[] out = process.getInputStream().readAllBytes();
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError("the child JVM did not finish within 60 s: " + command);
      }
      return new Child(process.exitValue(), new String(out, StandardCharsets.UTF_8), Files.readString(stderr));
    } finally {
      Files.deleteIfExists(stderr);
    }
  }
}
