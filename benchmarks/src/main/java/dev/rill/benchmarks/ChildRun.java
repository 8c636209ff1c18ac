package dev.rill.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A measurement run in a child JVM (first chunk, open streams): its exit code, the one JSON line of its result (the
 * last line starting with the expected prefix; null if none) and its whole output, for the failure message.
 */
record ChildRun(int exitCode, String json, String output) {
  /** Runs {@code command} to its end, standard error merged into its output. */
  static ChildRun of(List<String> command, String jsonPrefix) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    StringBuilder all = new StringBuilder();
    String json = null;
    try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = r.readLine()) != null; ) {
        all.append(line).append('\n');
        if (line.startsWith(jsonPrefix)) {
          json = line;
        }
      }
    }
    return new ChildRun(p.waitFor(), json, all.toString());
  }

  /** Whether the child exited 0 and printed its result. */
  boolean ok() {
    return exitCode == 0 && json != null;
  }
}
