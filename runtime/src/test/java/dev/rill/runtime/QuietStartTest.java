package dev.rill.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rill.testkit.server.Response;
import dev.rill.testkit.server.WireServer;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A plain application that uses the runtime prints nothing on stderr: HttpClient 5 logs through SLF4J, and without
 * a provider SLF4J would print its "no providers" warning at start-up. Each case runs {@link QuietApp} in a child
 * JVM on this module's test class path (which has no SLF4J provider) against a loopback server.
 */
class QuietStartTest {
  WireServer server;
  @TempDir Path dir;

  @BeforeEach
  void start() {
    server = WireServer.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  record Run(String out, String err, int exit) {}

  Run run(List<String> jvmArgs, String extraClassPath) throws Exception {
    server.enqueue(Response.sse("data: t:quiet\n\n", "data: [DONE]\n\n"));
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String cp = System.getProperty("java.class.path");
    if (extraClassPath != null) {
      cp = extraClassPath + File.pathSeparator + cp;
    }
    List<String> cmd = new ArrayList<>(List.of(java));
    cmd.addAll(jvmArgs);
    cmd.addAll(List.of("-cp", cp, QuietApp.class.getName(), server.baseUri().toString()));
    Path out = dir.resolve("out.txt");
    Path err = dir.resolve("err.txt");
    Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("child finished").isTrue();
    return new Run(Files.readString(out), Files.readString(err), p.exitValue());
  }

  @Test
  void theTestClassPathHasNoSlf4jProviderSoTheCasesMeanSomething() {
    assertThat(Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
        .filter(e -> e.contains("logback") || e.contains("slf4j-simple") || e.contains("slf4j-nop")
            || e.contains("slf4j-jdk14") || e.contains("log4j-slf4j"))).isEmpty();
  }

  @Test
  void aPlainApplicationPrintsNothingOnStderrAndHttpClientLogsGoToSystemLogger() throws Exception {
    Run r = run(List.of(), null);
    assertThat(r.err()).as("stderr").isEmpty();
    assertThat(r.exit()).isZero();
    assertThat(r.out()).startsWith("quiet\n")
        .contains("property dev.rill.runtime.internal.logging.SystemLoggerProvider");
  }

  @Test
  void withoutTheFallbackSlf4jWarnsOnStderr() throws Exception {
    Run r = run(List.of("-Drill.slf4j.fallback=false"), null);
    assertThat(r.err()).contains("SLF4J").contains("No SLF4J providers were found");
    assertThat(r.out()).startsWith("quiet\n").contains("property null");
  }

  @Test
  void httpClientsDebugLinesReachJavaUtilLoggingWhenAskedFor() throws Exception {
    Path config = dir.resolve("logging.properties");
    Files.writeString(config, String.join("\n",
        "handlers=java.util.logging.ConsoleHandler",
        "java.util.logging.ConsoleHandler.level=ALL",
        ".level=INFO",
        "org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManager.level=FINE",
        "org.apache.hc.client5.http.headers.level=FINE", "org.apache.hc.client5.http.wire.level=FINE", ""));
    Run r = run(List.of("-Djava.util.logging.config.file=" + config), null);
    assertThat(r.err()).contains("FINE: ").contains("endpoint lease request");
    assertThat(r.err()).doesNotContain("SLF4J");
    // the header and wire loggers show credentials and bodies: the bridge never forwards them
    assertThat(r.err()).doesNotContain("Bearer").doesNotContain("Authorization").doesNotContain("t:quiet");
    assertThat(r.out()).startsWith("quiet\n");
  }

  @Test
  void anApplicationWithItsOwnProviderIsLeftAlone() throws Exception {
    // Any registered provider counts; Rill's own class serves here, registered as an application would register
    // Logback's, in a directory on the child's class path only.
    Path services = dir.resolve("app/META-INF/services");
    Files.createDirectories(services);
    Files.writeString(services.resolve("org.slf4j.spi.SLF4JServiceProvider"),
        "dev.rill.runtime.internal.logging.SystemLoggerProvider\n", StandardCharsets.UTF_8);
    Run r = run(List.of(), dir.resolve("app").toString());
    assertThat(r.out()).contains("property null"); // Rill named no provider: SLF4J found the application's
    assertThat(r.err()).as("stderr").isEmpty();
  }
}
