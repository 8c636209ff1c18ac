package dev.rill.provider.bedrock.internal;

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
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConverseStreamDecoderTest {

  private final ConverseStreamDecoder decoder = new ConverseStreamDecoder("bedrock", "m");
  private final RecordingSink sink = new RecordingSink();

  private Progress feed(String type, String json) {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    return decoder.decode(WireEvent.withHeaders(type, Map.of(":event-type", type, ":message-type", "event"), bytes, 0,
        bytes.length, bytes.length), sink);
  }

  private RillException exception(String type, String json) {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    WireEvent e = WireEvent.withHeaders(type, Map.of(":exception-type", type, ":message-type", "exception"), bytes, 0,
        bytes.length, bytes.length);
    return catchThrowableOfType(RillException.class, () -> decoder.decode(e, sink));
  }

  private static String text(int block, String t) {
    return "{\"contentBlockIndex\":" + block + ",\"delta\":{\"text\":\"" + t + "\"},\"p\":\"abc\"}";
  }

  @Test
  void textStreamEndsOnMetadataWithUsage() {
    assertThat(feed("messageStart", "{\"p\":\"abcdefg\",\"role\":\"assistant\"}")).isEqualTo(Progress.CONTINUE);
    feed("contentBlockDelta", text(0, "Hello"));
    feed("contentBlockDelta", text(0, ", world "));
    assertThat(feed("contentBlockStop", "{\"contentBlockIndex\":0}")).isEqualTo(Progress.CONTINUE);
    assertThat(feed("messageStop", "{\"stopReason\":\"end_turn\"}")).isEqualTo(Progress.CONTINUE);
    assertThat(feed("metadata", "{\"metrics\":{\"latencyMs\":522},\"usage\":{\"inputTokens\":13,\"outputTokens\":82,"
        + "\"serverToolUsage\":{},\"totalTokens\":95}}")).isEqualTo(Progress.END);
    assertThat(sink.chunks.get(0).role()).isEqualTo(Role.ASSISTANT);
    assertThat(sink.response().text()).isEqualTo("Hello, world ");
    assertThat(sink.response().finishReason()).isEqualTo(FinishReason.of(Kind.STOP, "end_turn"));
    assertThat(sink.response().usage()).isEqualTo(new Usage(13L, 82L, 95L, null, null, null));
  }

  @Test
  void toolBlocksGetTheirOwnIndexes() {
    feed("messageStart", "{\"role\":\"assistant\"}");
    feed("contentBlockDelta", text(0, "Checking."));
    feed("contentBlockStart", "{\"contentBlockIndex\":1,\"start\":{\"toolUse\":{\"name\":\"get_weather\","
        + "\"toolUseId\":\"tooluse_a\"}}}");
    feed("contentBlockStart", "{\"contentBlockIndex\":2,\"start\":{\"toolUse\":{\"toolUseId\":\"tooluse_b\","
        + "\"name\":\"get_time\"}}}");
    feed("contentBlockDelta", "{\"contentBlockIndex\":2,\"delta\":{\"toolUse\":{\"input\":\"{}\"}}}");
    feed("contentBlockDelta", "{\"contentBlockIndex\":1,\"delta\":{\"toolUse\":{\"input\":\"{\\\"city\\\":\"}}}");
    feed("contentBlockDelta", "{\"contentBlockIndex\":1,\"delta\":{\"toolUse\":{\"input\":\"\\\"Paris\\\"}\"}}}");
    feed("messageStop", "{\"stopReason\":\"tool_use\"}");
    assertThat(sink.chunks).anySatisfy(c -> assertThat(c.toolCalls())
        .containsExactly(ToolCallDelta.start(0, "tooluse_a", "get_weather")));
    assertThat(sink.response().toolCalls()).containsExactly(
        ToolCall.of("tooluse_a", "get_weather", "{\"city\":\"Paris\"}"), ToolCall.of("tooluse_b", "get_time", "{}"));
    assertThat(sink.response().finishReason().kind()).isEqualTo(Kind.TOOL_CALLS);
  }

  @Test
  void reasoningTextSignatureAndRedactedContent() {
    feed("contentBlockDelta", "{\"contentBlockIndex\":0,\"delta\":{\"reasoningContent\":{\"text\":\"Think\"}}}");
    feed("contentBlockDelta", "{\"contentBlockIndex\":0,\"delta\":{\"reasoningContent\":{\"text\":\"ing.\"}}}");
    feed("contentBlockDelta", "{\"contentBlockIndex\":0,\"delta\":{\"reasoningContent\":{\"signature\":\"SIG-1\"}}}");
    feed("contentBlockDelta", "{\"contentBlockIndex\":1,\"delta\":{\"reasoningContent\":{\"redactedContent\":\"QUJD\"}}}");
    feed("contentBlockDelta", text(2, "Answer."));
    assertThat(sink.response().reasoning()).isEqualTo("Thinking.");
    assertThat(sink.response().text()).isEqualTo("Answer.");
    assertThat(decoder.signatures()).containsExactly("SIG-1");
    assertThat(decoder.redactedContent()).containsExactly("QUJD");
    assertThat(sink.chunks).noneMatch(c -> c.content().contains("SIG") || c.reasoning().contains("SIG")
        || c.reasoning().contains("QUJD"));
    // no contentBlockStop came: the signature waits for the block's stop, or the message's
    assertThat(sink.chunks).noneMatch(c -> !c.reasoningSignature().isEmpty());
    feed("messageStop", "{\"stopReason\":\"end_turn\"}");
    assertThat(sink.chunks).extracting(StreamChunk::reasoningSignature).filteredOn(s -> !s.isEmpty())
        .containsExactly("SIG-1");
    assertThat(sink.chunks).extracting(StreamChunk::redactedReasoning).filteredOn(s -> !s.isEmpty())
        .containsExactly("QUJD");
  }

  @Test
  void aReasoningBlocksSignatureIsJoinedAndSentWhenTheBlockStops() {
    feed("contentBlockDelta", "{\"contentBlockIndex\":0,\"delta\":{\"reasoningContent\":{\"text\":\"Hmm.\"}}}");
    feed("contentBlockDelta", "{\"contentBlockIndex\":0,\"delta\":{\"reasoningContent\":{\"signature\":\"AB\"}}}");
    feed("contentBlockDelta", "{\"contentBlockIndex\":0,\"delta\":{\"reasoningContent\":{\"signature\":\"CD\"}}}");
    feed("contentBlockStop", "{\"contentBlockIndex\":0}");
    feed("contentBlockDelta", "{\"contentBlockIndex\":1,\"delta\":{\"reasoningContent\":{\"redactedContent\":\"QUJD\"}}}");
    feed("contentBlockStop", "{\"contentBlockIndex\":1}");
    feed("messageStop", "{\"stopReason\":\"end_turn\"}");
    assertThat(sink.chunks).extracting(StreamChunk::reasoningSignature).filteredOn(s -> !s.isEmpty())
        .containsExactly("ABCD");
    assertThat(sink.response().reasoningBlocks()).containsExactly(ReasoningBlock.of("Hmm.", "ABCD"),
        ReasoningBlock.ofRedacted("QUJD"));
  }

  @ParameterizedTest
  @CsvSource({"end_turn,STOP", "stop_sequence,STOP", "max_tokens,LENGTH", "model_context_window_exceeded,LENGTH",
      "tool_use,TOOL_CALLS", "guardrail_intervened,CONTENT_FILTER", "content_filtered,CONTENT_FILTER",
      "something_new,OTHER"})
  void stopReasons(String raw, Kind kind) {
    feed("messageStop", "{\"stopReason\":\"" + raw + "\"}");
    assertThat(sink.chunks).singleElement().extracting(StreamChunk::finishReason).isEqualTo(FinishReason.of(kind, raw));
  }

  @Test
  void cacheCountsAreAddedToInputAndReportedApart() {
    feed("metadata", "{\"usage\":{\"inputTokens\":4,\"outputTokens\":18,\"totalTokens\":4012,"
        + "\"cacheReadInputTokens\":3990,\"cacheWriteInputTokens\":0}}");
    assertThat(sink.chunks.get(0).usage()).isEqualTo(new Usage(3994L, 18L, 4012L, null, 3990L, 0L));
  }

  @Test
  void endOfInputIsProperOnlyAfterMessageStop() {
    feed("contentBlockDelta", text(0, "partial"));
    assertThat(decoder.endOfInput(sink)).isFalse();
    feed("messageStop", "{\"stopReason\":\"end_turn\"}");
    assertThat(decoder.endOfInput(sink)).as("metadata missing is tolerated").isTrue();
  }

  @ParameterizedTest
  @CsvSource({"throttlingException,RATE_LIMITED", "validationException,INVALID_REQUEST",
      "modelStreamErrorException,SERVER", "internalServerException,SERVER",
      "serviceUnavailableException,OVERLOADED", "modelTimeoutException,TIMEOUT", "accessDeniedException,PERMISSION",
      "resourceNotFoundException,NOT_FOUND", "somethingNewException,SERVER"})
  void exceptionMessages(String type, ErrorKind kind) {
    RillException e = exception(type, "{\"message\":\"went wrong\"}");
    assertThat(e.kind()).isEqualTo(kind);
    assertThat(e.providerCode()).isEqualTo(type);
    assertThat(e.providerMessage()).isEqualTo("went wrong");
  }

  @Test
  void contextLengthValidationAndHeaderlessExceptions() {
    assertThat(exception("validationException", "{\"message\":\"Input is too long for requested model.\"}").kind())
        .isEqualTo(ErrorKind.CONTEXT_LENGTH_EXCEEDED);
    RillException e = catchThrowableOfType(RillException.class, () -> decoder.decode(
        WireEvent.ofText("modelStreamErrorException", "{\"message\":\"boom\",\"originalStatusCode\":500}"), sink));
    assertThat(e.kind()).isEqualTo(ErrorKind.SERVER);
    RillException bad = exception("throttlingException", "not json");
    assertThat(bad.kind()).isEqualTo(ErrorKind.RATE_LIMITED);
    assertThat(bad.rawEvent()).isEqualTo("not json");
  }

  @Test
  void errorMessagesUseTheirHeaders() {
    byte[] none = new byte[0];
    WireEvent e = WireEvent.withHeaders("InternalFailure", Map.of(":message-type", "error", ":error-code",
        "InternalFailure", ":error-message", "An internal error occurred"), none, 0, 0, 0);
    RillException thrown = catchThrowableOfType(RillException.class, () -> decoder.decode(e, sink));
    assertThat(thrown.kind()).isEqualTo(ErrorKind.SERVER);
    assertThat(thrown.providerCode()).isEqualTo("InternalFailure");
    assertThat(thrown.providerMessage()).isEqualTo("An internal error occurred");
  }

  @Test
  void malformedPayloadsLeaveTheDecoderUsable() {
    feed("contentBlockDelta", text(0, "ok"));
    for (String bad : List.of("{\"contentBlockIndex\":0,\"delta\":{\"text\":", "[1,2]", "{} {}",
        "{\"contentBlockIndex\":-1}", "{\"usage\":{\"inputTokens\":-3}}")) {
      RillException e = catchThrowableOfType(RillException.class, () -> feed("metadata", bad));
      assertThat(e.kind()).as(bad).isEqualTo(ErrorKind.MALFORMED_RESPONSE);
      assertThat(e.rawEvent()).isEqualTo(bad);
    }
    RillException orphan = catchThrowableOfType(RillException.class, () ->
        feed("contentBlockDelta", "{\"contentBlockIndex\":3,\"delta\":{\"toolUse\":{\"input\":\"{}\"}}}"));
    assertThat(orphan.kind()).isEqualTo(ErrorKind.MALFORMED_RESPONSE);
    RillException noId = catchThrowableOfType(RillException.class, () ->
        feed("contentBlockStart", "{\"contentBlockIndex\":1,\"start\":{\"toolUse\":{\"name\":\"f\"}}}"));
    assertThat(noId.kind()).isEqualTo(ErrorKind.MALFORMED_RESPONSE);
    feed("contentBlockStart", "{\"contentBlockIndex\":1,\"start\":{\"toolUse\":{\"name\":\"f\",\"toolUseId\":\"t\"}}}");
    RillException twice = catchThrowableOfType(RillException.class, () ->
        feed("contentBlockStart", "{\"contentBlockIndex\":1,\"start\":{\"toolUse\":{\"name\":\"f\",\"toolUseId\":\"t\"}}}"));
    assertThat(twice.kind()).isEqualTo(ErrorKind.MALFORMED_RESPONSE);
    feed("contentBlockDelta", text(0, " still"));
    assertThat(sink.response().text()).isEqualTo("ok still");
    assertThat(sink.response().toolCalls()).hasSize(1);
  }

  @Test
  void unknownEventsAndFieldsAreIgnored() {
    assertThat(feed("somethingNew", "{\"x\":1}")).isEqualTo(Progress.CONTINUE);
    feed("contentBlockDelta", "{\"contentBlockIndex\":0,\"delta\":{\"citation\":{\"title\":\"t\"},\"text\":\"a\"},"
        + "\"extra\":[1,{\"y\":null}]}");
    assertThat(sink.response().text()).isEqualTo("a");
  }

  @Test
  void openAiStyleInvokeChunks() {
    feed("chunk", chunk("{\"choices\":[{\"delta\":{\"content\":\"\",\"role\":\"assistant\"},\"finish_reason\":null,"
        + "\"index\":0}],\"id\":\"chatcmpl-1\",\"model\":\"openai.gpt-oss-120b-1:0\",\"object\":\"chat.completion.chunk\"}"));
    feed("chunk", chunk("{\"choices\":[{\"delta\":{\"tool_calls\":[{\"index\":0,\"id\":\"call_1\",\"function\":"
        + "{\"name\":\"f\",\"arguments\":\"{}\"}}],\"reasoning_content\":\"hm\"},\"index\":0}]}"));
    assertThat(decoder.endOfInput(sink)).isFalse();
    feed("chunk", chunk("{\"choices\":[{\"delta\":{},\"finish_reason\":\"tool_calls\",\"index\":0}],"
        + "\"amazon-bedrock-invocationMetrics\":{\"inputTokenCount\":9,\"outputTokenCount\":4}}"));
    assertThat(sink.responseId).isEqualTo("chatcmpl-1");
    assertThat(sink.response().reasoning()).isEqualTo("hm");
    assertThat(sink.response().toolCalls()).containsExactly(ToolCall.of("call_1", "f", "{}"));
    assertThat(sink.response().finishReason()).isEqualTo(FinishReason.of(Kind.TOOL_CALLS, "tool_calls"));
    assertThat(sink.response().usage()).isEqualTo(Usage.of(9, 4));
    assertThat(decoder.endOfInput(sink)).isTrue();
  }

  @Test
  void anthropicStyleInvokeChunksEndOnMessageStop() {
    feed("chunk", chunk("{\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\",\"model\":\"claude\","
        + "\"usage\":{\"input_tokens\":10,\"output_tokens\":1}}}"));
    feed("chunk", chunk("{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\","
        + "\"text\":\"Hi\"}}"));
    feed("chunk", chunk("{\"type\":\"content_block_start\",\"index\":1,\"content_block\":{\"type\":\"tool_use\","
        + "\"id\":\"toolu_1\",\"name\":\"f\",\"input\":{}}}"));
    feed("chunk", chunk("{\"type\":\"content_block_delta\",\"index\":1,\"delta\":{\"type\":\"input_json_delta\","
        + "\"partial_json\":\"{\\\"a\\\":1}\"}}"));
    feed("chunk", chunk("{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"tool_use\"},"
        + "\"usage\":{\"output_tokens\":7}}"));
    assertThat(feed("chunk", chunk("{\"type\":\"message_stop\",\"amazon-bedrock-invocationMetrics\":"
        + "{\"inputTokenCount\":10,\"outputTokenCount\":7}}"))).isEqualTo(Progress.END);
    assertThat(sink.response().text()).isEqualTo("Hi");
    assertThat(sink.response().toolCalls()).containsExactly(ToolCall.of("toolu_1", "f", "{\"a\":1}"));
    assertThat(sink.response().finishReason()).isEqualTo(FinishReason.of(Kind.TOOL_CALLS, "tool_use"));
    assertThat(sink.response().usage()).isEqualTo(Usage.of(10, 7));
  }

  @Test
  void badChunksAreMalformed() {
    for (String payload : List.of("{\"bytes\":\"***\"}", "{\"bytes\":\"" + b64("[1]") + "\"}", "{}")) {
      RillException e = catchThrowableOfType(RillException.class, () -> feed("chunk", payload));
      assertThat(e.kind()).as(payload).isEqualTo(ErrorKind.MALFORMED_RESPONSE);
    }
    feed("chunk", chunk("{\"outputText\":\"titan\"}"));
    assertThat(sink.warnings).hasSize(1);
  }

  private static String chunk(String inner) {
    return "{\"bytes\":\"" + b64(inner) + "\",\"p\":\"abc\"}";
  }

  private static String b64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }
}
