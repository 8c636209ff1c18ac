package dev.rill.provider.gemini;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rill.api.ChunkSink;
import dev.rill.api.ErrorKind;
import dev.rill.api.FinishReason;
import dev.rill.api.FinishReason.Kind;
import dev.rill.api.RillException;
import dev.rill.api.Role;
import dev.rill.api.StreamChunk;
import dev.rill.api.StreamDecoder;
import dev.rill.api.ToolCall;
import dev.rill.api.ToolCallDelta;
import dev.rill.api.Usage;
import dev.rill.api.WireEvent;
import dev.rill.provider.gemini.internal.GeminiStreamDecoder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** One test per decoding rule of {@link GeminiStreamDecoder}. */
class GeminiStreamDecoderTest {

  private static String text(String t, String finish) {
    return "{\"candidates\":[{\"content\":{\"parts\":[{\"text\":" + quote(t) + "}],\"role\":\"model\"}"
        + (finish == null ? "" : ",\"finishReason\":" + finish) + ",\"index\":0}]}";
  }

  private static String quote(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n").replace("\t", "\\t") + "\"";
  }

  @Test
  void textPassesThroughExactlyAndNeverEnds() {
    GeminiStreamDecoder decoder = new GeminiStreamDecoder("gemini", "m");
    List<StreamChunk> out = new ArrayList<>();
    ChunkSink sink = sink(out);
    assertThat(decoder.decode(WireEvent.ofText(text("  Hello,\n", null)), sink)).isEqualTo(StreamDecoder.Progress.CONTINUE);
    assertThat(decoder.decode(WireEvent.ofText(text(" world \t", "\"STOP\"")), sink))
        .isEqualTo(StreamDecoder.Progress.CONTINUE);
    assertThat(out).extracting(StreamChunk::content).containsExactly("  Hello,\n", " world \t");
    assertThat(out.get(0).role()).isEqualTo(Role.ASSISTANT);
    assertThat(out.get(1).role()).isNull();
    assertThat(out.get(1).finishReason()).isEqualTo(FinishReason.of(Kind.STOP, "STOP"));
    assertThat(decoder.endOfInput(sink)).isTrue();
  }

  @Test
  void withoutAFinishReasonTheEndIsATruncation() {
    Decoding.Result r = Decoding.events(text("partial", null));
    assertThat(r.ended()).isFalse();
    assertThat(r.response().text()).isEqualTo("partial");
    assertThat(r.response().finishReason()).isNull();
  }

  @Test
  void thoughtPartsAreReasoningAndEmptyTextsAreDropped() {
    Decoding.Result r = Decoding.events(
        "{\"candidates\":[{\"content\":{\"parts\":[{\"thought\":true,\"text\":\"think\"},{\"text\":\"\"},"
            + "{\"text\":\"say\",\"thoughtSignature\":\"c2ln\"}]}}]}");
    assertThat(r.chunks()).hasSize(1);
    assertThat(r.chunks().get(0).reasoning()).isEqualTo("think");
    assertThat(r.chunks().get(0).content()).isEqualTo("say");
    assertThat(r.decoder().thoughtSignatures(0)).containsExactly("c2ln");
    assertThat(r.chunks().get(0).reasoningSignature()).isEqualTo("c2ln");
    assertThat(r.response().reasoningBlocks()).containsExactly(dev.rill.api.ReasoningBlock.of("think", "c2ln"));
  }

  @Test
  void signaturesSplitAChunkSoEachSignsItsOwnThoughtsAndCallSignaturesStayOnTheCall() {
    Decoding.Result r = Decoding.events(
        "{\"candidates\":[{\"content\":{\"parts\":[{\"thought\":true,\"text\":\"one\",\"thoughtSignature\":\"s1\"},"
            + "{\"thought\":true,\"text\":\"two\"},{\"text\":\"\",\"thoughtSignature\":\"s2\"},"
            + "{\"functionCall\":{\"name\":\"f\",\"args\":{}},\"thoughtSignature\":\"fs\"}]}}]}");
    assertThat(r.chunks()).hasSize(2);
    assertThat(r.chunks().get(0).reasoningSignature()).isEqualTo("s1");
    assertThat(r.chunks().get(1).reasoningSignature()).isEqualTo("s2");
    assertThat(r.response().reasoningBlocks()).containsExactly(dev.rill.api.ReasoningBlock.of("one", "s1"),
        dev.rill.api.ReasoningBlock.of("two", "s2"));
    assertThat(r.response().toolCalls()).containsExactly(new dev.rill.api.ToolCall("call_1", "f", "{}", "fs"));
    assertThat(r.response().reasoning()).isEqualTo("onetwo");
  }

  @Test
  void aFunctionCallIsOneWholeDeltaWithAGeneratedStableId() {
    Decoding.Result r = Decoding.events(
        "{\"candidates\":[{\"content\":{\"parts\":[{\"functionCall\":{\"name\":\"a\",\"args\":{ \"x\" : [1, 2.50, \"é\"] }}},"
            + "{\"functionCall\":{\"name\":\"b\",\"id\":\"own-id\"}}]}}]}",
        "{\"candidates\":[{\"content\":{\"parts\":[{\"functionCall\":{\"name\":\"c\",\"args\":{}}}]},\"finishReason\":\"STOP\"}]}");
    List<ToolCallDelta> first = r.chunks().get(0).toolCalls();
    assertThat(first).containsExactly(ToolCallDelta.of(0, "call_1", "a", "{\"x\":[1,2.50,\"é\"]}"),
        ToolCallDelta.of(1, "own-id", "b", "{}"));
    assertThat(r.response().toolCalls()).extracting(ToolCall::id).containsExactly("call_1", "own-id", "call_2");
    assertThat(r.response().finishReason()).isEqualTo(FinishReason.of(Kind.TOOL_CALLS, "STOP"));
  }

  @ParameterizedTest
  @CsvSource({
      "\"STOP\", STOP", "\"MAX_TOKENS\", LENGTH", "\"SAFETY\", CONTENT_FILTER", "\"RECITATION\", CONTENT_FILTER",
      "\"BLOCKLIST\", CONTENT_FILTER", "\"PROHIBITED_CONTENT\", CONTENT_FILTER", "\"SPII\", CONTENT_FILTER",
      "\"IMAGE_SAFETY\", CONTENT_FILTER", "\"MALFORMED_FUNCTION_CALL\", ERROR", "\"OTHER\", OTHER",
      "\"LANGUAGE\", OTHER", "\"FINISH_REASON_UNSPECIFIED\", OTHER", "\"SOMETHING_NEW\", OTHER",
      "0, OTHER", "1, STOP", "2, LENGTH", "3, CONTENT_FILTER", "4, CONTENT_FILTER", "5, OTHER", "6, OTHER",
      "7, CONTENT_FILTER", "8, CONTENT_FILTER", "9, CONTENT_FILTER", "10, ERROR", "11, CONTENT_FILTER", "99, OTHER"})
  void finishReasonsMapByNameAndByProtobufNumber(String wire, Kind kind) {
    Decoding.Result r = Decoding.events(text("x", wire));
    String raw = wire.replace("\"", "");
    assertThat(r.response().finishReason()).isEqualTo(FinishReason.of(kind, raw));
    assertThat(r.ended()).isTrue();
  }

  @Test
  void stopIsToolCallsOnlyForTheChoiceThatCalledAFunction() {
    Decoding.Result r = Decoding.events("{\"candidates\":["
        + "{\"index\":1,\"content\":{\"parts\":[{\"functionCall\":{\"name\":\"f\",\"args\":{}}}]},\"finishReason\":\"STOP\"},"
        + "{\"content\":{\"parts\":[{\"text\":\"plain\"}]},\"finishReason\":\"STOP\",\"index\":0}]}");
    assertThat(r.response().choices()).hasSize(2);
    assertThat(r.response().choices().get(0).finishReason().kind()).isEqualTo(Kind.STOP);
    assertThat(r.response().choices().get(1).finishReason().kind()).isEqualTo(Kind.TOOL_CALLS);
    assertThat(r.response().choices().get(1).toolCalls()).extracting(ToolCall::id).containsExactly("call_1");
  }

  @Test
  void usageIsCumulativeEmittedWhenItChangesAndOutputCountsThoughts() {
    String u1 = "\"usageMetadata\":{\"promptTokenCount\":10,\"totalTokenCount\":40,\"thoughtsTokenCount\":30}";
    String u2 = "\"usageMetadata\":{\"promptTokenCount\":10,\"candidatesTokenCount\":5,\"totalTokenCount\":45,"
        + "\"thoughtsTokenCount\":30,\"cachedContentTokenCount\":4}";
    Decoding.Result r = Decoding.events(
        "{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"t\",\"thought\":true}]}}]," + u1 + "}",
        "{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"a\"}]}}]," + u1 + "}",
        "{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"b\"}]},\"finishReason\":\"STOP\"}]," + u2 + "}");
    assertThat(r.chunks()).extracting(StreamChunk::usage).containsExactly(
        new Usage(10L, 30L, 40L, 30L, null, null), null, new Usage(10L, 35L, 45L, 30L, 4L, null));
    assertThat(r.response().usage()).isEqualTo(new Usage(10L, 35L, 45L, 30L, 4L, null));
    assertThat(r.chunks().get(2).finishReason()).isNotNull();
  }

  @Test
  void usageWithoutCountsIsNotInventedAndAUsageOnlyEventGetsItsOwnChunk() {
    Decoding.Result r = Decoding.events("{\"usageMetadata\":{\"trafficType\":\"ON_DEMAND\"}}",
        "{\"usageMetadata\":{\"promptTokenCount\":3}}");
    assertThat(r.chunks()).hasSize(1);
    assertThat(r.chunks().get(0).usage()).isEqualTo(new Usage(3L, null, null, null, null, null));
  }

  @Test
  void modelVersionAndResponseIdAreResponseInfo() {
    Decoding.Result r = Decoding.events("{\"modelVersion\":\"gemini-2.5-flash\",\"responseId\":\"abc\"}");
    assertThat(r.response().model()).isEqualTo("gemini-2.5-flash");
    assertThat(r.response().responseId()).isEqualTo("abc");
  }

  @Test
  void aBlockedPromptEndsWithContentFilter() {
    Decoding.Result r = Decoding.events(
        "{\"promptFeedback\":{\"blockReason\":\"SAFETY\",\"safetyRatings\":[]},\"usageMetadata\":{\"promptTokenCount\":7,\"totalTokenCount\":7}}");
    assertThat(r.response().finishReason()).isEqualTo(FinishReason.of(Kind.CONTENT_FILTER, "SAFETY"));
    assertThat(r.ended()).isTrue();
    assertThat(r.response().usage().inputTokens()).isEqualTo(7);
  }

  @Test
  void promptFeedbackWithoutABlockIsIgnored() {
    Decoding.Result r = Decoding.events("{\"promptFeedback\":{\"safetyRatings\":[]}}");
    assertThat(r.chunks()).isEmpty();
    assertThat(r.ended()).isFalse();
  }

  @ParameterizedTest
  @CsvSource({
      "RESOURCE_EXHAUSTED, 429, RATE_LIMITED", "UNAVAILABLE, 503, OVERLOADED", "INTERNAL, 500, SERVER",
      "INVALID_ARGUMENT, 400, INVALID_REQUEST", "PERMISSION_DENIED, 403, PERMISSION",
      "UNAUTHENTICATED, 401, AUTHENTICATION", "NOT_FOUND, 404, NOT_FOUND", "DEADLINE_EXCEEDED, 504, TIMEOUT"})
  void anErrorPayloadIsThrownWithItsKind(String status, int code, ErrorKind kind) {
    Decoding.Result r = Decoding.events(text("before", null),
        "{\"error\":{\"code\":" + code + ",\"message\":\"went wrong\",\"status\":\"" + status + "\"}}");
    assertThat(r.error()).isNotNull();
    assertThat(r.error().kind()).isEqualTo(kind);
    assertThat(r.error().providerCode()).isEqualTo(status);
    assertThat(r.error().providerMessage()).isEqualTo("went wrong");
    assertThat(r.error().httpStatus()).hasValue(code);
    assertThat(r.error().provider()).isEqualTo("gemini");
    assertThat(r.response().text()).isEqualTo("before");
  }

  @Test
  void malformedJsonIsAMalformedResponseWithTheRawEventAndTheDecoderStaysUsable() {
    GeminiStreamDecoder decoder = new GeminiStreamDecoder("gemini", "m");
    List<StreamChunk> out = new ArrayList<>();
    for (String bad : List.of("{\"candidates\":[{\"content\":", "[1,2]", "\"text\"", "{\"a\":1} {\"b\":2}", "nope")) {
      assertThatThrownBy(() -> decoder.decode(WireEvent.ofText(bad), sink(out)))
          .isInstanceOfSatisfying(RillException.class, e -> {
            assertThat(e.kind()).isEqualTo(ErrorKind.MALFORMED_RESPONSE);
            assertThat(e.rawEvent()).isEqualTo(bad);
          });
    }
    decoder.decode(WireEvent.ofText(text("fine", "\"STOP\"")), sink(out));
    assertThat(out).extracting(StreamChunk::content).containsExactly("fine");
    assertThat(out.get(0).role()).isEqualTo(Role.ASSISTANT);
  }

  @Test
  void unknownFieldsAndPartsAreIgnoredAndBlankEventsSkipped() {
    Decoding.Result r = Decoding.events("  ",
        "{\"future\":{\"x\":[1,{\"y\":2}]},\"candidates\":[{\"safetyRatings\":[],\"content\":{\"parts\":["
            + "{\"inlineData\":{\"mimeType\":\"image/png\",\"data\":\"AA==\"}},{\"executableCode\":{\"code\":\"1\"}},"
            + "{\"text\":\"ok\",\"extra\":true}]},\"citationMetadata\":{},\"finishReason\":\"STOP\"}]}");
    assertThat(r.error()).isNull();
    assertThat(r.response().text()).isEqualTo("ok");
  }

  @Test
  void streamedPartialArgumentsConcatenateToTheArguments() {
    Decoding.Result r = Decoding.events(
        "{\"candidates\":[{\"content\":{\"parts\":[{\"functionCall\":{\"name\":\"plan\",\"willContinue\":true}}]}}]}",
        "{\"candidates\":[{\"content\":{\"parts\":[{\"functionCall\":{\"partialArgs\":["
            + "{\"jsonPath\":\"$.trip.city\",\"stringValue\":\"New \\\"York\",\"willContinue\":true}],\"willContinue\":true}}]}}]}",
        "{\"candidates\":[{\"content\":{\"parts\":[{\"functionCall\":{\"partialArgs\":["
            + "{\"jsonPath\":\"$.trip.city\",\"stringValue\":\" City\"},{\"jsonPath\":\"$.trip.days\",\"numberValue\":3},"
            + "{\"jsonPath\":\"$.tags[0]\",\"stringValue\":\"food\"},{\"jsonPath\":\"$.tags[1]\",\"boolValue\":true},"
            + "{\"jsonPath\":\"$.note\",\"nullValue\":\"NULL_VALUE\"}],\"willContinue\":true}}]}}]}",
        "{\"candidates\":[{\"content\":{\"parts\":[{\"functionCall\":{}}]},\"finishReason\":\"STOP\"}]}");
    assertThat(r.response().toolCalls()).containsExactly(ToolCall.of("call_1", "plan",
        "{\"trip\":{\"city\":\"New \\\"York City\",\"days\":3},\"tags\":[\"food\",true],\"note\":null}"));
    assertThat(r.response().finishReason().kind()).isEqualTo(Kind.TOOL_CALLS);
  }

  @Test
  void anOpenStreamedCallIsClosedByTheFinishReasonOrTheEndOfInput() {
    String start = "{\"candidates\":[{\"content\":{\"parts\":[{\"functionCall\":{\"name\":\"f\",\"willContinue\":true,"
        + "\"partialArgs\":[{\"jsonPath\":\"$.a\",\"numberValue\":1}]}}]}}]}";
    Decoding.Result byFinish = Decoding.events(start, text("", "\"STOP\""));
    assertThat(byFinish.response().toolCalls()).containsExactly(ToolCall.of("call_1", "f", "{\"a\":1}"));
    Decoding.Result byEnd = Decoding.events(start);
    assertThat(byEnd.ended()).isFalse();
    assertThat(byEnd.response().toolCalls()).containsExactly(ToolCall.of("call_1", "f", "{\"a\":1}"));
  }

  private static ChunkSink sink(List<StreamChunk> out) {
    return new ChunkSink() {
      @Override
      public void emit(StreamChunk chunk) {
        out.add(chunk);
      }

      @Override
      public void responseInfo(String responseId, String model) {}
    };
  }
}
