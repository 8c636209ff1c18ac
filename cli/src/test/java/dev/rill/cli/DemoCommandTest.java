package dev.rill.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rill.testkit.golden.Golden;
import dev.rill.testkit.golden.GoldenTranscripts;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DemoCommandTest {
  private static final Golden TEXT = GoldenTranscripts.load("openai", "text-usage");

  @Test
  void demoPrintsTheGoldenTextAndASummary() {
    CliRun run = CliRun.run("demo", "--speed", "50");

    assertThat(run.exit()).as(run.toString()).isZero();
    assertThat(run.out()).contains(TEXT.expect().text());
    assertThat(run.out()).contains("> " + TEXT.prompt());
    assertThat(run.out()).containsPattern("provider\\s+openai");
    assertThat(run.out()).containsPattern("chunks\\s+\\d+");
    assertThat(run.out()).containsPattern("first chunk\\s+[0-9.]+ m?s");
    assertThat(run.out()).containsPattern("chunks/s\\s+[0-9.]+");
    assertThat(run.out()).contains("usage          input 14, output 34, total 48");
    assertThat(run.out()).contains("finish reason  STOP (raw \"stop\")");
    assertThat(run.out()).contains("matches the transcript's expectation");
  }

  @Test
  void demoJsonPrintsOneParsableObjectPerChunkThenASummary() {
    CliRun run = CliRun.run("demo", "--json", "--speed", "50");

    assertThat(run.exit()).as(run.toString()).isZero();
    List<Map<String, Object>> lines = JsonObjects.lines(run.out());
    assertThat(lines).hasSizeGreaterThan(2);
    Map<String, Object> summary = lines.get(lines.size() - 1);
    List<Map<String, Object>> chunks = lines.subList(0, lines.size() - 1);
    assertThat(chunks).allSatisfy(c -> assertThat(c).containsEntry("type", "chunk")
        .containsKeys("content", "reasoning", "toolCalls", "finishReason", "usage"));
    StringBuilder text = new StringBuilder();
    chunks.forEach(c -> text.append(c.get("content")));
    assertThat(text.toString()).isEqualTo(TEXT.expect().text());

    assertThat(summary).containsEntry("type", "summary").containsEntry("provider", "openai")
        .containsEntry("transcript", "text-usage").containsEntry("text", TEXT.expect().text())
        .containsEntry("chunks", (long) chunks.size()).containsEntry("matchesGolden", true)
        .containsEntry("finishReason", Map.of("kind", "STOP", "raw", "stop"))
        .containsKeys("timeToFirstChunkMillis", "durationMillis", "chunksPerSecond");
    assertThat(summary.get("usage")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
        .containsEntry("inputTokens", 14L).containsEntry("outputTokens", 34L);
  }

  @Test
  void demoShowsToolCallsAndExpectedErrors() {
    CliRun tools = CliRun.run("demo", "--transcript", "single-tool-call", "--speed", "50");
    assertThat(tools.exit()).as(tools.toString()).isZero();
    assertThat(tools.out()).contains("[tool call #0] get_weather").contains("TOOL_CALLS (raw \"tool_calls\")");

    CliRun error = CliRun.run("demo", "--transcript", "error-after-output", "--speed", "50");
    assertThat(error.exit()).as(error.toString()).isZero();
    assertThat(error.out()).contains("the expected SERVER error");
  }

  @Test
  void demoPlaysOtherProvidersDefaultTranscript() {
    CliRun run = CliRun.run("demo", "--provider", "anthropic", "--speed", "50");

    assertThat(run.exit()).as(run.toString()).isZero();
    assertThat(run.out()).contains("anthropic / text").contains(GoldenTranscripts.load("anthropic", "text").expect().text());
  }

  @Test
  void aProviderWithoutTranscriptsReplaysItsFamilysAsItself() {
    CliRun run = CliRun.run("demo", "--provider", "groq", "--speed", "50");

    assertThat(run.exit()).as(run.toString()).isZero();
    assertThat(run.out()).contains("rill demo: groq / text-usage").containsPattern("(?m)^provider\\s+groq$")
        .contains(GoldenTranscripts.load("openai", "text-usage").expect().text())
        .contains("matches the transcript's expectation");
  }

  @Test
  void providersThatNeedAnOptionReplayWithTheDemoDefaultOrTheGivenOne() {
    CliRun vertex = CliRun.run("demo", "--provider", "vertex", "--speed", "50");
    assertThat(vertex.exit()).as(vertex.toString()).isZero();
    assertThat(vertex.out()).contains("matches the transcript's expectation");

    CliRun blank = CliRun.run("demo", "--provider", "vertex-anthropic", "--option", "project= ", "--speed", "50");
    assertThat(blank.exit()).as(blank.toString()).isEqualTo(1);
    assertThat(blank.out()).contains("INVALID_REQUEST").contains("'project'");
  }

  @Test
  void unknownTranscriptOrProviderOrBadSpeedIsAUsageError() {
    CliRun transcript = CliRun.run("demo", "--transcript", "no-such");
    assertThat(transcript.exit()).isEqualTo(2);
    assertThat(transcript.err()).contains("no transcript 'no-such'").contains("text-usage");

    CliRun provider = CliRun.run("demo", "--provider", "nope");
    assertThat(provider.exit()).isEqualTo(2);
    assertThat(provider.err()).contains("unknown provider 'nope'").contains("'rill providers' lists the");

    assertThat(CliRun.run("demo", "--speed", "0").exit()).isEqualTo(2);
  }

  @Test
  void listNamesEveryTranscriptAndTheDefault() {
    CliRun run = CliRun.run("demo", "--list");

    assertThat(run.exit()).isZero();
    assertThat(run.out()).contains("text-usage (default)").contains("parallel-tool-calls");
  }

  @Test
  void defaultTranscriptPrefersText() {
    assertThat(DemoCommand.defaultTranscript(List.of("error", "text", "text-usage"))).isEqualTo("text");
    assertThat(DemoCommand.defaultTranscript(List.of("error", "text-usage"))).isEqualTo("text-usage");
    assertThat(DemoCommand.defaultTranscript(List.of("b", "a"))).isEqualTo("b");
  }
}
