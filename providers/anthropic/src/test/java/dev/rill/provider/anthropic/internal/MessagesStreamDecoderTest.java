package dev.rill.provider.anthropic.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.rill.api.ErrorKind;
import dev.rill.api.FinishReason;
import dev.rill.api.FinishReason.Kind;
import dev.rill.api.ReasoningBlock;
import dev.rill.api.RillException;
import dev.rill.api.Role;
import dev.rill.api.StreamChunk;
import dev.rill.api.StreamDecoder.Progress;
import dev.rill.api.ToolCall;
import dev.rill.api.ToolCallDelta;
import dev.rill.api.Usage;
import dev.rill.api.WireEvent;
import dev.rill.testkit.RecordingSink;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MessagesStreamDecoderTest {

  private static final String START = "{\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\",\"type\":\"message\","
      + "\"role\":\"assistant\",\"model\":\"claude-x\",\"content\":[],\"usage\":{\"input_tokens\":10,"
      + "\"output_tokens\":1}}}";

  private final MessagesStreamDecoder decoder = new MessagesStreamDecoder("anthropic", "claude-x");
  private final RecordingSink sink = new RecordingSink();

  private Progress feed(String type, String json) {
    return decoder.decode(WireEvent.ofText(type, json), sink);
  }

  private Progress feed(String json) {
    return decoder.decode(WireEvent.ofText(json), sink);
  }

  private static String textDelta(int index, String text) {
    return "{\"type\":\"content_block_delta\",\"index\":" + index + ",\"delta\":{\"type\":\"text_delta\",\"text\":\""
        + text + "\"}}";
  }

  private static String toolStart(int index, String id, String name) {
    return "{\"type\":\"content_block_start\",\"index\":" + index + ",\"content_block\":{\"type\":\"tool_use\",\"id\":\""
        + id + "\",\"name\":\"" + name + "\",\"input\":{}}}";
  }

  private static String jsonDelta(int index, String partial) {
    return "{\"type\":\"content_block_delta\",\"index\":" + index
        + ",\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\"" + partial + "\"}}";
  }

  private static String messageDelta(String stopReason, String usage) {
    return "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":" + (stopReason == null ? "null" : "\"" + stopReason
        + "\"") + ",\"stop_sequence\":null},\"usage\":" + usage + "}";
  }

  @Test
  void messageStartReportsIdModelRoleAndUsage() {
    assertThat(feed("message_start", START)).isEqualTo(Progress.CONTINUE);
    assertThat(sink.responseId).isEqualTo("msg_1");
    assertThat(sink.model).isEqualTo("claude-x");
    assertThat(sink.chunks).singleElement().satisfies(c -> {
      assertThat(c.role()).isEqualTo(Role.ASSISTANT);
      assertThat(c.usage()).isEqualTo(new Usage(10L, 1L, 11L, null, null, null));
      assertThat(c.hasOutput()).isFalse();
    });
  }

  @Test
  void cacheCountsAreAddedToInputAndReportedApart() {
    feed("{\"type\":\"message_start\",\"message\":{\"id\":\"m\",\"usage\":{\"input_tokens\":5,"
        + "\"cache_creation_input_tokens\":100,\"cache_read_input_tokens\":200,\"output_tokens\":1}}}");
    assertThat(sink.chunks.get(0).usage()).isEqualTo(new Usage(305L, 1L, 306L, null, 200L, 100L));
  }

  @Test
  void secondMessageStartIsMalformed() {
    feed(START);
    RillException e = catchThrowableOfType(RillException.class, () -> feed(START));
    assertThat(e.kind()).isEqualTo(ErrorKind.MALFORMED_RESPONSE);
    assertThat(e.rawEvent()).isEqualTo(START);
    assertThat(e.getMessage()).contains("second message_start");
  }

  @Test
  void jsonTypeWinsOverTheSseEventName() {
    feed("ping", START);
    assertThat(sink.responseId).isEqualTo("msg_1");
    feed("message_stop", textDelta(0, "hi"));
    assertThat(sink.response().text()).isEqualTo("hi");
  }

  @Test
  void sseEventNameIsUsedWhenTheJsonHasNoType() {
    assertThat(feed("message_stop", "{}")).isEqualTo(Progress.END);
  }

  @Test
  void noTypeAnywhereIsMalformed() {
    RillException e = catchThrowableOfType(RillException.class, () -> feed("{\"index\":0}"));
    assertThat(e.kind()).isEqualTo(ErrorKind.MALFORMED_RESPONSE);
  }

  @Test
  void textDeltasPassThroughExactly() {
    feed(START);
    feed("{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}");
    feed(textDelta(0, "  Hello\\n"));
    feed(textDelta(0, "\\t wörld ✓ "));
    feed(textDelta(0, ""));
    assertThat(sink.response().text()).isEqualTo("  Hello\n\t wörld ✓ ");
    assertThat(sink.chunks).filteredOn(StreamChunk::hasOutput).hasSize(2);
  }

  @Test
  void thinkingDeltasAreReasoningAndSignaturesAreKeptApart() {
    feed(START);
    feed("{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"thinking\",\"thinking\":\"\","
        + "\"signature\":\"\"}}");
    feed("{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"thinking_delta\",\"thinking\":\"Let me "
        + "think.\"}}");
    feed("{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"signature_delta\",\"signature\":"
        + "\"EqQBCgIYAh\"}}");
    feed("{\"type\":\"content_block_stop\",\"index\":0}");
    feed("{\"type\":\"content_block_start\",\"index\":1,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}");
    feed(textDelta(1, "Answer"));
    assertThat(sink.response().reasoning()).isEqualTo("Let me think.");
    assertThat(sink.response().text()).isEqualTo("Answer");
    assertThat(decoder.signatures()).containsExactly("EqQBCgIYAh");
    assertThat(sink.warnings).isEmpty();
    assertThat(sink.chunks).filteredOn(c -> !c.reasoningSignature().isEmpty()).singleElement()
        .satisfies(c -> assertThat(c.reasoningSignature()).isEqualTo("EqQBCgIYAh"));
    assertThat(sink.response().reasoningBlocks()).containsExactly(ReasoningBlock.of("Let me think.", "EqQBCgIYAh"));
  }

  @Test
  void signatureFragmentsAreJoinedAndSentOnceWhenTheBlockStopsOrTheMessageEnds() {
    feed(START);
    feed("{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"thinking\",\"thinking\":\"a\"}}");
    feed("{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"signature_delta\",\"signature\":\"S1\"}}");
    feed("{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"signature_delta\",\"signature\":\"S2\"}}");
    feed("{\"type\":\"content_block_stop\",\"index\":0}");
    feed("{\"type\":\"content_block_stop\",\"index\":0}");
    feed("{\"type\":\"content_block_start\",\"index\":1,\"content_block\":{\"type\":\"thinking\",\"thinking\":\"\"}}");
    feed("{\"type\":\"content_block_delta\",\"index\":1,\"delta\":{\"type\":\"signature_delta\",\"signature\":\"T\"}}");
    feed(messageDelta("end_turn", "{\"output_tokens\":3}"));
    assertThat(sink.chunks).extracting(StreamChunk::reasoningSignature).filteredOn(s -> !s.isEmpty())
        .containsExactly("S1S2", "T");
    assertThat(sink.response().reasoningBlocks()).containsExactly(ReasoningBlock.of("a", "S1S2"),
        ReasoningBlock.of("", "T"));
  }

  @Test
  void redactedThinkingIsARedactedBlockAndNeverText() {
    feed(START);
    int before = sink.chunks.size();
    feed("{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"redacted_thinking\","
        + "\"data\":\"EmwKAhgB\"}}");
    feed("{\"type\":\"content_block_stop\",\"index\":0}");
    assertThat(sink.chunks).hasSize(before + 1);
    assertThat(sink.chunks.get(before).redactedReasoning()).isEqualTo("EmwKAhgB");
    assertThat(sink.response().reasoning()).isEmpty();
    assertThat(sink.response().text()).isEmpty();
    assertThat(sink.response().reasoningBlocks()).containsExactly(ReasoningBlock.ofRedacted("EmwKAhgB"));
  }

  @Test
  void toolUseBlocksGetToolIndexesInOrderNotContentIndexes() {
    feed(START);
    feed("{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}");
    feed(textDelta(0, "Checking."));
    feed(toolStart(1, "toolu_a", "get_weather"));
    feed(jsonDelta(1, ""));
    feed(jsonDelta(1, "{\\\"city\\\":"));
    feed(jsonDelta(1, "\\\"Paris\\\"}"));
    feed(toolStart(2, "toolu_b", "get_time"));
    feed(jsonDelta(2, "{}"));
    List<ToolCallDelta> deltas = sink.chunks.stream().flatMap(c -> c.toolCalls().stream()).toList();
    assertThat(deltas).containsExactly(
        ToolCallDelta.start(0, "toolu_a", "get_weather"),
        ToolCallDelta.arguments(0, "{\"city\":"),
        ToolCallDelta.arguments(0, "\"Paris\"}"),
        ToolCallDelta.start(1, "toolu_b", "get_time"),
        ToolCallDelta.arguments(1, "{}"));
    assertThat(sink.response().toolCalls()).containsExactly(
        ToolCall.of("toolu_a", "get_weather", "{\"city\":\"Paris\"}"), ToolCall.of("toolu_b", "get_time", "{}"));
  }

  @Test
  void interleavedToolBlocksRouteFragmentsByContentIndex() {
    feed(START);
    feed(toolStart(3, "toolu_a", "a"));
    feed(toolStart(1, "toolu_b", "b"));
    feed(jsonDelta(1, "{\\\"x\\\""));
    feed(jsonDelta(3, "{\\\"y\\\""));
    feed(jsonDelta(1, ":1}"));
    feed(jsonDelta(3, ":2}"));
    assertThat(sink.response().toolCalls()).containsExactly(
        ToolCall.of("toolu_a", "a", "{\"y\":2}"), ToolCall.of("toolu_b", "b", "{\"x\":1}"));
  }

  @Test
  void serverToolUseIsNotAClientToolCall() {
    feed(START);
    feed("{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"server_tool_use\",\"id\":"
        + "\"srvtoolu_1\",\"name\":\"web_search\",\"input\":{}}}");
    feed(jsonDelta(0, "{\\\"query\\\":\\\"x\\\"}"));
    assertThat(sink.response().toolCalls()).isEmpty();
    assertThat(sink.chunks).noneMatch(c -> !c.toolCalls().isEmpty());
  }

  @Test
  void jsonDeltaForABlockThatNeverStartedIsMalformedAndTheDecoderStaysUsable() {
    feed(START);
    RillException e = catchThrowableOfType(RillException.class, () -> feed(jsonDelta(4, "{}")));
    assertThat(e.kind()).isEqualTo(ErrorKind.MALFORMED_RESPONSE);
    assertThat(e.getMessage()).contains("content index 4");
    feed(toolStart(4, "toolu_a", "a"));
    feed(jsonDelta(4, "{}"));
    assertThat(sink.response().toolCalls()).containsExactly(ToolCall.of("toolu_a", "a", "{}"));
  }

  @Test
  void toolUseWithoutIdOrNameIsMalformed() {
    feed(START);
    RillException e = catchThrowableOfType(RillException.class, () -> feed("{\"type\":\"content_block_start\","
        + "\"index\":0,\"content_block\":{\"type\":\"tool_use\",\"name\":\"f\",\"input\":{}}}"));
    assertThat(e.kind()).isEqualTo(ErrorKind.MALFORMED_RESPONSE);
  }

  @Test
  void secondStartForOneContentIndexIsMalformed() {
    feed(START);
    feed(toolStart(0, "toolu_a", "a"));
    RillException e = catchThrowableOfType(RillException.class, () -> feed(toolStart(0, "toolu_b", "b")));
    assertThat(e.kind()).isEqualTo(ErrorKind.MALFORMED_RESPONSE);
  }

  @ParameterizedTest
  @CsvSource({
      "end_turn, STOP", "stop_sequence, STOP", "max_tokens, LENGTH", "tool_use, TOOL_CALLS",
      "refusal, CONTENT_FILTER", "pause_turn, OTHER", "model_context_window_exceeded, LENGTH",
      "something_new, OTHER"})
  void stopReasonsMapToKindsWithTheRawValueKept(String raw, Kind kind) {
    feed(START);
    feed(messageDelta(raw, "{\"output_tokens\":7}"));
    StreamChunk last = sink.chunks.get(sink.chunks.size() - 1);
    assertThat(last.finishReason()).isEqualTo(FinishReason.of(kind, raw));
  }

  @Test
  void messageDeltaUsageMergesWithTheStartUsage() {
    feed(START);
    feed(messageDelta("end_turn", "{\"output_tokens\":42}"));
    StreamChunk last = sink.chunks.get(sink.chunks.size() - 1);
    assertThat(last.usage()).isEqualTo(new Usage(10L, 42L, 52L, null, null, null));
    assertThat(last.finishReason().kind()).isEqualTo(Kind.STOP);
    assertThat(sink.response().usage()).isEqualTo(new Usage(10L, 42L, 52L, null, null, null));
  }

  @Test
  void messageDeltaWithCumulativeInputReplacesTheStartCounts() {
    feed(START);
    feed(messageDelta("end_turn", "{\"input_tokens\":12,\"cache_read_input_tokens\":3,\"output_tokens\":5}"));
    assertThat(sink.response().usage()).isEqualTo(new Usage(15L, 5L, 20L, null, 3L, null));
  }

  @Test
  void usageIsNullWhenTheStreamNeverStatesIt() {
    feed("{\"type\":\"message_start\",\"message\":{\"id\":\"m\",\"model\":\"x\"}}");
    feed(messageDelta("end_turn", "{}"));
    assertThat(sink.response().usage()).isNull();
    assertThat(sink.response().finishReason()).isEqualTo(FinishReason.of(Kind.STOP, "end_turn"));
  }

  @Test
  void messageStopEndsTheStreamAndPingsAndBlockStopsAreIgnored() {
    feed(START);
    int before = sink.chunks.size();
    assertThat(feed("ping", "{\"type\": \"ping\"}")).isEqualTo(Progress.CONTINUE);
    assertThat(feed("{\"type\":\"content_block_stop\",\"index\":0}")).isEqualTo(Progress.CONTINUE);
    assertThat(sink.chunks).hasSize(before);
    assertThat(feed("message_stop", "{\"type\":\"message_stop\"}")).isEqualTo(Progress.END);
  }

  @Test
  void unknownEventTypesAndFieldsAreIgnored() {
    feed(START);
    int before = sink.chunks.size();
    assertThat(feed("brand_new", "{\"type\":\"brand_new\",\"stuff\":[1,{\"a\":null}]}")).isEqualTo(Progress.CONTINUE);
    feed("{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"citations_delta\",\"citation\":{}}}");
    assertThat(sink.chunks).hasSize(before);
    feed("{\"extra\":{\"deep\":[[]]},\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"text\":\"ok\","
        + "\"future\":true,\"type\":\"text_delta\"}}");
    assertThat(sink.response().text()).isEqualTo("ok");
  }

  @Test
  void whitespacePaddedDataIsNormal() {
    feed("  " + START + "          \n ");
    feed(textDelta(0, "x") + "      ");
    assertThat(sink.response().text()).isEqualTo("x");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "overloaded_error | OVERLOADED", "rate_limit_error | RATE_LIMITED", "api_error | SERVER",
      "invalid_request_error | INVALID_REQUEST", "authentication_error | AUTHENTICATION",
      "permission_error | PERMISSION", "not_found_error | NOT_FOUND", "request_too_large | REQUEST_TOO_LARGE",
      "mystery_error | SERVER"})
  void errorEventsRaiseTheirKindWithTheTypeAsCode(String type, ErrorKind kind) {
    feed(START);
    feed(textDelta(0, "partial"));
    RillException e = catchThrowableOfType(RillException.class, () -> feed("error",
        "{\"type\":\"error\",\"error\":{\"type\":\"" + type + "\",\"message\":\"Overloaded\"}}"));
    assertThat(e.kind()).isEqualTo(kind);
    assertThat(e.providerCode()).isEqualTo(type);
    assertThat(e.providerMessage()).isEqualTo("Overloaded");
    assertThat(e.provider()).isEqualTo("anthropic");
  }

  @Test
  void malformedJsonCarriesTheRawEventAndTheDecoderStaysUsable() {
    feed(START);
    String bad = "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"x";
    RillException e = catchThrowableOfType(RillException.class, () -> feed(bad));
    assertThat(e.kind()).isEqualTo(ErrorKind.MALFORMED_RESPONSE);
    assertThat(e.rawEvent()).isEqualTo(bad);
    feed(textDelta(0, "still fine"));
    assertThat(sink.response().text()).isEqualTo("still fine");
  }

  @Test
  void nonObjectsTrailingGarbageAndNegativeCountsAreMalformed() {
    for (String bad : List.of("[1,2]", "\"text\"", "", "   ", "{\"type\":\"ping\"} {\"type\":\"ping\"}", "[DONE]",
        "{\"type\":\"message_delta\",\"usage\":{\"output_tokens\":-1}}",
        "{\"type\":\"content_block_start\",\"index\":-2,\"content_block\":{\"type\":\"text\"}}")) {
      RillException e = catchThrowableOfType(RillException.class, () -> feed(bad));
      assertThat(e).as(bad).isNotNull();
      assertThat(e.kind()).as(bad).isEqualTo(ErrorKind.MALFORMED_RESPONSE);
    }
  }

  @Test
  void endOfInputWithoutMessageStopIsTruncationEvenAfterAStopReason() {
    feed(START);
    feed(textDelta(0, "done"));
    feed(messageDelta("end_turn", "{\"output_tokens\":3}"));
    int before = sink.chunks.size();
    assertThat(decoder.endOfInput(sink)).isFalse();
    assertThat(sink.chunks).hasSize(before);
  }
}
