package dev.rill.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rill.api.ErrorKind;
import dev.rill.api.RillException;
import dev.rill.testkit.golden.Golden;
import dev.rill.testkit.golden.GoldenTranscripts;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code rill demo --fault KIND}: each fault replayed over loopback HTTP through the enhanced pipeline ends in
 * the outcome its scenario expects, said in plain words, with exit 0; {@code --json} ends with an outcome object.
 */
class DemoFaultTest {
  private static final Golden TEXT = GoldenTranscripts.load("openai", "text-usage");

  static CliRun fault(String kind, String... more) {
    String[] args = new String[4 + more.length];
    args[0] = "demo";
    args[1] = "--fault";
    args[2] = kind;
    args[3] = "--speed=50";
    System.arraycopy(more, 0, args, 4, more.length);
    CliRun run = CliRun.run(args);
    assertThat(run.exit()).as(run.toString()).isZero();
    return run;
  }

  @Test
  void stallTimesOutInTheIdlePhaseAndKeepsThePartial() {
    CliRun run = fault("stall");
    assertThat(run.out()).contains("idle timeout 1000 ms")
        .contains("timed out after 1000 ms without a wire event (phase IDLE)")
        .contains("did not retry: output had already reached the caller")
        .containsPattern("outcome\\s+failed: TIMEOUT \\(phase IDLE\\), partial kept: \\d+ chars of text in \\d+ chunks")
        .contains("partial        \"The sky looks blue")
        .contains("verdict        as expected");
  }

  @Test
  void disconnectIsStreamInterruptedWithThePartial() {
    CliRun run = fault("disconnect");
    assertThat(run.out()).contains("closes the connection in the middle of the body")
        .containsPattern("outcome\\s+failed: STREAM_INTERRUPTED, partial kept: \\d+ chars")
        .contains("verdict        as expected");
  }

  @Test
  void rateLimitIsRetriedAfterRetryAfterAndRecovers() {
    CliRun run = fault("rate-limit");
    assertThat(run.out())
        .contains("[retry] attempt 1 to openai:gpt-4o-mini failed: RATE_LIMITED (HTTP 429, Retry-After 1000 ms);"
            + " attempt 2 in 1000 ms (as the server's Retry-After asked)")
        .contains("retried after 1000 ms (the server's Retry-After)")
        .contains("recovered: the response from openai / gpt-4o-mini-2024-07-18 after 2 attempts")
        .containsPattern("timing\\s+first chunk [0-9.]+ m?s, duration [0-9.]+ m?s, [0-9.]+ chunks/s, 2 attempts")
        .contains("verdict        as expected");
    // The listener's line comes before the first token.
    assertThat(run.out().indexOf("[retry]")).isLessThan(run.out().indexOf("[#0 "));
  }

  @Test
  void malformedEventIsSkippedWithAWarningAndTheDefaultIsNamed() {
    CliRun run = fault("malformed");
    assertThat(run.out()).contains("SKIP (the default is FAIL")
        .contains("[warning] skipped malformed event #1 (policy SKIP)")
        .contains("skipped 1 malformed event and went on")
        .contains("recovered: the response from openai")
        .containsPattern("warnings\\s+skipped malformed event #1")
        .contains("verdict        as expected");
  }

  @Test
  void truncateIsTruncatedWithThePartial() {
    CliRun run = fault("truncate");
    assertThat(run.out()).contains("without the protocol's terminator")
        .containsPattern("outcome\\s+failed: TRUNCATED, partial kept: \\d+ chars")
        .contains("verdict        as expected");
  }

  @Test
  void overloadedFallsBackToTheSecondProvider() {
    CliRun run = fault("overloaded-fallback");
    assertThat(run.out()).contains("[retry] attempt 1 to openai:gpt-4o-mini failed: OVERLOADED (HTTP 503)")
        .contains("[fallback] openai:gpt-4o-mini failed: OVERLOADED (HTTP 503); moving on to "
            + "openai-compatible:gpt-4o-mini")
        .contains("recovered: the response from openai-compatible / gpt-4o-mini-2024-07-18 after 3 attempts")
        .contains("verdict        as expected");
  }

  @ParameterizedTest
  @CsvSource(nullValues = "-", value = {
      "stall,               false, TIMEOUT,            IDLE, 1, 0",
      "disconnect,          false, STREAM_INTERRUPTED, -,    1, 0",
      "truncate,            false, TRUNCATED,          -,    1, 0",
      "rate-limit,          true,  -,                  -,    2, 0",
      "malformed,           true,  -,                  -,    1, 1",
      "overloaded-fallback, true,  -,                  -,    3, 0"})
  void jsonEndsWithAMachineReadableOutcome(String kind, boolean recovered, String errorKind, String phase,
      long attempts, int warnings) {
    CliRun run = fault(kind, "--json");
    List<Map<String, Object>> lines = JsonObjects.lines(run.out());
    Map<String, Object> outcome = lines.get(lines.size() - 1);
    assertThat(outcome).containsEntry("type", "outcome").containsEntry("fault", kind)
        .containsEntry("asExpected", true).containsEntry("unmet", List.of())
        .containsEntry("recovered", recovered).containsEntry("kind", errorKind).containsEntry("phase", phase)
        .containsEntry("attempts", attempts);
    assertThat(outcome.get("warnings")).asInstanceOf(InstanceOfAssertFactories.LIST).hasSize(warnings);
    assertThat(outcome.get("whatHappened")).asInstanceOf(InstanceOfAssertFactories.LIST).isNotEmpty();
    List<Map<String, Object>> chunks = lines.stream().filter(l -> "chunk".equals(l.get("type"))).toList();
    assertThat(chunks).isNotEmpty().allSatisfy(c -> assertThat(c).containsKey("metadata"));
    StringBuilder streamed = new StringBuilder();
    chunks.forEach(c -> streamed.append(c.get("content")));
    if (recovered) {
      assertThat(outcome.get("partial")).isNull();
      assertThat(outcome.get("response")).asInstanceOf(InstanceOfAssertFactories.MAP)
          .containsEntry("text", streamed.toString()).containsKey("timing");
    } else {
      assertThat(outcome.get("response")).isNull();
      assertThat(outcome.get("partial")).asInstanceOf(InstanceOfAssertFactories.MAP)
          .containsEntry("text", streamed.toString())
          .containsEntry("textLength", (long) streamed.length());
      assertThat(TEXT.expect().text()).startsWith(streamed.toString()).isNotEqualTo(streamed.toString());
    }
  }

  @Test
  void jsonReportsPipelineEventsAsTheyHappen() {
    CliRun run = fault("rate-limit", "--json");
    List<Map<String, Object>> lines = JsonObjects.lines(run.out());
    assertThat(lines.get(0)).containsEntry("type", "event").containsEntry("event", "retry")
        .containsEntry("failedAttempt", 1L).containsEntry("nextAttempt", 2L).containsEntry("delayMillis", 1000L)
        .containsEntry("fromRetryAfter", true);
    assertThat(lines.get(0).get("cause")).asInstanceOf(InstanceOfAssertFactories.MAP)
        .containsEntry("kind", "RATE_LIMITED").containsEntry("httpStatus", 429L);
  }

  @Test
  void otherProvidersTranscriptsTakeFaultsToo() {
    CliRun run = fault("truncate", "--provider", "anthropic");
    assertThat(run.out()).contains("anthropic / text").contains("failed: TRUNCATED");
  }

  @Test
  void badFaultsAreUsageErrors() {
    CliRun unknown = CliRun.run("demo", "--fault", "meteor");
    assertThat(unknown.exit()).isEqualTo(2);
    assertThat(unknown.err()).contains("unknown fault 'meteor'").contains("stall, disconnect, rate-limit");

    CliRun failing = CliRun.run("demo", "--fault", "stall", "--transcript", "error-after-output");
    assertThat(failing.exit()).isEqualTo(2);
    assertThat(failing.err()).contains("needs a transcript that completes");

    CliRun family = CliRun.run("demo", "--fault", "overloaded-fallback", "--provider", "anthropic");
    assertThat(family.exit()).isEqualTo(2);
    assertThat(family.err()).contains("speaks anthropic-messages");
  }

  @Test
  void anOutcomeOtherThanTheExpectedOneIsReported() {
    DemoListener quiet = new DemoListener(null);
    RillException server = RillException.builder(ErrorKind.SERVER).message("boom").build();
    assertThat(Fault.STALL.unmet(new Fault.Outcome(TEXT, null, server, quiet)))
        .anySatisfy(u -> assertThat(u).contains("expected TIMEOUT but got SERVER"))
        .anySatisfy(u -> assertThat(u).contains("partial output to be kept"));
    assertThat(Fault.RATE_LIMIT.unmet(new Fault.Outcome(TEXT, null, server, quiet)))
        .anySatisfy(u -> assertThat(u).contains("expected a recovered response"));
    assertThat(Fault.TRUNCATE.unmet(new Fault.Outcome(TEXT, null,
        RillException.builder(ErrorKind.TRUNCATED).message("cut").build(), quiet)))
        .containsExactly("expected the partial output to be kept, but the error carries none");
  }

  @Test
  void corruptionRemovesTheLastClosingBraceOfAMiddleEvent() {
    byte[] event = "data: {\"a\":{\"b\":1}}\n\n".getBytes(StandardCharsets.UTF_8);
    assertThat(new String(Fault.corrupt(event), StandardCharsets.UTF_8)).isEqualTo("data: {\"a\":{\"b\":1}\n\n");
    List<byte[]> events = List.of(event, event, "data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
    assertThat(Fault.corruptible(events)).isEqualTo(1);
    assertThat(Fault.corruptible(List.of(event, "data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8)))).isZero();
  }
}
