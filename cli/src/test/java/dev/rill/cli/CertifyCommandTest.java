package dev.rill.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code rill certify} end to end: the certification runner in its child JVM on the conformance module's class path
 * and this one's (so the plugins on the cli's class path are discovered). Needs the conformance module built.
 */
class CertifyCommandTest {

  @BeforeAll
  static void conformanceBuilt() {
    Path module = Path.of("").toAbsolutePath().getParent().resolve("conformance");
    if (!Files.isRegularFile(module.resolve("target/rill-conformance.classpath"))) {
      Assumptions.abort("the conformance module is not built (./mvnw -pl conformance install)");
    }
  }

  @Test
  void certifiesOnePluginWithATableAndBothReports(@TempDir Path dir) throws Exception {
    CliRun run = CliRun.run("certify", "--provider", "cohere", "--quick", "--report", dir.toString());

    assertThat(run.exit()).as(run.toString()).isZero();
    assertThat(run.err()).contains("[1/1] cohere").contains("performance: P5.1/P5.2");
    assertThat(run.out()).contains("CERTIFIED  cohere").contains("PASS      L4.10").contains("P5.1")
        .contains("1 of 1 provider(s) certified");
    assertThat(Files.readString(dir.resolve("certification.json"))).contains("\"id\": \"cohere\"",
        "\"certified\": true");
    assertThat(Files.readString(dir.resolve("certification.html"))).contains("<svg").contains("cohere");
  }

  @Test
  void anUnknownProviderIsAUsageError(@TempDir Path dir) {
    CliRun run = CliRun.run("certify", "--provider", "no-such-provider", "--report", dir.toString());
    assertThat(run.exit()).as(run.toString()).isEqualTo(RillCommand.USAGE_ERROR);
    assertThat(run.err()).contains("no provider 'no-such-provider'");
  }
}
