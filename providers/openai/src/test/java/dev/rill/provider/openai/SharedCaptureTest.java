package dev.rill.provider.openai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rill.api.ChatRequest;
import dev.rill.api.ChatResponse;
import dev.rill.api.ErrorKind;
import dev.rill.api.FinishReason;
import dev.rill.api.StreamingProvider;
import dev.rill.api.ToolCall;
import dev.rill.api.Usage;
import dev.rill.framing.FramingLimits;
import dev.rill.framing.OfflineDecoder;
import dev.rill.testkit.fixtures.Format;
import dev.rill.testkit.fixtures.Recording;
import dev.rill.testkit.fixtures.Recordings;
import dev.rill.testkit.fixtures.SharedFixtures;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every chat-completions capture under {@code ../shared/fixtures/wire} for the families this plugin serves, decoded
 * read by read as recorded, with the folds {@code PROVENANCE.md} states ("Expected decoded results").
 */
class SharedCaptureTest {

  /** Family directory to the provider id that serves it. */
  private static final Map<String, String> FAMILIES = Map.of("openai-chat", "openai", "deepseek", "deepseek",
      "groq", "groq", "openrouter", "openrouter", "xai", "xai", "mistral", "mistral");

  /** Captures of another protocol, skipped by name with the reason. */
  private static final Map<String, String> NOT_CHAT_COMPLETIONS = Map.of("xai/req_llm.responses-web-search",
      "the xAI Responses API (/v1/responses), a different protocol from chat completions");

  /** Captures that record an error, and how it must surface. */
  private static final Map<String, Consumer<OfflineDecoder.Result>> ERRORS = new HashMap<>();
  /** The stated folds, by recording name. */
  private static final Map<String, Consumer<ChatResponse>> FOLDS = new HashMap<>();

  static {
    // openai-chat: openai-python tests/lib/chat/test_completions_streaming.py inline snapshots
    FOLDS.put("openai-chat/openai-python.text-usage", r -> {
      assertThat(r.text()).isEqualTo("I'm unable to provide real-time weather updates. To get the current weather in "
          + "San Francisco, I recommend checking a reliable weather website or a weather app.");
      assertThat(r.finishReason()).isEqualTo(FinishReason.of(FinishReason.Kind.STOP, "stop"));
      assertThat(r.usage()).isEqualTo(new Usage(14L, 30L, 44L, 0L, null, null));
    });
    FOLDS.put("openai-chat/openai-python.parallel-tool-calls", r -> {
      assertThat(r.toolCalls()).containsExactly(
          ToolCall.of("call_JMW1whyEaYG438VE1OIflxA2", "GetWeatherArgs",
              "{\"city\": \"Edinburgh\", \"country\": \"GB\", \"units\": \"c\"}"),
          ToolCall.of("call_DNYTawLBoN8fj3KN6qU9N1Ou", "get_stock_price",
              "{\"ticker\": \"AAPL\", \"exchange\": \"NASDAQ\"}"));
      assertThat(r.finishReason().kind()).isEqualTo(FinishReason.Kind.TOOL_CALLS);
      assertThat(r.text()).isEmpty();
    });
    FOLDS.put("openai-chat/openai-python.single-tool-call", r -> {
      assertThat(r.toolCalls()).hasSize(1);
      assertThat(r.toolCalls().get(0).name()).isEqualTo("GetWeatherArgs");
      assertThat(r.toolCalls().get(0).arguments()).isEqualTo("{\"city\":\"Edinburgh\",\"country\":\"UK\",\"units\":\"c\"}");
      assertThat(r.finishReason().raw()).isEqualTo("tool_calls");
    });
    FOLDS.put("openai-chat/openai-python.refusal", r -> {
      assertThat(r.refusal()).isEqualTo("I'm sorry, I can't assist with that request.");
      assertThat(r.text()).isEmpty();
      assertThat(r.finishReason().kind()).isEqualTo(FinishReason.Kind.STOP);
    });
    FOLDS.put("openai-chat/openai-python.content-logprobs", r -> assertThat(r.text()).isEqualTo("Foo!"));
    FOLDS.put("openai-chat/openai-python.refusal-logprobs", r -> {
      assertThat(r.refusal()).isEqualTo("I'm very sorry, but I can't assist with that.");
      assertThat(r.text()).isEmpty();
    });
    FOLDS.put("openai-chat/openai-python.finish-length",
        r -> assertThat(r.finishReason()).isEqualTo(FinishReason.of(FinishReason.Kind.LENGTH, "length")));
    FOLDS.put("openai-chat/openai-python.n3-multiple-choices", r -> {
      assertThat(r.choices()).extracting(ChatResponse.Choice::text).containsExactly(
          "{\"city\":\"San Francisco\",\"temperature\":65,\"units\":\"f\"}",
          "{\"city\":\"San Francisco\",\"temperature\":61,\"units\":\"f\"}",
          "{\"city\":\"San Francisco\",\"temperature\":59,\"units\":\"f\"}");
      assertThat(r.choices()).allSatisfy(c -> assertThat(c.finishReason().kind()).isEqualTo(FinishReason.Kind.STOP));
    });
    FOLDS.put("openai-chat/pydantic-ai.parallel-tool-calls-obfuscation", r -> {
      assertThat(r.toolCalls()).extracting(ToolCall::name).containsExactly("get_country", "get_product_name");
      assertThat(r.toolCalls()).extracting(ToolCall::arguments).containsExactly("{}", "{}");
      assertThat(r.usage().inputTokens()).isEqualTo(364L);
      assertThat(r.usage().outputTokens()).isEqualTo(40L);
    });
    FOLDS.put("openai-chat/langchaingo.gpt-3.5-count", r -> assertThat(r.text()).isEqualTo("1, 2, 3, 4, 5"));
    FOLDS.put("openai-chat/req_llm.gpt-4o-text", SharedCaptureTest::looseReqLlm);
    FOLDS.put("openai-chat/req_llm.azure-gpt-4o-content-filter", SharedCaptureTest::looseReqLlm);
    // deepseek
    FOLDS.put("deepseek/pydantic-ai.reasoning-content", r -> {
      assertThat(r.reasoning()).isNotEmpty();
      assertThat(r.text()).isNotEmpty();
      assertThat(r.usage().inputTokens()).isEqualTo(6L);
      assertThat(r.usage().outputTokens()).isEqualTo(212L);
      assertThat(r.usage().reasoningTokens()).isEqualTo(198L);
      assertThat(r.finishReason().raw()).isEqualTo("stop");
    });
    FOLDS.put("deepseek/req_llm.azure-deepseek-r1-reasoning", r -> {
      looseReqLlm(r);
      assertThat(r.reasoning()).isNotEmpty();
    });
    FOLDS.put("deepseek/vercel-ai.reasoning", r -> {
      assertThat(r.reasoning()).startsWith("We need to count");
      assertThat(r.text()).isEqualTo("The word \"strawberry\" contains three \"r\"s.");
    });
    FOLDS.put("deepseek/vercel-ai.tool-call", r -> {
      assertThat(r.toolCalls()).containsExactly(ToolCall.of("call_00_ioIn7yN9p1ZOMNpDLwd4MgAF", "weather",
          "{\"location\": \"San Francisco\"}"));
      assertThat(r.finishReason().kind()).isEqualTo(FinishReason.Kind.TOOL_CALLS);
      assertThat(r.usage()).isEqualTo(new Usage(339L, 83L, 422L, 39L, 320L, null));
    });
    // groq
    FOLDS.put("groq/vercel-ai.tool-call", r -> {
      assertThat(r.toolCalls()).containsExactly(ToolCall.of("tk85n1k4m", "weather", "{}"));
      assertThat(r.usage()).isEqualTo(new Usage(210L, 15L, 225L, null, null, null));
    });
    FOLDS.put("groq/req_llm.kimi-k2-tool-call", r -> {
      assertThat(r.toolCalls()).hasSize(1);
      assertThat(r.toolCalls().get(0).id()).isEqualTo("functions.structured_output:0");
      assertThat(r.finishReason().kind()).isEqualTo(FinishReason.Kind.TOOL_CALLS);
    });
    FOLDS.put("groq/req_llm.gpt-oss-20b-reasoning", r -> {
      looseReqLlm(r);
      assertThat(r.reasoning()).isNotEmpty();
    });
    FOLDS.put("groq/req_llm.llama-3.3-text", SharedCaptureTest::looseReqLlm);
    // openrouter
    FOLDS.put("openrouter/langchaingo.llama-free", r -> assertThat(r.text()).isEqualTo("test response"));
    FOLDS.put("openrouter/pydantic-ai.reasoning-details", r -> {
      assertThat(r.reasoning()).isEqualTo("This is a simple arithmetic question. 2+2 equals 4.");
      assertThat(r.text()).isEqualTo("2 + 2 = 4");
    });
    FOLDS.put("openrouter/req_llm.claude-opus-tool-call", r -> {
      assertThat(r.toolCalls()).hasSize(1);
      assertThat(r.toolCalls().get(0).id()).startsWith("toolu_vrtx");
      assertThat(r.toolCalls().get(0).arguments()).isEqualTo(
          "{\"name\": \"Alex Chen\", \"age\": 28, \"occupation\": \"Software Engineer\"}");
      assertThat(r.usage().inputTokens()).isPositive();
    });
    // xai
    FOLDS.put("xai/vercel-ai.grok-3-mini-tool-call", r -> {
      assertThat(r.reasoning()).isNotEmpty();
      assertThat(r.toolCalls()).containsExactly(ToolCall.of("call_55117580", "weather",
          "{\"location\":\"San Francisco\"}"));
      // wire: prompt 291, completion 26, reasoning 196 counted apart (total 513); output includes reasoning
      assertThat(r.usage().inputTokens()).isEqualTo(291L);
      assertThat(r.usage().outputTokens()).isEqualTo(26L + 196L);
      assertThat(r.usage().reasoningTokens()).isEqualTo(196L);
    });
    FOLDS.put("xai/req_llm.grok-3-mini-reasoning-content", r -> {
      looseReqLlm(r);
      assertThat(r.reasoning()).isNotEmpty();
    });
    FOLDS.put("xai/req_llm.grok-4-fast-reasoning-hidden", r -> {
      looseReqLlm(r);
      assertThat(r.reasoning()).isEmpty();
      assertThat(r.usage().reasoningTokens()).isPositive();
    });
    FOLDS.put("xai/req_llm.grok-4-fast-text", SharedCaptureTest::looseReqLlm);
    // mistral
    FOLDS.put("mistral/pydantic-ai.magistral-thinking", r -> {
      assertThat(r.reasoning()).startsWith("Okay, the user is asking how to cross the street.");
      assertThat(r.text()).startsWith("To cross the street safely");
      assertThat(r.usage().inputTokens()).isEqualTo(10L);
      assertThat(r.usage().outputTokens()).isEqualTo(232L);
    });
    FOLDS.put("mistral/vercel-ai.text", r -> {
      assertThat(r.text()).isEqualTo("Hello, world! This is a test response.");
      assertThat(r.usage().inputTokens()).isEqualTo(13L);
      assertThat(r.usage().outputTokens()).isEqualTo(8L);
    });
    FOLDS.put("mistral/vercel-ai.tool-call", r -> {
      assertThat(r.toolCalls()).containsExactly(ToolCall.of("gSIMJiOkT", "weather",
          "{\"location\": \"San Francisco\"}"));
      assertThat(r.usage()).isEqualTo(new Usage(124L, 22L, 146L, null, null, null));
    });
    FOLDS.put("mistral/vercel-ai.reasoning", r -> {
      assertThat(r.reasoning()).isEqualTo("The user is asking for 2+2. This is basic arithmetic. 2+2=4.");
      assertThat(r.text()).isEqualTo("2 + 2 = 4");
    });

    // Groq reports the failed tool call as `event: error` (no [DONE]) after reasoning deltas.
    ERRORS.put("groq/pydantic-ai.tool-use-failed-error", result -> {
      assertThat(result.error().kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
      assertThat(result.error().providerCode()).isEqualTo("tool_use_failed");
      assertThat(result.error().providerMessage()).startsWith("Tool call validation failed");
      assertThat(result.error().partial().reasoning()).startsWith("We need to call the tool");
    });
    // OpenRouter's last chunk carries a top-level error (code 400) under HTTP 200, after finish_reason length.
    // Decision: the error ends the stream as INVALID_REQUEST (the numeric code read as a status); the usage the
    // same chunk carries, and the reasoning and finish reason before it, stay in the partial response.
    ERRORS.put("openrouter/pydantic-ai.keepalive-then-error", result -> {
      assertThat(result.error().kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
      assertThat(result.error().providerCode()).isEqualTo("400");
      assertThat(result.error().providerMessage()).isEqualTo("Token limit reached");
      ChatResponse partial = result.error().partial();
      assertThat(partial.reasoning()).isEqualTo("We need to respond to a greeting. The user");
      assertThat(partial.finishReason()).isEqualTo(FinishReason.of(FinishReason.Kind.LENGTH, "length"));
      assertThat(partial.usage()).isEqualTo(new Usage(43L, 10L, 53L, 11L, 0L, null));
    });
  }

  private static void looseReqLlm(ChatResponse r) {
    assertThat(r.text()).isNotEmpty();
    assertThat(r.finishReason()).isNotNull();
    assertThat(r.usage().inputTokens()).isPositive();
    assertThat(r.usage().outputTokens()).isPositive();
    assertThat(r.usage().totalTokens()).isPositive();
  }

  private static StreamingProvider provider(String id) {
    if (id.equals("openai")) {
      return new OpenAiProvider();
    }
    return new OpenAiCompatibleProviders().providers().stream().filter(p -> p.info().id().equals(id)).findFirst()
        .orElseThrow();
  }

  private static List<Path> captures() {
    List<Path> all = new ArrayList<>();
    for (String family : FAMILIES.keySet().stream().sorted().toList()) {
      all.addAll(SharedFixtures.family(family));
    }
    return all;
  }

  static OfflineDecoder.Result decode(Recording r, StreamingProvider provider) {
    List<byte[]> reads = new ArrayList<>(r.reads());
    if (r.format() == Format.JSONL_DATA) {
      reads.add("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8)); // vercel's fixtures record no terminator
    }
    return OfflineDecoder.decode(provider, ChatRequest.builder("model").user("hi").build(), reads,
        FramingLimits.DEFAULT);
  }

  @TestFactory
  Stream<DynamicTest> everyCaptureDecodesToItsStatedFold() {
    Assumptions.assumeTrue(SharedFixtures.wireDir().isPresent(),
        "the shared fixtures (rill.shared.dir/fixtures/wire) are absent: nothing to check");
    return captures().stream().map(file -> DynamicTest.dynamicTest(file.getParent().getFileName() + "/"
        + file.getFileName(), () -> {
          Recording r = Recordings.load(file);
          Assumptions.assumeFalse(NOT_CHAT_COMPLETIONS.containsKey(r.name()),
              () -> r.name() + " is skipped: " + NOT_CHAT_COMPLETIONS.get(r.name()));
          String family = r.name().substring(0, r.name().indexOf('/'));
          assertThat(r.status()).isEqualTo(200);
          OfflineDecoder.Result result = decode(r, provider(FAMILIES.get(family)));
          if (ERRORS.containsKey(r.name())) {
            assertThat(result.error()).as("%s records an error", r.name()).isNotNull();
            ERRORS.get(r.name()).accept(result);
            return;
          }
          assertThat(result.error()).as("%s must not fail", r.name()).isNull();
          assertThat(result.ended()).as("%s must end with [DONE]", r.name()).isTrue();
          assertThat(result.chunks()).noneMatch(dev.rill.api.StreamChunk::isEmpty);
          Consumer<ChatResponse> fold = FOLDS.get(r.name());
          assertThat(fold).as("no stated fold for %s: add one", r.name()).isNotNull();
          fold.accept(result.response());
        }));
  }

  @Test
  void everyStatedFoldHasItsCapture() {
    Assumptions.assumeTrue(SharedFixtures.wireDir().isPresent(), "the shared fixtures are absent");
    Set<String> names = new HashSet<>();
    for (Path p : captures()) {
      names.add(Recordings.load(p).name());
    }
    assertThat(names).containsAll(FOLDS.keySet()).containsAll(ERRORS.keySet())
        .containsAll(NOT_CHAT_COMPLETIONS.keySet());
    assertThat(names).hasSize(FOLDS.size() + ERRORS.size() + NOT_CHAT_COMPLETIONS.size());
  }

  @Test
  void recordedReadBoundariesAndWholeBodyGiveTheSameFold() {
    Assumptions.assumeTrue(SharedFixtures.wireDir().isPresent(), "the shared fixtures are absent");
    for (Path p : captures()) {
      Recording r = Recordings.load(p);
      if (NOT_CHAT_COMPLETIONS.containsKey(r.name()) || r.reads().size() < 2 || r.format() == Format.JSONL_DATA) {
        continue;
      }
      String family = r.name().substring(0, r.name().indexOf('/'));
      StreamingProvider provider = provider(FAMILIES.get(family));
      OfflineDecoder.Result byReads = decode(r, provider);
      OfflineDecoder.Result whole = OfflineDecoder.decode(provider, ChatRequest.builder("model").user("hi").build(),
          r.body());
      assertThat(byReads.response()).as(r.name()).isEqualTo(whole.response());
    }
  }
}
