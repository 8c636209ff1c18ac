package dev.rill.provider.openai.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.rill.api.ChatAccumulator;
import dev.rill.api.ChatResponse;
import dev.rill.api.ChunkSink;
import dev.rill.api.ErrorKind;
import dev.rill.api.FinishReason;
import dev.rill.api.RillException;
import dev.rill.api.Role;
import dev.rill.api.StreamChunk;
import dev.rill.api.StreamDecoder.Progress;
import dev.rill.api.ToolCall;
import dev.rill.api.ToolCallDelta;
import dev.rill.api.Usage;
import dev.rill.api.WireEvent;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.util.BufferRecycler;
import tools.jackson.core.util.JsonRecyclerPools;
import tools.jackson.core.util.RecyclerPool;

class ChatChunkDecoderTest {

  /** A sink that records everything and folds it. */
  static final class Recorder implements ChunkSink {
    final List<StreamChunk> chunks = new ArrayList<>();
    final List<String> infos = new ArrayList<>();
    final ChatAccumulator acc = new ChatAccumulator("openai", "m");

    @Override
    public void emit(StreamChunk chunk) {
      chunks.add(chunk);
      acc.add(chunk);
    }

    @Override
    public void responseInfo(String responseId, String model) {
      infos.add(responseId + "|" + model);
      acc.responseInfo(responseId, model);
    }

    ChatResponse response() {
      return acc.response();
    }
  }

  private final ChatChunkDecoder decoder = new ChatChunkDecoder("openai", "gpt-4o-mini");
  private final Recorder sink = new Recorder();

  private Progress feed(String data) {
    return decoder.decode(WireEvent.ofText(data), sink);
  }

  private void feedAll(String... data) {
    for (String d : data) {
      assertThat(feed(d)).isEqualTo(Progress.CONTINUE);
    }
  }

  private static String delta(String deltaJson) {
    return "{\"id\":\"c1\",\"model\":\"gpt-4o-mini\",\"choices\":[{\"index\":0,\"delta\":" + deltaJson
        + ",\"finish_reason\":null}]}";
  }

  private static String finish(String reason) {
    return "{\"id\":\"c1\",\"model\":\"gpt-4o-mini\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\""
        + reason + "\"}]}";
  }

  @Test
  void doneMatchedExactlyEndsTheStream() {
    assertThat(feed("[DONE]")).isEqualTo(Progress.END);
    assertThat(sink.chunks).isEmpty();
  }

  @Test
  void doneWithSpacesOrInsideContentIsNotTheEnd() {
    feedAll(delta("{\"content\":\"[DONE]\"}"), delta("{\"content\":\" data: [DONE]\"}"));
    assertThat(sink.response().text()).isEqualTo("[DONE] data: [DONE]");
    assertThatThrownBy(() -> feed(" [DONE]")).isInstanceOf(RillException.class)
        .extracting(e -> ((RillException) e).kind()).isEqualTo(ErrorKind.MALFORMED_RESPONSE);
  }

  @Test
  void endOfInputWithoutDoneIsNotAProperEnd() {
    feedAll(delta("{\"content\":\"Hi\"}"), finish("stop"));
    assertThat(decoder.endOfInput(sink)).isFalse();
  }

  @Test
  void textPassesThroughExactlyAndRoleRidesOnTheFirstRealChunk() {
    feedAll(delta("{\"role\":\"assistant\",\"content\":\"\",\"refusal\":null}"), delta("{\"content\":\"  Hi \\n\"}"),
        delta("{\"content\":\"\"}"), delta("{\"content\":\"there\\t\"}"), finish("stop"));
    assertThat(sink.chunks).hasSize(3);
    assertThat(sink.chunks.get(0).role()).isEqualTo(Role.ASSISTANT);
    assertThat(sink.chunks.get(0).content()).isEqualTo("  Hi \n");
    assertThat(sink.chunks.get(1).role()).isNull();
    assertThat(sink.chunks).noneMatch(StreamChunk::isEmpty);
    assertThat(sink.response().text()).isEqualTo("  Hi \nthere\t");
    assertThat(sink.response().finishReason()).isEqualTo(FinishReason.of(FinishReason.Kind.STOP, "stop"));
  }

  @Test
  void responseInfoIsReportedOnceAndWhenItChanges() {
    feedAll("{\"id\":\"\",\"model\":\"\",\"choices\":[],\"prompt_filter_results\":[{\"prompt_index\":0}]}",
        delta("{\"content\":\"a\"}"), delta("{\"content\":\"b\"}"),
        "{\"id\":\"c2\",\"model\":\"gpt-4o-mini\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"c\"}}]}");
    assertThat(sink.infos).containsExactly("c1|gpt-4o-mini", "c2|gpt-4o-mini");
    assertThat(sink.chunks).hasSize(3);
  }

  @Test
  void finishReasonsMap() {
    assertThat(ChatChunkDecoder.finishReason("stop", false).kind()).isEqualTo(FinishReason.Kind.STOP);
    assertThat(ChatChunkDecoder.finishReason("length", false).kind()).isEqualTo(FinishReason.Kind.LENGTH);
    assertThat(ChatChunkDecoder.finishReason("tool_calls", false).kind()).isEqualTo(FinishReason.Kind.TOOL_CALLS);
    assertThat(ChatChunkDecoder.finishReason("function_call", false).kind())
        .isEqualTo(FinishReason.Kind.TOOL_CALLS);
    assertThat(ChatChunkDecoder.finishReason("content_filter", false).kind())
        .isEqualTo(FinishReason.Kind.CONTENT_FILTER);
    assertThat(ChatChunkDecoder.finishReason("eos", false)).isEqualTo(FinishReason.of(FinishReason.Kind.OTHER, "eos"));
    assertThat(ChatChunkDecoder.finishReason("STOP", false).kind()).isEqualTo(FinishReason.Kind.OTHER);
  }

  @Test
  void unknownFinishReasonKeepsRawAndIsNeverStop() {
    feedAll(delta("{\"content\":\"x\"}"), finish("insufficient_system_resource"));
    assertThat(sink.response().finishReason())
        .isEqualTo(FinishReason.of(FinishReason.Kind.OTHER, "insufficient_system_resource"));
  }

  @Test
  void repeatedIdenticalFinishReasonIsEmittedOnce() {
    feedAll(delta("{\"content\":\"x\"}"), finish("length"), finish("length"));
    assertThat(sink.chunks).filteredOn(c -> c.finishReason() != null).hasSize(1);
  }

  @Test
  void plainStopAfterToolCallsIsToolCalls() {
    feedAll(delta("{\"tool_calls\":[{\"index\":0,\"id\":\"t1\",\"function\":{\"name\":\"f\",\"arguments\":\"{}\"}}]}"),
        finish("stop"));
    assertThat(sink.response().finishReason()).isEqualTo(FinishReason.of(FinishReason.Kind.TOOL_CALLS, "stop"));
  }

  @Test
  void refusalIsSeparateFromContent() {
    feedAll(delta("{\"content\":null,\"refusal\":\"I'm sorry\"}"), delta("{\"refusal\":\", no.\"}"));
    assertThat(sink.response().refusal()).isEqualTo("I'm sorry, no.");
    assertThat(sink.response().text()).isEmpty();
  }

  @Test
  void reasoningContentAndReasoningBecomeReasoning() {
    feedAll(delta("{\"content\":null,\"reasoning_content\":\"Deep\"}"), delta("{\"reasoning\":\"Groq\"}"),
        delta("{\"reasoning\":null,\"content\":\"ok\"}"));
    assertThat(sink.response().reasoning()).isEqualTo("DeepGroq");
    assertThat(sink.response().text()).isEqualTo("ok");
  }

  @Test
  void bothReasoningFieldsInOneDeltaAreNotDoubled() {
    feedAll(delta("{\"reasoning_content\":\"same\",\"reasoning\":\"same\"}"));
    assertThat(sink.response().reasoning()).isEqualTo("same");
  }

  @Test
  void mistralContentArrayGivesTextAndReasoning() {
    feedAll(delta("{\"content\":[{\"type\":\"thinking\",\"thinking\":[{\"type\":\"text\",\"text\":\"Hmm, \"}]}]}"),
        delta("{\"content\":[{\"type\":\"thinking\",\"thinking\":[{\"type\":\"text\",\"text\":\"4.\"}]},"
            + "{\"type\":\"text\",\"text\":\"2 + 2 = 4\"}]}"),
        delta("{\"content\":[{\"text\":\"!\",\"type\":\"text\"},{\"type\":\"reference\",\"reference_ids\":[1]}]}"),
        delta("{\"content\":\" Done\"}"));
    assertThat(sink.response().reasoning()).isEqualTo("Hmm, 4.");
    assertThat(sink.response().text()).isEqualTo("2 + 2 = 4! Done");
  }

  @Test
  void toolCallFragmentsFoldIntoOneCall() {
    feedAll(delta("{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"index\":0,\"id\":\"call_1\","
            + "\"type\":\"function\",\"function\":{\"name\":\"get_weather\",\"arguments\":\"\"}}]}"),
        delta("{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"{\\\"city\\\"\"}}]}"),
        delta("{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\":\\\"Paris\\\"}\"}}]}"),
        finish("tool_calls"));
    assertThat(sink.response().toolCalls())
        .containsExactly(ToolCall.of("call_1", "get_weather", "{\"city\":\"Paris\"}"));
    assertThat(sink.chunks.get(0).toolCalls()).containsExactly(ToolCallDelta.start(0, "call_1", "get_weather"));
  }

  @Test
  void repeatedIdOnEveryFragmentStaysOneCallAndIsSentOnce() {
    feedAll(delta("{\"tool_calls\":[{\"index\":0,\"id\":\"call_x\",\"function\":{\"name\":\"f\",\"arguments\":\"{\"}}]}"),
        delta("{\"tool_calls\":[{\"index\":0,\"id\":\"call_x\",\"function\":{\"name\":\"f\",\"arguments\":\"}\"}}]}"));
    assertThat(sink.response().toolCalls()).containsExactly(ToolCall.of("call_x", "f", "{}"));
    assertThat(sink.chunks.get(1).toolCalls()).containsExactly(ToolCallDelta.arguments(0, "}"));
  }

  @Test
  void idNameAndArgumentsSplitOverFragmentsStayOneCall() {
    // vLLM's tool parsers: the id (with type) first, the name next, arguments after, all at index 0
    feedAll(delta("{\"tool_calls\":[{\"index\":0,\"id\":\"chatcmpl-tool-7\",\"type\":\"function\"}]}"),
        delta("{\"tool_calls\":[{\"index\":0,\"function\":{\"name\":\"get_weather\"}}]}"),
        delta("{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"{\\\"city\\\":\"}}]}"),
        delta("{\"tool_calls\":[{\"index\":0,\"id\":null,\"function\":{\"arguments\":\"\\\"Paris\\\"}\"}}]}"),
        finish("tool_calls"));
    assertThat(sink.response().toolCalls())
        .containsExactly(ToolCall.of("chatcmpl-tool-7", "get_weather", "{\"city\":\"Paris\"}"));
  }

  @Test
  void parallelToolCallsKeepTheirOrder() {
    feedAll(delta("{\"tool_calls\":[{\"index\":0,\"id\":\"a\",\"function\":{\"name\":\"f\",\"arguments\":\"\"}}]}"),
        delta("{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"{}\"}}]}"),
        delta("{\"tool_calls\":[{\"index\":1,\"id\":\"b\",\"function\":{\"name\":\"g\",\"arguments\":\"\"}}]}"),
        delta("{\"tool_calls\":[{\"index\":1,\"function\":{\"arguments\":\"{\\\"x\\\":1}\"}}]}"));
    assertThat(sink.response().toolCalls())
        .containsExactly(ToolCall.of("a", "f", "{}"), ToolCall.of("b", "g", "{\"x\":1}"));
  }

  @Test
  void wholeCallsWithoutIndexArePlacedByPositionAndId() {
    feedAll(delta("{\"content\":null,\"tool_calls\":[{\"id\":\"gSIMJiOkT\",\"function\":{\"name\":\"weather\","
            + "\"arguments\":\"{\\\"location\\\": \\\"SF\\\"}\"}},{\"id\":\"k2\",\"function\":{\"name\":\"time\","
            + "\"arguments\":\"{}\"}}]}"),
        delta("{\"tool_calls\":[{\"id\":\"k3\",\"function\":{\"name\":\"news\",\"arguments\":\"{}\"}}]}"));
    assertThat(sink.response().toolCalls()).containsExactly(
        ToolCall.of("gSIMJiOkT", "weather", "{\"location\": \"SF\"}"), ToolCall.of("k2", "time", "{}"),
        ToolCall.of("k3", "news", "{}"));
  }

  @Test
  void aNewIdOnAUsedWireIndexStartsANewCall() {
    feedAll(delta("{\"tool_calls\":[{\"index\":0,\"id\":\"a\",\"function\":{\"name\":\"f\",\"arguments\":\"{}\"}}]}"),
        delta("{\"tool_calls\":[{\"index\":0,\"id\":\"b\",\"function\":{\"name\":\"g\",\"arguments\":\"{}\"}}]}"));
    assertThat(sink.response().toolCalls()).extracting(ToolCall::id).containsExactly("a", "b");
  }

  @Test
  void argumentsSentAsAnObjectAreKeptAsJson() {
    feedAll(delta("{\"tool_calls\":[{\"index\":0,\"id\":\"a\",\"function\":{\"name\":\"f\",\"arguments\":"
        + "{\"city\":\"Paris\",\"n\":[1,2]}}}]}"));
    assertThat(sink.response().toolCalls().get(0).arguments()).isEqualTo("{\"city\":\"Paris\",\"n\":[1,2]}");
  }

  @Test
  void legacyFunctionCallIsAToolCall() {
    feedAll(delta("{\"function_call\":{\"name\":\"f\",\"arguments\":\"{\\\"a\\\"\"}}"),
        delta("{\"function_call\":{\"arguments\":\":1}\"}}"), finish("function_call"));
    assertThat(sink.response().toolCalls()).containsExactly(ToolCall.of("", "f", "{\"a\":1}"));
    assertThat(sink.response().finishReason().kind()).isEqualTo(FinishReason.Kind.TOOL_CALLS);
  }

  @Test
  void severalChoicesStayApart() {
    feedAll("{\"id\":\"c\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"A\"}},{\"index\":2,\"delta\":"
        + "{\"content\":\"C\"}}]}", "{\"id\":\"c\",\"choices\":[{\"index\":1,\"delta\":{\"content\":\"B\"},"
        + "\"finish_reason\":\"stop\"}]}");
    ChatResponse r = sink.response();
    assertThat(r.choices()).extracting(ChatResponse.Choice::text).containsExactly("A", "B", "C");
    assertThat(sink.chunks).extracting(StreamChunk::choice).containsExactly(0, 2, 1);
  }

  @Test
  void usageChunkWithEmptyChoicesGivesUsage() {
    feedAll("{\"id\":\"c1\",\"choices\":[],\"usage\":{\"prompt_tokens\":14,\"completion_tokens\":30,"
        + "\"total_tokens\":44,\"prompt_tokens_details\":{\"cached_tokens\":2,\"audio_tokens\":0},"
        + "\"completion_tokens_details\":{\"reasoning_tokens\":5}}}");
    assertThat(sink.chunks).containsExactly(StreamChunk.ofUsage(new Usage(14L, 30L, 44L, 5L, 2L, null)));
  }

  @Test
  void usageOnAFinishChunkRidesOnIt() {
    feedAll("{\"id\":\"c1\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"\"},\"finish_reason\":\"stop\"}],"
        + "\"usage\":{\"prompt_tokens\":10,\"total_tokens\":56,\"completion_tokens\":46}}");
    assertThat(sink.chunks).hasSize(1);
    assertThat(sink.chunks.get(0).usage()).isEqualTo(new Usage(10L, 46L, 56L, null, null, null));
    assertThat(sink.chunks.get(0).finishReason().raw()).isEqualTo("stop");
  }

  @Test
  void groqUsageIsUsedWhenThereIsNoTopLevelUsage() {
    feedAll("{\"id\":\"c1\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}],\"x_groq\":{\"id\":"
        + "\"req_1\",\"usage\":{\"queue_time\":0.04,\"prompt_tokens\":210,\"completion_tokens\":15,"
        + "\"total_tokens\":225}}}");
    assertThat(sink.response().usage()).isEqualTo(new Usage(210L, 15L, 225L, null, null, null));
  }

  @Test
  void nullUsageAndEmptyChunksEmitNothing() {
    feedAll("{\"id\":\"c1\",\"choices\":[],\"usage\":null}", delta("{}"), delta("{\"content\":null}"),
        "{\"id\":\"c1\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"\"},\"logprobs\":{\"content\":[]}}],"
            + "\"obfuscation\":\"abc\",\"usage\":null}",
        "{\"choices\":[],\"prompt_filter_results\":[{\"prompt_index\":0,\"content_filter_results\":{}}]}");
    assertThat(sink.chunks).isEmpty();
  }

  @Test
  void reasoningCountedOutsideCompletionIsAddedToOutput() {
    feedAll("{\"choices\":[],\"usage\":{\"prompt_tokens\":291,\"completion_tokens\":26,\"total_tokens\":513,"
        + "\"completion_tokens_details\":{\"reasoning_tokens\":196}}}");
    assertThat(sink.response().usage()).isEqualTo(new Usage(291L, 222L, 513L, 196L, null, null));
    Recorder other = new Recorder();
    new ChatChunkDecoder("openai", null).decode(WireEvent.ofText("{\"choices\":[],\"usage\":{\"prompt_tokens\":6,"
        + "\"completion_tokens\":212,\"total_tokens\":218,\"completion_tokens_details\":{\"reasoning_tokens\":198}}}"),
        other);
    assertThat(other.response().usage().outputTokens()).isEqualTo(212L);
  }

  @Test
  void deepSeekCacheHitTokensAreCachedInputWhenDetailsAreMissing() {
    feedAll("{\"choices\":[],\"usage\":{\"prompt_tokens\":6,\"completion_tokens\":212,\"total_tokens\":218,"
        + "\"prompt_cache_hit_tokens\":4,\"prompt_cache_miss_tokens\":2}}");
    assertThat(sink.response().usage().cachedInputTokens()).isEqualTo(4L);
  }

  @Test
  void unknownFieldsAndEventTypesAreIgnored() {
    feedAll("{\"id\":\"c1\",\"future\":{\"deep\":[1,{\"x\":null}]},\"choices\":[{\"index\":0,\"delta\":"
        + "{\"content\":\"ok\",\"annotations\":[{\"a\":1}]},\"content_filter_results\":{}}]}");
    assertThat(decoder.decode(WireEvent.ofText("ping", "{}"), sink)).isEqualTo(Progress.CONTINUE);
    assertThat(sink.response().text()).isEqualTo("ok");
  }

  @Test
  void inStreamErrorObjectThrowsWithItsKind() {
    feedAll(delta("{\"content\":\"partial\"}"));
    RillException e = catchThrowableOfType(RillException.class, () -> feed(
        "{\"error\":{\"message\":\"The server had an error\",\"type\":\"server_error\",\"param\":null,\"code\":null}}"));
    assertThat(e.kind()).isEqualTo(ErrorKind.SERVER);
    assertThat(e.providerCode()).isEqualTo("server_error");
    assertThat(e.providerMessage()).isEqualTo("The server had an error");
    assertThat(e.provider()).isEqualTo("openai");
    assertThat(sink.response().text()).isEqualTo("partial");
  }

  @Test
  void inStreamErrorKinds() {
    assertThat(errorKind("{\"error\":{\"code\":\"rate_limit_exceeded\",\"message\":\"slow down\"}}"))
        .isEqualTo(ErrorKind.RATE_LIMITED);
    assertThat(errorKind("{\"error\":{\"code\":429,\"message\":\"x\"}}")).isEqualTo(ErrorKind.RATE_LIMITED);
    assertThat(errorKind("{\"error\":{\"code\":503,\"message\":\"x\"}}")).isEqualTo(ErrorKind.OVERLOADED);
    assertThat(errorKind("{\"error\":{\"type\":\"overloaded_error\",\"message\":\"x\"}}"))
        .isEqualTo(ErrorKind.OVERLOADED);
    assertThat(errorKind("{\"error\":{\"code\":\"insufficient_quota\",\"type\":\"insufficient_quota\"}}"))
        .isEqualTo(ErrorKind.QUOTA_EXHAUSTED);
    assertThat(errorKind("{\"error\":{\"code\":\"context_length_exceeded\",\"type\":\"invalid_request_error\"}}"))
        .isEqualTo(ErrorKind.CONTEXT_LENGTH_EXCEEDED);
    assertThat(errorKind("{\"error\":{\"code\":\"tool_use_failed\",\"type\":\"invalid_request_error\","
        + "\"status_code\":400}}")).isEqualTo(ErrorKind.INVALID_REQUEST);
    assertThat(errorKind("{\"error\":{\"message\":\"mystery\"}}")).isEqualTo(ErrorKind.SERVER);
    assertThat(errorKind("{\"error\":\"boom\"}")).isEqualTo(ErrorKind.SERVER);
  }

  private ErrorKind errorKind(String data) {
    ChatChunkDecoder fresh = new ChatChunkDecoder("openai", null);
    return catchThrowableOfType(RillException.class, () -> fresh.decode(WireEvent.ofText(data), sink)).kind();
  }

  @Test
  void errorEventTypeThrowsEvenWithoutAnErrorObject() {
    RillException groq = catchThrowableOfType(RillException.class, () -> decoder.decode(WireEvent.ofText("error",
        "{\"error\":{\"message\":\"Tool call validation failed\",\"type\":\"invalid_request_error\","
            + "\"code\":\"tool_use_failed\",\"status_code\":400}}"), sink));
    assertThat(groq.kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
    assertThat(groq.providerCode()).isEqualTo("tool_use_failed");
    RillException text = catchThrowableOfType(RillException.class,
        () -> new ChatChunkDecoder("groq", null).decode(WireEvent.ofText("error", "upstream died"), sink));
    assertThat(text.kind()).isEqualTo(ErrorKind.SERVER);
    assertThat(text.providerMessage()).isEqualTo("upstream died");
  }

  @Test
  void usageInTheErrorChunkIsEmittedBeforeTheError() {
    assertThatThrownBy(() -> feed("{\"id\":\"g\",\"error\":{\"code\":400,\"message\":\"Token limit reached\"},"
        + "\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"}}],"
        + "\"usage\":{\"prompt_tokens\":43,\"completion_tokens\":10,\"total_tokens\":53}}"))
        .isInstanceOf(RillException.class);
    assertThat(sink.response().usage()).isEqualTo(new Usage(43L, 10L, 53L, null, null, null));
  }

  @Test
  void invalidJsonIsMalformedWithRawEventAndTheDecoderGoesOn() {
    feedAll(delta("{\"tool_calls\":[{\"index\":0,\"id\":\"a\",\"function\":{\"name\":\"f\",\"arguments\":\"{\"}}]}"));
    for (String bad : List.of("{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"x\"", "not json", "[1,2]",
        "{\"choices\":{}}", "{\"choices\":[{\"index\":-1}]}", "{\"choices\":[{\"index\":\"0\"}]}",
        "{\"choices\":[{\"index\":0,\"delta\":{\"content\":42}}]}", "{} {}",
        "{\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"id\":\"zz\"}]}}]}x")) {
      RillException e = catchThrowableOfType(RillException.class, () -> feed(bad));
      assertThat(e).as(bad).isNotNull();
      assertThat(e.kind()).as(bad).isEqualTo(ErrorKind.MALFORMED_RESPONSE);
      assertThat(e.rawEvent()).isEqualTo(bad);
    }
    feedAll(delta("{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"}\"}}]}"), finish("tool_calls"));
    assertThat(feed("[DONE]")).isEqualTo(Progress.END);
    assertThat(sink.response().toolCalls()).containsExactly(ToolCall.of("a", "f", "{}"));
  }

  @Test
  void blankPayloadsAreKeepAlives() {
    feedAll("", "  ");
    assertThat(sink.chunks).isEmpty();
  }

  @Test
  void closeReturnsTheStreamsParserBuffersToTheFactorysPoolWithoutEndOfInput() {
    RecyclerPool<BufferRecycler> pool = JsonRecyclerPools.newConcurrentDequePool();
    ChatChunkDecoder pooled = new ChatChunkDecoder("openai", "m", JsonFactory.builder().recyclerPool(pool).build());
    pooled.close(); // before any event: nothing to release
    assertThat(pool.pooledCount()).isZero();

    pooled.decode(WireEvent.ofText(delta("{\"content\":\"Hel\"}")), sink);
    pooled.decode(WireEvent.ofText(delta("{\"content\":\"lo\"}")), sink);
    assertThat(pool.pooledCount()).as("the open parser holds its buffers between events").isZero();

    pooled.close(); // a cancel: no [DONE], no endOfInput
    assertThat(pool.pooledCount()).isEqualTo(1);
    pooled.close();
    assertThat(pool.pooledCount()).isEqualTo(1);
    assertThat(sink.response().text()).isEqualTo("Hello");
  }

  @Test
  void theTerminatorAlreadyReleasesTheParserSoALaterCloseHasNothingToDo() {
    RecyclerPool<BufferRecycler> pool = JsonRecyclerPools.newConcurrentDequePool();
    ChatChunkDecoder pooled = new ChatChunkDecoder("openai", "m", JsonFactory.builder().recyclerPool(pool).build());
    pooled.decode(WireEvent.ofText(delta("{\"content\":\"Hi\"}")), sink);
    assertThat(pooled.decode(WireEvent.ofText("[DONE]"), sink)).isEqualTo(Progress.END);
    assertThat(pool.pooledCount()).isEqualTo(1);
    pooled.close();
    assertThat(pool.pooledCount()).isEqualTo(1);
  }
}
