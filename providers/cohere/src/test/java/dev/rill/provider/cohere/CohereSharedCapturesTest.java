package dev.rill.provider.cohere;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.rill.api.ChatRequest;
import dev.rill.api.FinishReason;
import dev.rill.api.ToolCall;
import dev.rill.api.Usage;
import dev.rill.framing.FramingLimits;
import dev.rill.framing.OfflineDecoder;
import dev.rill.testkit.fixtures.Format;
import dev.rill.testkit.fixtures.Recording;
import dev.rill.testkit.fixtures.Recordings;
import dev.rill.testkit.fixtures.SharedFixtures;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The vercel/ai Cohere captures in ../shared/fixtures/wire/cohere-v2 (data payloads only, rendered as
 * {@code data: <line>\n\n}; message-end ends them, so no terminator is appended). Expected values are those of
 * vercel's snapshots named in PROVENANCE.md.
 */
class CohereSharedCapturesTest {

  private static final CohereProvider PROVIDER = new CohereProvider();
  private static final ChatRequest REQUEST = ChatRequest.builder("command-r-plus").user("Hello").build();

  private static OfflineDecoder.Result decode(String fileName) {
    Path dir = SharedFixtures.wireDir().orElse(null);
    assumeTrue(dir != null, "no ../shared/fixtures/wire directory (set -Drill.shared.dir)");
    Recording rec = Recordings.load(dir.resolve("cohere-v2").resolve(fileName));
    assertThat(rec.format()).isEqualTo(Format.JSONL_DATA);
    OfflineDecoder.Result result = OfflineDecoder.decode(PROVIDER, REQUEST, rec.reads(), FramingLimits.DEFAULT);
    assertThat(result.error()).isNull();
    assertThat(result.ended()).as("message-end ends the stream").isTrue();
    assertThat(result.events()).as("every payload is decoded").isEqualTo(rec.reads().size());
    return result;
  }

  @Test
  void text() {
    OfflineDecoder.Result result = decode("vercel-ai.text.chunks.txt");
    assertThat(result.response().text()).isEqualTo("The capital of France is Paris.");
    assertThat(result.response().reasoning()).isEmpty();
    assertThat(result.response().responseId()).isEqualTo("321d178c-2c12-44d3-ae42-2f5510f6b1cc");
    assertThat(result.response().finishReason()).isEqualTo(FinishReason.of(FinishReason.Kind.STOP, "COMPLETE"));
    // usage.tokens, not billed_units (12/7)
    assertThat(result.response().usage()).isEqualTo(new Usage(507L, 10L, 517L, null, 448L, null));
  }

  @Test
  void toolCall() {
    OfflineDecoder.Result result = decode("vercel-ai.tool-call.chunks.txt");
    assertThat(result.response().toolCalls()).containsExactly(
        ToolCall.of("weather_e8p4pn45zt0t", "weather", "{\"location\": \"San Francisco\"}"),
        ToolCall.of("cityAttractions_pyxssbwnq9fq", "cityAttractions", "{\"city\": \"San Francisco\"}"));
    assertThat(result.response().text()).isEmpty();
    // The tool plan is streamed as reasoning (vercel drops it; Rill keeps it).
    assertThat(result.response().reasoning()).isEqualTo("I will use the weather tool to find the weather in San "
        + "Francisco and the cityAttractions tool to find attractions in San Francisco.");
    assertThat(result.response().finishReason()).isEqualTo(FinishReason.of(FinishReason.Kind.TOOL_CALLS, "TOOL_CALL"));
    assertThat(result.response().usage()).isEqualTo(new Usage(1549L, 95L, 1644L, null, 1504L, null));
  }

  @Test
  void reasoning() {
    OfflineDecoder.Result result = decode("vercel-ai.reasoning.chunks.txt");
    assertThat(result.response().reasoning()).isEqualTo("The user is asking for the sum of 2 and 2. Since this is a "
        + "straightforward arithmetic problem, I don't need to use any tools. I can calculate the answer directly.");
    assertThat(result.response().text()).isEqualTo("The answer to 2 + 2 is 4.");
    assertThat(result.response().finishReason()).isEqualTo(FinishReason.of(FinishReason.Kind.STOP, "COMPLETE"));
    assertThat(result.response().usage()).isEqualTo(new Usage(1394L, 54L, 1448L, null, 1360L, null));
  }

  @Test
  void theFamilyHoldsExactlyTheThreeCaptures() {
    assumeTrue(SharedFixtures.wireDir().isPresent(), "no ../shared/fixtures/wire directory");
    assertThat(SharedFixtures.family("cohere-v2")).extracting(p -> p.getFileName().toString())
        .containsExactly("vercel-ai.reasoning.chunks.txt", "vercel-ai.text.chunks.txt", "vercel-ai.tool-call.chunks.txt");
  }
}
