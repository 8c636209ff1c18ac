package dev.rill.provider.gemini;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rill.api.FinishReason.Kind;
import dev.rill.api.Framing;
import dev.rill.api.ReasoningBlock;
import dev.rill.api.StreamChunk;
import dev.rill.api.ToolCall;
import dev.rill.testkit.fixtures.Format;
import dev.rill.testkit.fixtures.Recording;
import dev.rill.testkit.fixtures.Recordings;
import dev.rill.testkit.fixtures.SharedFixtures;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every recorded Gemini capture in {@code ../shared/fixtures/wire/gemini}, decoded as recorded (read boundaries
 * kept), checked against the values PROVENANCE.md states for it.
 */
class SharedCapturesTest {

  private static Map<String, Recording> recordings;

  @BeforeAll
  static void load() {
    Assumptions.assumeTrue(SharedFixtures.wireDir().isPresent(),
        "the shared fixtures (../shared/fixtures/wire) are absent: -Drill.shared.dir is unset or wrong");
    recordings = new TreeMap<>();
    for (Path file : SharedFixtures.family("gemini")) {
      Recording r = Recordings.load(file);
      recordings.put(r.name().substring("gemini/".length()), r);
    }
  }

  private static Recording recording(String name) {
    Recording r = recordings.get(name);
    assertThat(r).as("shared capture gemini/%s", name).isNotNull();
    return r;
  }

  /** JSONL-DATA recordings are payloads only: frame each line as its own SSE event. */
  private static Decoding.Result decode(Recording r) {
    return Decoding.run(Framing.SSE, r.reads());
  }

  @Test
  void everyCaptureIsCoveredByATest() {
    assertThat(recordings.keySet()).containsExactlyInAnyOrder(
        "langchaingo.json-array-stream", "pydantic-ai.function-call-thought-signature", "pydantic-ai.function-call",
        "pydantic-ai.thought-parts", "pydantic-ai.vertex-flex", "req_llm.2.5-flash-single-event",
        "req_llm.2.5-pro-reasoning", "vercel-ai.vertex-partial-args");
  }

  @Test
  void functionCallGetCapitalFranceIsToolCalls() {
    Decoding.Result result = decode(recording("pydantic-ai.function-call"));
    assertThat(result.error()).isNull();
    assertThat(result.ended()).isTrue();
    assertThat(result.response().toolCalls())
        .containsExactly(ToolCall.of("call_1", "get_capital", "{\"country\":\"France\"}"));
    assertThat(result.response().finishReason().kind()).isEqualTo(Kind.TOOL_CALLS);
    assertThat(result.response().finishReason().raw()).isEqualTo("STOP");
    assertThat(result.response().usage().inputTokens()).isEqualTo(52);
    assertThat(result.response().usage().outputTokens()).isEqualTo(5);
    assertThat(result.response().usage().totalTokens()).isEqualTo(57);
    assertThat(result.response().model()).isEqualTo("gemini-2.0-flash");
    assertThat(result.response().responseId()).isEqualTo("1lpeaMTxIpW1nvgP-O3vwQY");
  }

  @Test
  void functionCallWithThoughtSignatureKeepsTheSignature() {
    Decoding.Result result = decode(recording("pydantic-ai.function-call-thought-signature"));
    assertThat(result.error()).isNull();
    assertThat(result.ended()).isTrue();
    List<String> signatures = result.decoder().thoughtSignatures(0);
    assertThat(signatures).hasSize(1);
    assertThat(signatures.get(0)).startsWith("EpwICpkIAXLI2nxl").endsWith("onoBDAXOk15QuFyU=");
    // the functionCall part's signature belongs to the call, to be sent back on it
    assertThat(result.response().toolCalls()).containsExactly(
        new ToolCall("call_1", "get_country", "{}", signatures.get(0)));
    assertThat(result.response().reasoningBlocks()).isEmpty();
    assertThat(result.response().text()).isEmpty();
    assertThat(result.response().finishReason().kind()).isEqualTo(Kind.TOOL_CALLS);
    assertThat(result.response().usage().reasoningTokens()).isEqualTo(202);
    assertThat(result.response().usage().outputTokens()).isEqualTo(10 + 202);
    assertThat(result.response().usage().totalTokens()).isEqualTo(241);
  }

  @Test
  void thoughtPartsAreReasoningThenText() {
    Decoding.Result result = decode(recording("pydantic-ai.thought-parts"));
    assertThat(result.error()).isNull();
    assertThat(result.ended()).isTrue();
    assertThat(result.response().reasoning()).startsWith("**Clarifying User Goals**\n\nI'm currently focused")
        .contains("**Crafting Safe Instructions**");
    assertThat(result.response().text()).startsWith("Thi")
        .endsWith("Always assume a driver might not see you.");
    // every reasoning chunk comes before the first text chunk
    int lastReasoning = -1;
    int firstText = Integer.MAX_VALUE;
    for (int i = 0; i < result.chunks().size(); i++) {
      StreamChunk c = result.chunks().get(i);
      if (!c.reasoning().isEmpty()) {
        lastReasoning = i;
      }
      if (!c.content().isEmpty()) {
        firstText = Math.min(firstText, i);
      }
    }
    assertThat(lastReasoning).isLessThan(firstText);
    // the signature Gemini put on the first text part signs the thoughts before it
    assertThat(result.decoder().thoughtSignatures(0)).hasSize(1);
    assertThat(result.response().reasoningBlocks()).singleElement().satisfies(b -> {
      assertThat(b.text()).isEqualTo(result.response().reasoning());
      assertThat(b.signature()).isEqualTo(result.decoder().thoughtSignatures(0).get(0)).startsWith("CiIB0e2Kb6Syj1a9");
    });
    assertThat(result.response().finishReason().kind()).isEqualTo(Kind.STOP);
    assertThat(result.response().usage().inputTokens()).isEqualTo(34);
    assertThat(result.response().usage().outputTokens()).isEqualTo(469 + 787);
    assertThat(result.response().usage().totalTokens()).isEqualTo(1290);
    assertThat(result.response().usage().reasoningTokens()).isEqualTo(787);
  }

  @Test
  void vertexFlexTextKeepsSignatureOutOfText() {
    Decoding.Result result = decode(recording("pydantic-ai.vertex-flex"));
    assertThat(result.error()).isNull();
    assertThat(result.response().text()).isEqualTo("OK");
    assertThat(result.decoder().thoughtSignatures(0)).hasSize(1);
    assertThat(result.response().reasoningBlocks()).containsExactly(
        ReasoningBlock.of("", result.decoder().thoughtSignatures(0).get(0)));
    assertThat(result.response().finishReason().kind()).isEqualTo(Kind.STOP);
    assertThat(result.response().usage().outputTokens()).isEqualTo(101);
    assertThat(result.response().usage().totalTokens()).isEqualTo(106);
    assertThat(result.response().model()).isEqualTo("gemini-3-flash-preview");
  }

  @Test
  void flashSingleEventWithCrlfIsStopWithUsage() {
    Recording r = recording("req_llm.2.5-flash-single-event");
    assertThat(r.format()).isEqualTo(Format.REQLLM_JSON);
    assertThat(r.bodyText()).endsWith("\r\n\r\n");
    Decoding.Result result = decode(r);
    assertThat(result.error()).isNull();
    assertThat(result.events()).isEqualTo(1);
    assertThat(result.ended()).isTrue();
    assertThat(result.response().text()).isEqualTo("A friendly thought just bloomed into your day!");
    assertThat(result.response().finishReason().kind()).isEqualTo(Kind.STOP);
    assertThat(result.response().usage().inputTokens()).isEqualTo(18);
    assertThat(result.response().usage().outputTokens()).isEqualTo(10 + 1412);
    assertThat(result.response().usage().reasoningTokens()).isEqualTo(1412);
    assertThat(result.response().usage().totalTokens()).isEqualTo(1440);
  }

  @Test
  void proReasoningAcrossFourReadsHasThoughtCountWithoutThoughtParts() {
    Recording r = recording("req_llm.2.5-pro-reasoning");
    assertThat(r.reads()).hasSize(4);
    Decoding.Result result = decode(r);
    assertThat(result.error()).isNull();
    assertThat(result.events()).isEqualTo(4);
    assertThat(result.response().reasoning()).isEmpty();
    assertThat(result.response().text()).startsWith("**My Approach:**\n\n1.  Break the number 15")
        .endsWith("**Answer:**\n15 * 3 = 45");
    assertThat(result.response().usage().reasoningTokens()).isEqualTo(953);
    assertThat(result.response().usage().outputTokens()).isEqualTo(95 + 953);
    assertThat(result.response().usage().totalTokens()).isEqualTo(1080);
    assertThat(result.response().finishReason().kind()).isEqualTo(Kind.STOP);
  }

  @Test
  void vertexPartialArgsStreamTwoParallelCalls() {
    Recording r = recording("vercel-ai.vertex-partial-args");
    assertThat(r.format()).isEqualTo(Format.JSONL_DATA);
    Decoding.Result result = decode(r);
    assertThat(result.error()).isNull();
    assertThat(result.ended()).isTrue();
    // the first call's part carries the (only) signature: Gemini signs the first call of a parallel batch
    assertThat(result.decoder().thoughtSignatures(0)).singleElement().asString().startsWith("CiMBjz1rX25KieIB");
    assertThat(result.response().toolCalls()).containsExactly(
        new ToolCall("call_1", "getWeather", "{\"location\":\"Boston\"}", result.decoder().thoughtSignatures(0).get(0)),
        ToolCall.of("call_2", "getWeather", "{\"location\":\"San Francisco\"}"));
    // the arguments really stream: the Boston string is opened before it is closed
    List<String> boston = new ArrayList<>();
    for (StreamChunk c : result.chunks()) {
      c.toolCalls().stream().filter(d -> d.index() == 0 && !d.arguments().isEmpty())
          .forEach(d -> boston.add(d.arguments()));
    }
    assertThat(boston).containsExactly("{\"location\":\"Boston", "\"", "}");
    assertThat(result.response().finishReason().kind()).isEqualTo(Kind.TOOL_CALLS);
    assertThat(result.response().usage().totalTokens()).isEqualTo(181);
    assertThat(result.decoder().thoughtSignatures(0)).hasSize(1);
  }

  @Test
  void jsonArrayStreamWithIntEnumsDecodesThroughTheJsonArrayFramer() {
    Recording r = recording("langchaingo.json-array-stream");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.bodyText()).startsWith("[{").endsWith("}\n]");
    Decoding.Result result = Decoding.run(Framing.JSON_ARRAY, r.reads());
    assertThat(result.error()).isNull();
    assertThat(result.ended()).isTrue();
    assertThat(result.events()).isEqualTo(13);
    assertThat(result.response().text()).startsWith("Clementine, a calico with a perpetually grumpy face")
        .contains("kitten").endsWith("she wasn't quite as grumpy as she thought she was.\n");
    assertThat(result.response().finishReason().kind()).isEqualTo(Kind.STOP);
    assertThat(result.response().finishReason().raw()).isEqualTo("1");
    assertThat(result.response().usage().inputTokens()).isEqualTo(8);
    assertThat(result.response().usage().outputTokens()).isEqualTo(578);
    assertThat(result.response().usage().totalTokens()).isEqualTo(586);
    assertThat(result.response().model()).isEqualTo("gemini-2.0-flash");
  }
}
