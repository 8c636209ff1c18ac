package dev.rill.provider.openairesponses.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.rill.api.ErrorKind;
import dev.rill.api.FinishReason;
import dev.rill.api.FinishReason.Kind;
import dev.rill.api.RillException;
import dev.rill.api.Role;
import dev.rill.api.StreamChunk;
import dev.rill.api.StreamDecoder.Progress;
import dev.rill.api.ToolCall;
import dev.rill.api.ToolCallDelta;
import dev.rill.api.Usage;
import dev.rill.api.WireEvent;
import dev.rill.testkit.RecordingSink;
import dev.rill.testkit.property.Gens;
import dev.rill.testkit.property.Property;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResponsesStreamDecoderTest {

  private final ResponsesStreamDecoder decoder = new ResponsesStreamDecoder("openai-responses", "gpt-4.1");
  private final RecordingSink sink = new RecordingSink();

  private Progress feed(String json) {
    return decoder.decode(WireEvent.ofText(json), sink);
  }

  private RillException failure(String json) {
    return catchThrowableOfType(RillException.class, () -> feed(json));
  }

  private static String created(String id, String model) {
    return "{\"type\":\"response.created\",\"response\":{\"id\":\"" + id + "\",\"output\":[{\"x\":[1,{}]}],"
        + "\"model\":\"" + model + "\",\"status\":\"in_progress\",\"usage\":null}}";
  }

  private static String call(int outputIndex, String itemId, String callId, String name) {
    return "{\"type\":\"response.output_item.added\",\"output_index\":" + outputIndex + ",\"item\":{\"type\":"
        + "\"function_call\",\"id\":\"" + itemId + "\",\"call_id\":\"" + callId + "\",\"name\":\"" + name + "\","
        + "\"arguments\":\"\",\"status\":\"in_progress\"}}";
  }

  private static String args(String itemId, int outputIndex, String delta) {
    return "{\"type\":\"response.function_call_arguments.delta\",\"item_id\":\"" + itemId + "\",\"output_index\":"
        + outputIndex + ",\"delta\":\"" + delta + "\"}";
  }

  private static String text(String delta) {
    return "{\"type\":\"response.output_text.delta\",\"item_id\":\"msg_1\",\"output_index\":0,\"content_index\":0,"
        + "\"delta\":\"" + delta + "\",\"logprobs\":[]}";
  }

  private static final String USAGE = "\"usage\":{\"input_tokens\":10,\"input_tokens_details\":{\"cached_tokens\":4},"
      + "\"output_tokens\":20,\"output_tokens_details\":{\"reasoning_tokens\":7},\"total_tokens\":30}";

  @Test
  void createdReportsTheResponseOnceAndARole() {
    assertThat(feed(created("resp_1", "gpt-4.1-2025-04-14"))).isEqualTo(Progress.CONTINUE);
    feed(created("resp_1", "gpt-4.1-2025-04-14").replace("response.created", "response.in_progress"));
    assertThat(sink.responseId).isEqualTo("resp_1");
    assertThat(sink.model).isEqualTo("gpt-4.1-2025-04-14");
    assertThat(sink.responseInfoCalls).isEqualTo(1);
    assertThat(sink.chunks).containsExactly(StreamChunk.ofRole(Role.ASSISTANT));
  }

  @Test
  void theJsonTypeWinsOverTheEventNameWhichIsAFallback() {
    decoder.decode(WireEvent.ofText("response.completed", text("hi")), sink);
    assertThat(sink.response().text()).isEqualTo("hi");
    assertThat(decoder.decode(WireEvent.ofText("response.output_text.delta", "{\"delta\":\"!\"}"), sink))
        .isEqualTo(Progress.CONTINUE);
    assertThat(sink.response().text()).isEqualTo("hi!");
    assertThat(failure("{\"delta\":\"x\"}").kind()).isEqualTo(ErrorKind.MALFORMED_RESPONSE);
  }

  @Test
  void textRefusalAndCompletion() {
    feed(text("Hel"));
    feed(text(""));
    feed(text("lo \\n"));
    feed("{\"type\":\"response.refusal.delta\",\"item_id\":\"msg_1\",\"output_index\":0,\"delta\":\"No.\"}");
    feed("{\"type\":\"response.output_text.done\",\"text\":\"ignored\"}");
    assertThat(feed("{\"type\":\"response.completed\",\"response\":{\"id\":\"resp_9\",\"status\":\"completed\","
        + USAGE + "}}")).isEqualTo(Progress.END);
    assertThat(sink.response().text()).isEqualTo("Hello \n");
    assertThat(sink.response().refusal()).isEqualTo("No.");
    StreamChunk last = sink.chunks.get(sink.chunks.size() - 1);
    assertThat(last.finishReason()).isEqualTo(FinishReason.of(Kind.STOP, "completed"));
    assertThat(last.usage()).isEqualTo(new Usage(10L, 20L, 30L, 7L, 4L, null));
    assertThat(sink.responseId).isEqualTo("resp_9");
    assertThat(sink.chunks).hasSize(4);
  }

  @Test
  void functionCallsAreIndexedInOrderAndRoutedByItemIdOrOutputIndex() {
    feed("{\"type\":\"response.output_item.added\",\"output_index\":0,\"item\":{\"type\":\"reasoning\",\"id\":\"rs_1\"}}");
    feed(call(1, "fc_a", "call_A", "get_weather"));
    feed(call(3, "fc_b", "call_B", "get_time"));
    feed(args("fc_b", 3, "{\\\"tz\\\":"));
    feed(args("fc_a", 1, "{\\\"city\\\":\\\"Paris\\\"}"));
    feed("{\"type\":\"response.function_call_arguments.delta\",\"output_index\":3,\"delta\":\"\\\"CET\\\"}\"}");
    feed("{\"type\":\"response.function_call_arguments.done\",\"item_id\":\"fc_a\",\"output_index\":1,"
        + "\"arguments\":\"{\\\"city\\\":\\\"Paris\\\"}\"}");
    feed("{\"type\":\"response.completed\",\"response\":{\"status\":\"completed\"}}");
    assertThat(sink.chunks.get(0).toolCalls()).containsExactly(ToolCallDelta.start(0, "call_A", "get_weather"));
    assertThat(sink.chunks.get(1).toolCalls()).containsExactly(ToolCallDelta.start(1, "call_B", "get_time"));
    assertThat(sink.response().toolCalls()).containsExactly(
        ToolCall.of("call_A", "get_weather", "{\"city\":\"Paris\"}"),
        ToolCall.of("call_B", "get_time", "{\"tz\":\"CET\"}"));
    assertThat(sink.response().finishReason()).isEqualTo(FinishReason.of(Kind.TOOL_CALLS, "completed"));
    assertThat(sink.response().usage()).isNull();
    assertThat(sink.chunks).hasSize(6);
  }

  @Test
  void doneArgumentsAreUsedOnlyWhenNoFragmentCame() {
    feed(call(0, "fc_a", "call_A", "a"));
    feed("{\"type\":\"response.function_call_arguments.done\",\"item_id\":\"fc_a\",\"arguments\":\"{\\\"x\\\":1}\"}");
    feed("{\"type\":\"response.output_item.done\",\"output_index\":0,\"item\":{\"type\":\"function_call\","
        + "\"id\":\"fc_a\",\"call_id\":\"call_A\",\"name\":\"a\",\"arguments\":\"{\\\"x\\\":1}\"}}");
    feed(call(1, "fc_b", "call_B", "b"));
    feed("{\"type\":\"response.output_item.done\",\"output_index\":1,\"item\":{\"type\":\"function_call\","
        + "\"id\":\"fc_b\",\"call_id\":\"call_B\",\"name\":\"b\",\"arguments\":\"{\\\"y\\\":2}\"}}");
    feed("{\"type\":\"response.output_item.done\",\"output_index\":2,\"item\":{\"type\":\"function_call\","
        + "\"id\":\"fc_c\",\"call_id\":\"call_C\",\"name\":\"c\",\"arguments\":\"{}\"}}");
    assertThat(sink.response().toolCalls()).containsExactly(ToolCall.of("call_A", "a", "{\"x\":1}"),
        ToolCall.of("call_B", "b", "{\"y\":2}"), ToolCall.of("call_C", "c", "{}"));
    assertThat(sink.chunks).hasSize(5);
  }

  @Test
  void reasoningPartsAreSeparatedByABlankLine() {
    String summary = "{\"type\":\"response.reasoning_summary_text.delta\",\"item_id\":\"rs_1\",\"output_index\":0,"
        + "\"summary_index\":%d,\"delta\":\"%s\"}";
    feed(String.format(summary, 0, "**A**"));
    feed(String.format(summary, 0, " one."));
    feed(String.format(summary, 1, "**B**"));
    feed("{\"type\":\"response.reasoning_text.delta\",\"item_id\":\"rs_2\",\"output_index\":2,\"content_index\":0,"
        + "\"delta\":\"raw\"}");
    feed("{\"type\":\"response.reasoning_text.delta\",\"item_id\":\"rs_2\",\"output_index\":2,\"content_index\":0,"
        + "\"delta\":\" more\"}");
    assertThat(sink.response().reasoning()).isEqualTo("**A** one.\n\n**B**\n\nraw more");
    assertThat(sink.response().text()).isEmpty();
  }

  @Test
  void incompleteReasonsMapToKinds() {
    assertThat(ResponsesStreamDecoder.finishOfIncomplete("max_output_tokens"))
        .isEqualTo(FinishReason.of(Kind.LENGTH, "max_output_tokens"));
    assertThat(ResponsesStreamDecoder.finishOfIncomplete("content_filter"))
        .isEqualTo(FinishReason.of(Kind.CONTENT_FILTER, "content_filter"));
    assertThat(ResponsesStreamDecoder.finishOfIncomplete("something_new"))
        .isEqualTo(FinishReason.of(Kind.OTHER, "something_new"));
    assertThat(ResponsesStreamDecoder.finishOfIncomplete(null)).isEqualTo(FinishReason.of(Kind.OTHER, "incomplete"));
    feed(call(0, "fc_a", "call_A", "a"));
    assertThat(feed("{\"type\":\"response.incomplete\",\"response\":{\"status\":\"incomplete\","
        + "\"incomplete_details\":{\"reason\":\"max_output_tokens\"}," + USAGE + "}}")).isEqualTo(Progress.END);
    assertThat(sink.response().finishReason()).isEqualTo(FinishReason.of(Kind.LENGTH, "max_output_tokens"));
    assertThat(sink.response().usage().outputTokens()).isEqualTo(20L);
  }

  @Test
  void failedResponsesThrowByErrorCode() {
    Object[][] rows = {{"rate_limit_exceeded", ErrorKind.RATE_LIMITED}, {"server_error", ErrorKind.SERVER},
        {"insufficient_quota", ErrorKind.QUOTA_EXHAUSTED}, {"invalid_prompt", ErrorKind.INVALID_REQUEST},
        {"image_too_large", ErrorKind.INVALID_REQUEST}, {"vector_store_timeout", ErrorKind.SERVER},
        {"image_content_policy_violation", ErrorKind.CONTENT_FILTERED}, {"something_new", ErrorKind.SERVER}};
    for (Object[] row : rows) {
      RillException e = catchThrowableOfType(RillException.class, () -> new ResponsesStreamDecoder("p", "m").decode(
          WireEvent.ofText("{\"type\":\"response.failed\",\"response\":{\"status\":\"failed\",\"error\":{\"code\":\""
              + row[0] + "\",\"message\":\"went wrong\"}}}"), sink));
      assertThat(e.kind()).as((String) row[0]).isEqualTo(row[1]);
      assertThat(e.providerCode()).isEqualTo(row[0]);
      assertThat(e.providerMessage()).isEqualTo("went wrong");
      assertThat(e.provider()).isEqualTo("p");
    }
    RillException bare = failure("{\"type\":\"response.failed\",\"response\":{\"status\":\"failed\",\"error\":null}}");
    assertThat(bare.kind()).isEqualTo(ErrorKind.SERVER);
  }

  @Test
  void errorEventsFlatOrNested() {
    RillException flat = failure("{\"type\":\"error\",\"code\":\"rate_limit_exceeded\",\"message\":\"slow down\","
        + "\"param\":null,\"sequence_number\":3}");
    assertThat(flat.kind()).isEqualTo(ErrorKind.RATE_LIMITED);
    assertThat(flat.providerCode()).isEqualTo("rate_limit_exceeded");
    assertThat(flat.providerMessage()).isEqualTo("slow down");
    RillException nested = failure("{\"type\":\"error\",\"sequence_number\":2,\"error\":{\"type\":"
        + "\"insufficient_quota\",\"code\":\"insufficient_quota\",\"message\":\"You exceeded your current quota\"}}");
    assertThat(nested.kind()).isEqualTo(ErrorKind.QUOTA_EXHAUSTED);
    assertThat(nested.providerCode()).isEqualTo("insufficient_quota");
    RillException typeOnly = failure("{\"type\":\"error\",\"error\":{\"type\":\"server_error\",\"message\":\"x\"}}");
    assertThat(typeOnly.kind()).isEqualTo(ErrorKind.SERVER);
    assertThat(typeOnly.providerCode()).isEqualTo("server_error");
    assertThat(failure("{\"type\":\"error\"}").kind()).isEqualTo(ErrorKind.SERVER);
  }

  @Test
  void unknownEventsBlankPayloadsAndDoneAreIgnored() {
    for (String ignored : List.of("{\"type\":\"response.web_search_call.searching\",\"item_id\":\"ws_1\"}",
        "{\"type\":\"response.content_part.added\",\"part\":{\"type\":\"output_text\",\"text\":\"x\"}}",
        "{\"type\":\"response.output_text.annotation.added\",\"annotation\":{}}",
        "{\"type\":\"response.brand_new\",\"delta\":\"x\"}", "  ", "[DONE]")) {
      assertThat(feed(ignored)).as(ignored).isEqualTo(Progress.CONTINUE);
    }
    feed("{\"type\":\"response.output_item.added\",\"output_index\":0,\"item\":{\"type\":\"web_search_call\"}}");
    assertThat(sink.chunks).isEmpty();
    assertThat(decoder.endOfInput(sink)).isFalse();
  }

  @Test
  void malformedPayloadsCarryTheRawEventAndChangeNothing() {
    feed(call(0, "fc_a", "call_A", "a"));
    for (String bad : List.of("{\"type\":", "[1]", "{} {}", "nope",
        "{\"type\":\"response.completed\",\"response\":{\"usage\":{\"input_tokens\":-1}}}",
        "{\"type\":\"response.output_text.delta\",\"output_index\":-2}",
        call(0, "fc_z", "call_Z", "z"), call(5, "fc_a", "call_A2", "a2"),
        "{\"type\":\"response.output_item.added\",\"output_index\":7,\"item\":{\"type\":\"function_call\",\"id\":\"x\"}}",
        args("fc_nope", 9, "{}"))) {
      RillException e = failure(bad);
      assertThat(e.kind()).as(bad).isEqualTo(ErrorKind.MALFORMED_RESPONSE);
      assertThat(e.rawEvent()).isEqualTo(bad);
    }
    feed(args("fc_a", 0, "{}"));
    feed(call(1, "fc_b", "call_B", "b"));
    assertThat(sink.response().toolCalls()).containsExactly(ToolCall.of("call_A", "a", "{}"),
        ToolCall.of("call_B", "b", "{}"));
    assertThat(sink.chunks.get(2).toolCalls()).containsExactly(ToolCallDelta.start(1, "call_B", "b"));
  }

  @Test
  void arbitraryPayloadsNeverEscapeAsAnotherException() {
    Property.forAll(Gens.strings()).examples(Gens.EDGE_STRINGS).tries(200).check(payload -> {
      ResponsesStreamDecoder fresh = new ResponsesStreamDecoder("p", null);
      try {
        fresh.decode(WireEvent.ofText(payload), new RecordingSink());
      } catch (RillException expected) {
        assertThat(expected.kind()).isIn(ErrorKind.MALFORMED_RESPONSE, ErrorKind.SERVER);
      }
    });
  }
}
