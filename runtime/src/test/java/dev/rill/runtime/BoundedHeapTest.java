package dev.rill.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Memory is bounded on every path, by default: a child JVM with a small heap, a subscriber that discards every
 * chunk and a server that never stops (text, or ever new choice indices) ends with the limit's typed error, not an
 * {@link OutOfMemoryError} on the I/O thread and no signal at all (which is what happened at about 31 MiB of text
 * under {@code -Xmx128m}, and after 13 MB of choices under {@code -Xmx64m}).
 */
class BoundedHeapTest {

  @ParameterizedTest
  @CsvSource({
      "text, basic, 128m, FOLD_CHARS",
      "text, enhanced, 128m, FOLD_CHARS",
      "choices, basic, 64m, CHOICES"})
  void aRunawayStreamEndsWithItsLimitNotAnOutOfMemoryError(String what, String mode, String heap, String limit)
      throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> cmd = new ArrayList<>(List.of(java, "-Xmx" + heap, "-XX:+UseSerialGC",
        "-cp", System.getProperty("java.class.path"), BoundedHeapMain.class.getName(), what, mode));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.PIPE).start();
    byte[] out = p.getInputStream().readAllBytes();
    assertThat(p.waitFor(150, TimeUnit.SECONDS)).isTrue();
    String text = new String(out, StandardCharsets.UTF_8);
    assertThat(text).as("child output").contains("OUTCOME LIMIT_EXCEEDED " + limit).doesNotContain("OOM");
    assertThat(p.exitValue()).isZero();
  }
}
