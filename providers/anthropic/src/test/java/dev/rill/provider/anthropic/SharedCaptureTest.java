package dev.rill.provider.anthropic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rill.api.ChatRequest;
import dev.rill.api.ChatResponse;
import dev.rill.api.ChunkSink;
import dev.rill.api.FinishReason;
import dev.rill.api.FinishReason.Kind;
import dev.rill.api.StreamChunk;
import dev.rill.api.ToolCall;
import dev.rill.api.Usage;
import dev.rill.framing.Framer;
import dev.rill.framing.Framers;
import dev.rill.framing.FramingLimits;
import dev.rill.framing.OfflineDecoder;
import dev.rill.provider.anthropic.internal.MessagesStreamDecoder;
import dev.rill.testkit.fixtures.Format;
import dev.rill.testkit.fixtures.Recording;
import dev.rill.testkit.fixtures.Recordings;
import dev.rill.testkit.fixtures.SharedFixtures;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every real capture in {@code ../shared/fixtures/wire/anthropic-messages/}, decoded read by read, against the values
 * PROVENANCE.md states for it. Skipped when the shared directory is absent.
 */
class SharedCaptureTest {

  static final String FAMILY = "anthropic-messages";

  static List<Path> captures() {
    Assumptions.assumeTrue(SharedFixtures.wireDir().isPresent(),
        "the shared fixtures (system property rill.shared.dir) are not available");
    List<Path> files = SharedFixtures.family(FAMILY);
    Assumptions.assumeFalse(files.isEmpty(), "no captures in " + FAMILY);
    return files;
  }

  static Recording load(String fileName) {
    return captures().stream().filter(p -> p.getFileName().toString().equals(fileName)).findFirst()
        .map(Recordings::load).orElseThrow(() -> new AssertionError("missing capture " + fileName));
  }

  /**
   * The reads as sent: PROVENANCE.md's storage note says some RAW captures lost the blank line after their last
   * event when stored; the live API ends every event with one, so it is restored here.
   */
  static List<byte[]> asSent(Recording r) {
    List<byte[]> reads = new ArrayList<>(r.reads());
    if (r.format() == Format.RAW && !reads.isEmpty()) {
      String body = r.bodyText();
      String missing = body.endsWith("\n\n") ? "" : body.endsWith("\n") ? "\n" : "\n\n";
      if (!missing.isEmpty()) {
        reads.add(missing.getBytes(StandardCharsets.US_ASCII));
      }
    }
    return reads;
  }

  static OfflineDecoder.Result decode(Recording r, List<byte[]> reads) {
    return OfflineDecoder.decode(providerFor(r), ChatRequest.builder("claude").user("x").build(), reads,
        FramingLimits.DEFAULT);
  }

  static dev.rill.api.StreamingProvider providerFor(Recording r) {
    return r.name().contains("vertex") ? new VertexAnthropicProvider() : new AnthropicProvider();
  }

  static ChatResponse decodeAsSent(String fileName) {
    Recording r = load(fileName);
    OfflineDecoder.Result result = decode(r, asSent(r));
    assertThat(result.error()).as(fileName).isNull();
    assertThat(result.ended()).as(fileName + " ends with message_stop").isTrue();
    return result.response();
  }

  @TestFactory
  Stream<DynamicTest> everyCaptureDecodesCleanlyAndEndsWithMessageStop() {
    return captures().stream().map(path -> DynamicTest.dynamicTest(path.getFileName().toString(), () -> {
      Recording r = Recordings.load(path);
      assertThat(r.status()).isEqualTo(200);
      OfflineDecoder.Result result = decode(r, asSent(r));
      assertThat(result.error()).as(r.name()).isNull();
      assertThat(result.ended()).as(r.name()).isTrue();
      assertThat(result.response().finishReason()).as(r.name()).isNotNull();
      assertThat(result.response().usage()).as(r.name()).isNotNull();
      assertThat(result.response().responseId()).as(r.name()).startsWith("msg_");
      assertThat(result.response().hasOutput()).as(r.name()).isTrue();
    }));
  }

  @Test
  void toolUse() {
    ChatResponse r = decodeAsSent("anthropic-sdk-python.tool-use.sse");
    assertThat(r.responseId()).isEqualTo("msg_019Q1hrJbZG26Fb9BQhrkHEr");
    assertThat(r.model()).isEqualTo("claude-sonnet-4-20250514");
    assertThat(r.text()).isEqualTo("I'll check the current weather in Paris for you.");
    assertThat(r.toolCalls()).containsExactly(
        ToolCall.of("toolu_01NRLabsLyVHZPKxbKvkfSMn", "get_weather", "{\"location\": \"Paris\"}"));
    assertThat(r.finishReason()).isEqualTo(FinishReason.of(Kind.TOOL_CALLS, "tool_use"));
    assertThat(r.usage()).isEqualTo(new Usage(377L, 65L, 442L, null, 0L, 0L));
  }

  @Test
  void toolUseAsStoredEndsAfterMessageDeltaAndIsTruncated() {
    Recording r = load("anthropic-sdk-python.tool-use.sse");
    OfflineDecoder.Result stored = decode(r, r.reads());
    assertThat(stored.ended()).as("message_stop is lost without its blank line: not a proper end").isFalse();
    assertThat(stored.error().kind()).isEqualTo(dev.rill.api.ErrorKind.TRUNCATED); // as the runtime says online
    assertThat(stored.response().finishReason()).isEqualTo(FinishReason.of(Kind.TOOL_CALLS, "tool_use"));
    assertThat(stored.response().toolCalls()).hasSize(1);
  }

  @Test
  void incompleteToolJsonAtMaxTokens() {
    ChatResponse r = decodeAsSent("anthropic-sdk-python.fine-grained-tool-incomplete-json.sse");
    assertThat(r.finishReason()).isEqualTo(FinishReason.of(Kind.LENGTH, "max_tokens"));
    assertThat(r.text()).isEqualTo("I'll create a comprehensive tax guide for someone with multiple W2s and save it "
        + "in a file called taxes.txt. Let me do that for you now.");
    assertThat(r.toolCalls()).singleElement().satisfies(call -> {
      assertThat(call.id()).isEqualTo("toolu_01EKqbqmZrGRXy18eN7m9kvY");
      assertThat(call.name()).isEqualTo("make_file");
      assertThat(call.arguments()).startsWith("{\"filename\": \"taxes.txt\", \"lines_of_text\": [\n")
          .endsWith("\n\"Filing taxes");
    });
    assertThat(r.usage()).isEqualTo(new Usage(450L, 124L, 574L, null, 0L, 0L));
  }

  @Test
  void opusCount() {
    ChatResponse r = decodeAsSent("langchaingo.opus-count.httprr");
    assertThat(r.text()).isEqualTo("1\n2\n3\n4\n5");
    assertThat(r.finishReason()).isEqualTo(FinishReason.of(Kind.STOP, "end_turn"));
    assertThat(r.usage()).isEqualTo(new Usage(15L, 13L, 28L, null, 0L, 0L));
    assertThat(r.model()).isEqualTo("claude-3-opus-20240229");
  }

  @Test
  void redactedThinking() {
    ChatResponse r = decodeAsSent("pydantic-ai.redacted-thinking.sse");
    assertThat(r.usage().inputTokens()).isEqualTo(92L);
    assertThat(r.usage().outputTokens()).isEqualTo(189L);
    assertThat(r.reasoning()).isEmpty();
    assertThat(r.reasoningBlocks()).hasSize(2).allSatisfy(b -> {
      assertThat(b.redacted()).isTrue();
      assertThat(b.text()).isEmpty();
      assertThat(b.signature()).isEmpty();
    });
    assertThat(r.reasoningBlocks().get(0).data()).startsWith("EqkECkYIBxgCKkA8AZ4noDfV5VcOJe");
    assertThat(r.reasoningBlocks().get(1).data()).startsWith("EtgBCkYIBxgCKkDQfGkwzflEJP5asG3");
    assertThat(r.text()).startsWith("I notice that you've sent what appears to be some kind of test string")
        .endsWith("How can I assist you today with a legitimate task or question?");
    assertThat(r.finishReason()).isEqualTo(FinishReason.of(Kind.STOP, "end_turn"));
  }

  @Test
  void shortText() {
    ChatResponse r = decodeAsSent("pydantic-ai.short-text.sse");
    assertThat(r.text()).isEqualTo("2");
    assertThat(r.usage()).isEqualTo(new Usage(20L, 5L, 25L, null, 0L, 0L));
  }

  @Test
  void thinkingWithSignature() {
    ChatResponse r = decodeAsSent("pydantic-ai.thinking.sse");
    assertThat(r.reasoning()).startsWith("This is a straightforward question about pedestrian safety.")
        .hasSize(202);
    assertThat(r.text()).startsWith("Here are the basic steps for safely crossing the street:")
        .endsWith(" streets.");
    assertThat(r.usage()).isEqualTo(new Usage(43L, 282L, 325L, null, 0L, 0L));
    MessagesStreamDecoder decoder = new MessagesStreamDecoder("anthropic", "claude");
    List<StreamChunk> chunks = new ArrayList<>();
    Recording rec = load("pydantic-ai.thinking.sse");
    Framer framer = Framers.sse(FramingLimits.DEFAULT, event -> {
      decoder.decode(event, new ListSink(chunks));
      return true;
    });
    for (byte[] read : asSent(rec)) {
      framer.feed(read, 0, read.length);
    }
    assertThat(decoder.signatures()).singleElement().asString().isNotEmpty();
    assertThat(chunks).noneMatch(c -> c.content().contains(decoder.signatures().get(0)));
    assertThat(r.reasoningBlocks()).singleElement().satisfies(b -> {
      assertThat(b.text()).isEqualTo(r.reasoning());
      assertThat(b.signature()).isEqualTo(decoder.signatures().get(0));
      assertThat(b.redacted()).isFalse();
    });
  }

  @Test
  void reqLlmForcedToolUse() {
    ChatResponse r = decodeAsSent("req_llm.haiku-4.5-tool-use.reqllm.json");
    assertThat(r.toolCalls()).containsExactly(ToolCall.of("toolu_01KUGVjCcSsLgVkmvQeDZdWE", "structured_output",
        "{\"name\": \"Alex Johnson\", \"age\": 28, \"occupation\": \"Software Engineer\"}"));
    assertThat(r.finishReason()).isEqualTo(FinishReason.of(Kind.TOOL_CALLS, "tool_use"));
    assertThat(r.usage()).isEqualTo(new Usage(725L, 69L, 794L, null, 0L, 0L));
  }

  @Test
  void reqLlmThinking() {
    ChatResponse r = decodeAsSent("req_llm.sonnet-4.5-thinking.reqllm.json");
    assertThat(r.text()).isEqualTo("**Approach:** Simple multiplication of 15 by 3.\n\n**Answer:** 15 × 3 = **45**");
    assertThat(r.reasoning()).startsWith("This is a simple multiplication problem: 15 × 3").hasSize(132);
    assertThat(r.reasoningBlocks()).singleElement().satisfies(b -> {
      assertThat(b.text()).isEqualTo(r.reasoning());
      assertThat(b.signature()).isNotEmpty();
    });
    assertThat(r.usage()).isEqualTo(new Usage(66L, 107L, 173L, null, 0L, 0L));
  }

  @Test
  void vertexThinkingKeepsTheStartInputWhenTheDeltaHasOnlyOutput() {
    ChatResponse r = decodeAsSent("req_llm.vertex-haiku-4.5-thinking.reqllm.json");
    assertThat(r.responseId()).isEqualTo("msg_vrtx_01HbUs6T6psWXg3zvbbmVsgb");
    assertThat(r.provider()).isEqualTo("vertex-anthropic");
    assertThat(r.reasoning()).startsWith("The user is asking me to calculate 15 * 3.").endsWith("= 45 ✓");
    assertThat(r.text()).endsWith("- = **45**");
    assertThat(r.usage()).isEqualTo(new Usage(66L, 255L, 321L, null, 0L, 0L));
  }

  @Test
  void vercelToolWithoutArguments() {
    ChatResponse r = decodeAsSent("vercel-ai.tool-no-args.chunks.txt");
    assertThat(r.text()).isEqualTo("I'll update the issue list for you.");
    assertThat(r.toolCalls()).containsExactly(ToolCall.of("toolu_01QE1WLsSVp5hy5Q3GmGTmjP", "updateIssueList", "{}"));
    assertThat(r.finishReason()).isEqualTo(FinishReason.of(Kind.TOOL_CALLS, "tool_use"));
    assertThat(r.usage()).isEqualTo(new Usage(565L, 48L, 613L, null, 0L, 0L));
  }

  /** A sink that keeps chunks in a list. */
  record ListSink(List<StreamChunk> chunks) implements ChunkSink {
    @Override
    public void emit(StreamChunk chunk) {
      chunks.add(chunk);
    }

    @Override
    public void responseInfo(String responseId, String model) {}
  }
}
