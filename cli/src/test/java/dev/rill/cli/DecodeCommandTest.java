package dev.rill.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rill.testkit.golden.Golden;
import dev.rill.testkit.golden.GoldenTranscripts;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DecodeCommandTest {
  @TempDir
  Path dir;

  private Path write(String name, byte[] bytes) throws IOException {
    Path file = dir.resolve(name);
    Files.write(file, bytes);
    return file;
  }

  @Test
  void decodesAGoldenTranscriptForPeople() throws IOException {
    Golden golden = GoldenTranscripts.load("openai", "text-usage");
    Path file = write("text-usage.sse", golden.wire());

    CliRun run = CliRun.run("decode", "--provider", "openai", file.toString());

    assertThat(run.exit()).as(run.toString()).isZero();
    assertThat(run.out()).contains("chunk 1: role assistant  content \"The\"\nchunk 2: content \" sky\"\n");
    assertThat(run.out()).contains("  text:          " + golden.expect().text() + "\n");
    assertThat(run.out()).contains("finish reason: STOP (raw \"stop\")");
    assertThat(run.out()).contains("usage:         input 14, output 34, total 48");
  }

  @Test
  void decodesAGoldenTranscriptAsJson() throws IOException {
    Golden golden = GoldenTranscripts.load("openai", "text-usage");
    Path file = write("text-usage.sse", golden.wire());

    CliRun run = CliRun.run("decode", "--provider", "openai", file.toString(), "--json");

    assertThat(run.exit()).as(run.toString()).isZero();
    List<Map<String, Object>> lines = JsonObjects.lines(run.out());
    Map<String, Object> response = lines.get(lines.size() - 1);
    assertThat(lines.subList(0, lines.size() - 1)).allSatisfy(c -> assertThat(c).containsEntry("type", "chunk"));
    assertThat(response).containsEntry("type", "response").containsEntry("text", golden.expect().text())
        .containsEntry("reasoning", "").containsEntry("toolCalls", List.of())
        .containsEntry("finishReason", Map.of("kind", "STOP", "raw", "stop"));
    assertThat(response.get("usage")).isEqualTo(usage(14, 34, 48, 0L, 0L, null));
  }

  @Test
  void toolCallArgumentsArePrintedAsParsedJson() throws IOException {
    Golden golden = GoldenTranscripts.load("openai", "parallel-tool-calls");
    Path file = write("tools.sse", golden.wire());

    CliRun run = CliRun.run("decode", "--provider", "openai", file.toString(), "--json");

    assertThat(run.exit()).as(run.toString()).isZero();
    List<Map<String, Object>> lines = JsonObjects.lines(run.out());
    Map<String, Object> response = lines.get(lines.size() - 1);
    List<?> calls = (List<?>) response.get("toolCalls");
    assertThat(calls).hasSize(2);
    assertThat(calls.get(0)).isEqualTo(Map.of("id", golden.expect().toolCalls().get(0).id(), "name", "get_weather",
        "arguments", Map.of("city", "Paris")));
    assertThat(response.get("finishReason")).isEqualTo(Map.of("kind", "TOOL_CALLS", "raw", "tool_calls"));
  }

  @Test
  void decodesAnNdjsonTranscript() throws IOException {
    Golden golden = GoldenTranscripts.load("ollama", "text");
    Path file = write("text.ndjson", golden.wire());

    CliRun run = CliRun.run("decode", "--provider", "ollama", file.toString(), "--json");

    assertThat(run.exit()).as(run.toString()).isZero();
    List<Map<String, Object>> lines = JsonObjects.lines(run.out());
    assertThat(lines.get(lines.size() - 1)).containsEntry("text", golden.expect().text());
  }

  @Test
  void garbageGivesAnErrorObjectAndExit1() throws IOException {
    Path file = write("garbage.sse", "data: {this is not json\n\n".getBytes(StandardCharsets.UTF_8));

    CliRun run = CliRun.run("decode", "--provider", "openai", file.toString(), "--json");

    assertThat(run.exit()).as(run.toString()).isEqualTo(1);
    List<Map<String, Object>> lines = JsonObjects.lines(run.out());
    assertThat(lines).hasSize(1);
    assertThat(lines.get(0)).containsEntry("type", "error").containsEntry("kind", "MALFORMED_RESPONSE");
    assertThat((String) lines.get(0).get("message")).isNotBlank();
  }

  @Test
  void aRecordingWithoutAnEndIsTruncated() throws IOException {
    byte[] noise = new byte[512];
    new java.util.Random(7).nextBytes(noise);
    Path file = write("noise.bin", noise);

    CliRun json = CliRun.run("decode", "--provider", "openai", file.toString(), "--json");
    assertThat(json.exit()).as(json.toString()).isEqualTo(1);
    List<Map<String, Object>> lines = JsonObjects.lines(json.out());
    assertThat(lines.get(lines.size() - 1)).containsEntry("type", "error");

    CliRun text = CliRun.run("decode", "--provider", "openai", file.toString());
    assertThat(text.exit()).isEqualTo(1);
    assertThat(text.err()).startsWith("rill decode: ");
  }

  @Test
  void usageErrorsExit2() throws IOException {
    Path file = write("x.sse", "data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));

    CliRun unknown = CliRun.run("decode", "--provider", "nope", file.toString());
    assertThat(unknown.exit()).isEqualTo(2);
    assertThat(unknown.err()).contains("unknown provider 'nope'");

    CliRun missing = CliRun.run("decode", "--provider", "openai", dir.resolve("missing.sse").toString());
    assertThat(missing.exit()).isEqualTo(2);
    assertThat(missing.err()).isEqualTo("rill decode: cannot read " + dir.resolve("missing.sse")
        + ": no such file or directory\nsee 'rill decode --help'\n");

    assertThat(CliRun.run("decode", file.toString()).exit()).isEqualTo(2); // --provider is required
  }

  /** Every shipped golden transcript of every provider decodes to its expectation (or its expected error). */
  @Test
  void everyGoldenTranscriptDecodes() throws IOException {
    for (String provider : List.of("openai", "anthropic", "gemini", "ollama", "cohere")) {
      for (Golden golden : GoldenTranscripts.list(provider)) {
        Path file = write(provider + "-" + golden.name(), golden.wire());
        CliRun run = CliRun.run("decode", "--provider", provider, file.toString(), "--json",
            "--model", golden.model() == null ? "recorded" : golden.model());
        List<Map<String, Object>> lines = JsonObjects.lines(run.out());
        Map<String, Object> last = lines.get(lines.size() - 1);
        if (golden.expect().expectsError()) {
          assertThat(run.exit()).as(golden + "\n" + run).isEqualTo(1);
          assertThat(last).as(golden.toString()).containsEntry("type", "error")
              .containsEntry("kind", golden.expect().errorKind().name());
        } else {
          assertThat(run.exit()).as(golden + "\n" + run).isZero();
          assertThat(last).as(golden.toString()).containsEntry("type", "response")
              .containsEntry("text", golden.expect().text()).containsEntry("reasoning", golden.expect().reasoning());
        }
      }
    }
  }

  private static Map<String, Object> usage(long in, long out, long total, Long reasoning, Long cached, Long write) {
    Map<String, Object> m = new java.util.LinkedHashMap<>();
    m.put("inputTokens", in);
    m.put("outputTokens", out);
    m.put("totalTokens", total);
    m.put("reasoningTokens", reasoning);
    m.put("cachedInputTokens", cached);
    m.put("cacheWriteTokens", write);
    return m;
  }
}
