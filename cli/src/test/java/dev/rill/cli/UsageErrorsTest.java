package dev.rill.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rill.testkit.golden.GoldenTranscripts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A usage error is one line and a pointer to the command's help, with a "did you mean" when one is close. */
class UsageErrorsTest {
  @TempDir
  Path dir;

  @Test
  void noCommandNamesEveryCommand() {
    CliRun run = CliRun.run();

    assertThat(run.exit()).isEqualTo(RillCommand.USAGE_ERROR);
    assertThat(run.err()).isEqualTo("rill: missing a command: one of demo, providers, stream, decode, bench, certify,"
        + " record, help\nsee 'rill --help'\n");
    assertThat(run.out()).isEmpty();
  }

  @Test
  void aMisspelledCommandOrOptionGetsASuggestion() {
    assertThat(CliRun.run("dmeo").err()).isEqualTo("rill: unknown command 'dmeo'; did you mean 'demo'?\n"
        + "see 'rill --help'\n");
    assertThat(CliRun.run("provider").err()).startsWith("rill: unknown command 'provider'; did you mean 'providers'?");
    assertThat(CliRun.run("zzz").err()).startsWith("rill: unknown command 'zzz'; the commands are demo, providers,");

    CliRun option = CliRun.run("demo", "--spede", "2");
    assertThat(option.exit()).isEqualTo(RillCommand.USAGE_ERROR);
    assertThat(option.err()).isEqualTo("rill demo: unknown option '--spede'; did you mean '--speed'?\n"
        + "see 'rill demo --help'\n");
  }

  @Test
  void aMisspelledProviderGetsTheClosestIds() throws IOException {
    Path body = Files.write(dir.resolve("body.sse"), "data: [DONE]\n\n".getBytes());
    for (String[] args : List.of(
        new String[] {"demo", "--provider", "anthropc"},
        new String[] {"demo", "--provider", "Anthropic"},
        new String[] {"decode", "--provider", "anthropc", body.toString()},
        new String[] {"stream", "anthropc:claude-sonnet-4-5", "Hello"},
        new String[] {"record", "--provider", "anthropc", "--model", "m", "--prompt", "p", "--out", dir.toString(),
            "x"})) {
      CliRun run = CliRun.run(args);
      assertThat(run.exit()).as(Arrays.toString(args)).isEqualTo(RillCommand.USAGE_ERROR);
      assertThat(run.err()).as(Arrays.toString(args))
          .matches("rill " + args[0] + ": unknown provider '[aA]nthrop[a-z]*'; did you mean 'anthropic'\\?\n"
              + "see 'rill " + args[0] + " --help'\n");
    }
    assertThat(CliRun.run("demo", "--provider", "gemni").err()).contains("did you mean 'gemini'?");
  }

  @Test
  void usageErrorsAreTwoLinesWithoutTheHelpOrAJavaExceptionName() throws IOException {
    for (String[] args : List.of(
        new String[] {"decode", "--provider", "openai", dir.resolve("missing.sse").toString()},
        new String[] {"decode", "--provider", "openai", dir.toString()},
        new String[] {"decode"},
        new String[] {"demo", "--speed", "fast"},
        new String[] {"demo", "--fault", "meteor"},
        new String[] {"stream", "no-provider-prefix", "Hello"},
        new String[] {"providers", "extra"})) {
      CliRun run = CliRun.run(args);
      assertThat(run.exit()).as(Arrays.toString(args)).isEqualTo(RillCommand.USAGE_ERROR);
      List<String> lines = run.err().lines().toList();
      assertThat(lines).as(run.toString()).hasSize(2);
      assertThat(lines.get(0)).startsWith("rill " + args[0] + ": ").doesNotContainPattern("[a-z]+\\.[a-z]+\\.[A-Z]\\w+")
          .doesNotContain("Exception");
      assertThat(lines.get(1)).isEqualTo("see 'rill " + args[0] + " --help'");
    }
  }

  @Test
  void decodeJsonEndsWithTheErrorAndThePartialFold() throws IOException {
    byte[] wire = GoldenTranscripts.load("openai", "text-usage").wire();
    Path file = Files.write(dir.resolve("cut.sse"), Arrays.copyOf(wire, 1200));

    CliRun run = CliRun.run("decode", "--provider", "openai", file.toString(), "--json");

    assertThat(run.exit()).as(run.toString()).isEqualTo(RillCommand.STREAM_ERROR);
    List<Map<String, Object>> lines = JsonObjects.lines(run.out());
    Map<String, Object> last = lines.get(lines.size() - 1);
    assertThat(last).containsEntry("type", "error").containsEntry("kind", "TRUNCATED");
    @SuppressWarnings("unchecked")
    Map<String, Object> partial = (Map<String, Object>) last.get("partial");
    StringBuilder streamed = new StringBuilder();
    lines.stream().filter(l -> "chunk".equals(l.get("type"))).forEach(l -> streamed.append(l.get("content")));
    assertThat(partial).containsEntry("text", streamed.toString()).containsEntry("provider", "openai")
        .containsEntry("chunks", (long) lines.size() - 1);
    assertThat(streamed.toString()).isNotEmpty();
  }

  @Test
  void suggestionsPreferCaseThenEditDistanceThenPrefixes() {
    List<String> ids = List.of("openai", "openai-compatible", "anthropic", "gemini", "vertex", "vertex-anthropic");
    assertThat(Suggestions.closest("OpenAI", ids)).containsExactly("openai");
    assertThat(Suggestions.closest("opnai", ids)).startsWith("openai");
    assertThat(Suggestions.closest("vertx", ids)).startsWith("vertex");
    assertThat(Suggestions.closest("anthropic-vertex", ids)).startsWith("anthropic");
    assertThat(Suggestions.closest("zzz", ids)).isEmpty();
    assertThat(Suggestions.distance("anthropc", "anthropic")).isEqualTo(1);
    assertThat(Suggestions.distance("dmeo", "demo")).isEqualTo(1);
    assertThat(Suggestions.hint("x", List.of("y"))).isEqualTo("; did you mean 'y'?");
    assertThat(Suggestions.hint("ab", List.of("ac", "ad"))).isEqualTo("; did you mean 'ac' or 'ad'?");
  }
}
