package dev.rill.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rill.testkit.golden.Golden;
import dev.rill.testkit.golden.GoldenTranscripts;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;

/** {@code rill demo --enhanced}: chunk metadata as tokens arrive, and the pipeline's timing in the summary. */
class DemoEnhancedTest {
  private static final Golden TEXT = GoldenTranscripts.load("openai", "text-usage");
  private static final Pattern TAG = Pattern.compile("\\[#(\\d+)(?: \\+\\d+ms)? (\\d+)B]");

  @Test
  void enhancedTagsEveryChunkWithItsMetadataAndPrintsTheTiming() {
    CliRun run = CliRun.run("demo", "--enhanced", "--speed", "50");

    assertThat(run.exit()).as(run.toString()).isZero();
    assertThat(run.out()).contains("(enhanced pipeline)").contains("[#index +ms since the previous chunk, wire bytes]");
    Matcher m = TAG.matcher(run.out());
    long expected = 0;
    long bytes = 0;
    while (m.find()) {
      assertThat(Long.parseLong(m.group(1))).as("gap-free indexes").isEqualTo(expected++);
      bytes += Long.parseLong(m.group(2));
    }
    assertThat(expected).as("one tag per chunk").isEqualTo(36);
    assertThat(bytes).isPositive().isLessThanOrEqualTo(TEXT.wire().length);
    assertThat(run.out()).contains("[#1 +").contains("ms ");
    // The tokens are still there, between the tags.
    assertThat(TAG.matcher(run.out()).replaceAll("")).contains(TEXT.expect().text());
    assertThat(run.out()).containsPattern("first chunk\\s+[0-9.]+ m?s \\(request sent to first content chunk\\)")
        .containsPattern("duration\\s+[0-9.]+ m?s").containsPattern("chunks/s\\s+[0-9.]+")
        .containsPattern("attempts\\s+1\\n")
        .contains("metadata       36 chunks, indexes gap-free, " + bytes + " wire bytes")
        .contains("warnings       none")
        .contains("matches the transcript's expectation");
  }

  @Test
  void verbosePrintsOneLinePerChunk() {
    CliRun run = CliRun.run("demo", "--verbose", "--speed", "50");

    assertThat(run.exit()).as(run.toString()).isZero();
    List<String> lines = run.out().lines().filter(l -> l.startsWith("#")).toList();
    assertThat(lines).hasSize(36);
    assertThat(lines.get(1)).containsPattern("^#1\\s+\\d\\d:\\d\\d:\\d\\d\\.\\d{3}\\s+\\+[0-9.]+ m?s\\s+\\d+ B  "
        + "openai/gpt-4o-mini-2024-07-18  text \" sky\"$");
    assertThat(lines.get(lines.size() - 1)).contains("usage input 14, output 34, total 48");
  }

  @Test
  void enhancedJsonAddsMetadataToEachChunkAndTimingAndWarningsToTheSummary() {
    CliRun run = CliRun.run("demo", "--enhanced", "--json", "--speed", "50");

    assertThat(run.exit()).as(run.toString()).isZero();
    List<Map<String, Object>> lines = JsonObjects.lines(run.out());
    Map<String, Object> summary = lines.get(lines.size() - 1);
    List<Map<String, Object>> chunks = lines.subList(0, lines.size() - 1);
    assertThat(chunks).hasSize(36);
    for (int i = 0; i < chunks.size(); i++) {
      assertThat(chunks.get(i)).containsEntry("type", "chunk");
      assertThat(chunks.get(i).get("metadata")).asInstanceOf(InstanceOfAssertFactories.MAP)
          .containsEntry("index", (long) i).containsEntry("provider", "openai")
          .containsEntry("model", "gpt-4o-mini-2024-07-18").containsKeys("timestamp", "sizeBytes");
    }
    assertThat(summary).containsEntry("type", "summary").containsEntry("warnings", List.of())
        .containsEntry("matchesGolden", true).containsEntry("text", TEXT.expect().text());
    assertThat(summary.get("timing")).asInstanceOf(InstanceOfAssertFactories.MAP)
        .containsEntry("attempts", 1L).containsKeys("timeToFirstChunkMillis", "durationMillis", "chunksPerSecond");
  }

  @Test
  void basicJsonChunksCarryNoMetadata() {
    CliRun run = CliRun.run("demo", "--json", "--speed", "50");

    assertThat(run.exit()).as(run.toString()).isZero();
    List<Map<String, Object>> lines = JsonObjects.lines(run.out());
    assertThat(lines.subList(0, lines.size() - 1)).allSatisfy(c -> assertThat(c).doesNotContainKey("metadata"));
    assertThat(lines.get(lines.size() - 1)).doesNotContainKeys("timing", "warnings");
  }

  @Test
  void tagsAndVerboseLinesAreFormattedFromTheMetadata() {
    var metadata = new dev.rill.api.ChunkMetadata(12, java.time.Instant.parse("2026-01-02T03:04:05.678Z"), 334,
        "openai", "gpt-4o-mini");
    assertThat(DemoOutput.tag(metadata, java.time.Duration.ofMillis(3))).isEqualTo("[#12 +3ms 334B]");
    assertThat(DemoOutput.tag(metadata, null)).isEqualTo("[#12 334B]");
    assertThat(DemoOutput.verboseLine(dev.rill.api.StreamChunk.text("hi"), metadata, java.time.Duration.ofMillis(3)))
        .isEqualTo("#12   03:04:05.678  +3.0 ms    334 B  openai/gpt-4o-mini  text \"hi\"");
  }
}
