package dev.rill.provider.openairesponses;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rill.api.ChatRequest;
import dev.rill.api.ChatResponse;
import dev.rill.api.ErrorKind;
import dev.rill.api.FinishReason;
import dev.rill.api.FinishReason.Kind;
import dev.rill.api.StreamingProvider;
import dev.rill.api.ToolCall;
import dev.rill.api.Usage;
import dev.rill.framing.FramingLimits;
import dev.rill.framing.OfflineDecoder;
import dev.rill.testkit.fixtures.Format;
import dev.rill.testkit.fixtures.Recording;
import dev.rill.testkit.fixtures.Recordings;
import dev.rill.testkit.fixtures.SharedFixtures;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every real capture in {@code ../shared/fixtures/wire/openai-responses/}, plus xAI's Responses stream
 * ({@code xai/req_llm.responses-web-search}), decoded read by read, against what PROVENANCE.md states for it.
 * Skipped when the shared directory is absent.
 */
class SharedCaptureTest {

  static final String FAMILY = "openai-responses";
  static final String XAI_WEB_SEARCH = "req_llm.responses-web-search.reqllm.json";

  /** The captures this test reads: the family's files and the one xAI Responses stream. */
  static List<Path> captures() {
    Assumptions.assumeTrue(SharedFixtures.wireDir().isPresent(),
        "the shared fixtures (system property rill.shared.dir) are not available");
    List<Path> files = new ArrayList<>(SharedFixtures.family(FAMILY));
    Assumptions.assumeFalse(files.isEmpty(), "no captures in " + FAMILY);
    SharedFixtures.family("xai").stream().filter(p -> p.getFileName().toString().equals(XAI_WEB_SEARCH))
        .forEach(files::add);
    return files;
  }

  static Recording load(String fileName) {
    return captures().stream().filter(p -> p.getFileName().toString().equals(fileName)).findFirst()
        .map(Recordings::load).orElseThrow(() -> new AssertionError("missing capture " + fileName));
  }

  static StreamingProvider providerFor(Recording r) {
    return r.name().startsWith("xai/") ? new XaiResponsesProvider() : new OpenAiResponsesProvider();
  }

  static OfflineDecoder.Result decode(Recording r) {
    return OfflineDecoder.decode(providerFor(r), ChatRequest.builder("gpt").user("x").build(), r.reads(),
        FramingLimits.DEFAULT);
  }

  static ChatResponse decodeCleanly(String fileName) {
    OfflineDecoder.Result result = decode(load(fileName));
    assertThat(result.error()).as(fileName).isNull();
    assertThat(result.ended()).as(fileName + " ends with response.completed").isTrue();
    return result.response();
  }

  @TestFactory
  Stream<DynamicTest> everyCaptureDecodes() {
    return captures().stream().map(path -> DynamicTest.dynamicTest(path.getFileName().toString(), () -> {
      Recording r = Recordings.load(path);
      assertThat(r.status()).isEqualTo(200);
      OfflineDecoder.Result result = decode(r);
      if (r.name().contains("error-insufficient-quota")) {
        assertThat(result.error()).as(r.name()).isNotNull();
        return;
      }
      assertThat(result.error()).as(r.name()).isNull();
      assertThat(result.ended()).as(r.name()).isTrue();
      assertThat(result.response().finishReason()).as(r.name()).isNotNull();
      assertThat(result.response().usage()).as(r.name()).isNotNull();
      assertThat(result.response().responseId()).as(r.name()).isNotEmpty();
      assertThat(result.response().hasOutput()).as(r.name()).isTrue();
    }));
  }

  @Test
  void functionCallGetCapital() {
    ChatResponse r = decodeCleanly("pydantic-ai.function-call.sse");
    assertThat(r.responseId()).isEqualTo("resp_67e554a155508191900ee113293c4c830794405d35281ae2");
    assertThat(r.model()).isEqualTo("gpt-4o-2024-08-06");
    assertThat(r.text()).isEmpty();
    assertThat(r.toolCalls()).containsExactly(
        ToolCall.of("call_kL0PCQV7M2WMoVX8V8OtYSAL", "get_capital", "{\"country\":\"France\"}"));
    assertThat(r.finishReason()).isEqualTo(FinishReason.of(Kind.TOOL_CALLS, "completed"));
    assertThat(r.usage()).isEqualTo(new Usage(255L, 16L, 271L, 0L, 0L, null));
  }

  @Test
  void reasoningSummaryThenText() {
    ChatResponse r = decodeCleanly("pydantic-ai.reasoning-summary.sse");
    assertThat(r.model()).isEqualTo("o3-mini-2025-01-31");
    assertThat(r.reasoning()).startsWith("**Providing street crossing instructions**\n\nThe user is asking how");
    assertThat(r.reasoning().split("\n\n\\*\\*", -1)).as("four summary parts, a blank line apart").hasSize(4);
    assertThat(r.text()).isNotEmpty();
    assertThat(r.toolCalls()).isEmpty();
    assertThat(r.finishReason()).isEqualTo(FinishReason.of(Kind.STOP, "completed"));
    assertThat(r.usage().reasoningTokens()).isEqualTo(1408L);
    assertThat(r.usage().totalTokens()).isEqualTo(1693L);
  }

  @Test
  void reasoningThenFunctionCallWithUsage() {
    ChatResponse r = decodeCleanly("pydantic-ai.reasoning-tool-usage.sse");
    assertThat(r.toolCalls()).singleElement().satisfies(call -> {
      assertThat(call.id()).startsWith("call_");
      assertThat(call.arguments()).startsWith("{").endsWith("}");
    });
    assertThat(r.finishReason()).isEqualTo(FinishReason.of(Kind.TOOL_CALLS, "completed"));
    assertThat(r.usage().reasoningTokens()).isEqualTo(448L);
    assertThat(r.usage().totalTokens()).isEqualTo(522L);
  }

  @Test
  void textWithLogprobs() {
    ChatResponse r = decodeCleanly("pydantic-ai.text-logprobs.sse");
    assertThat(r.text()).isNotEmpty();
    assertThat(r.usage().totalTokens()).isEqualTo(35L);
    assertThat(r.finishReason()).isEqualTo(FinishReason.of(Kind.STOP, "completed"));
  }

  @Test
  void reqLlmGpt41Text() {
    ChatResponse r = decodeCleanly("req_llm.gpt-4.1-text.reqllm.json");
    assertThat(r.text()).isNotEmpty();
    assertThat(r.usage().totalTokens()).isEqualTo(38L);
    assertThat(r.usage().inputTokens()).isPositive();
    assertThat(r.usage().outputTokens()).isPositive();
  }

  @Test
  void o4MiniReasoningUsage() {
    ChatResponse r = decodeCleanly("req_llm.o4-mini-reasoning.reqllm.json");
    assertThat(r.model()).isEqualTo("o4-mini-2025-04-16");
    assertThat(r.text()).isEqualTo("To compute 15 × 3, you can multiply 3 by 10 (30) and by 5 (15), then add them: "
        + "30 + 15 = 45. So, 15 × 3 = 45.");
    assertThat(r.reasoning()).as("no summary was asked for").isEmpty();
    assertThat(r.usage()).isEqualTo(new Usage(38L, 253L, 291L, 192L, 0L, null));
  }

  @Test
  void insufficientQuotaErrorEvent() {
    Recording r = load("vercel-ai.error-insufficient-quota.chunks.txt");
    assertThat(r.format()).isEqualTo(Format.JSONL_DATA);
    OfflineDecoder.Result result = decode(r);
    assertThat(result.error()).isNotNull();
    assertThat(result.error().kind()).isEqualTo(ErrorKind.QUOTA_EXHAUSTED);
    assertThat(result.error().providerCode()).isEqualTo("insufficient_quota");
    assertThat(result.error().providerMessage()).startsWith("You exceeded your current quota");
    assertThat(result.error().retryable()).isFalse();
    assertThat(result.error().hadOutput()).isFalse();
    assertThat(result.response().responseId()).isEqualTo("resp_05500b38c2cd9bfc00691c7c9d222481a3b595421266dab424");
  }

  @Test
  void insufficientQuotaFailedEventAloneGivesTheSameKind() {
    Recording r = load("vercel-ai.error-insufficient-quota.chunks.txt");
    List<byte[]> withoutErrorEvent = new ArrayList<>(r.reads());
    withoutErrorEvent.remove(2);
    OfflineDecoder.Result result = OfflineDecoder.decode(new OpenAiResponsesProvider(),
        ChatRequest.builder("gpt").user("x").build(), withoutErrorEvent, FramingLimits.DEFAULT);
    assertThat(result.error().kind()).isEqualTo(ErrorKind.QUOTA_EXHAUSTED);
    assertThat(result.error().providerCode()).isEqualTo("insufficient_quota");
  }

  @Test
  void xaiWebSearchSkipsTheServerToolItems() {
    ChatResponse r = decodeCleanly(XAI_WEB_SEARCH);
    assertThat(r.provider()).isEqualTo("xai-responses");
    assertThat(r.responseId()).isEqualTo("458dbd48-3fa7-de49-8ab5-442ea2bc0f36");
    assertThat(r.model()).isEqualTo("grok-4-fast-reasoning");
    assertThat(r.text()).isEqualTo("OpenAI recently announced Prism, a new AI model aimed at accelerating scientific "
        + "discovery by reducing computational bottlenecks in research workflows.[[1]]"
        + "(https://openai.com/index/introducing-prism)");
    assertThat(r.toolCalls()).isEmpty();
    assertThat(r.finishReason()).isEqualTo(FinishReason.of(Kind.STOP, "completed"));
    assertThat(r.usage()).isEqualTo(new Usage(3253L, 641L, 3894L, 548L, 1499L, null));
  }
}
