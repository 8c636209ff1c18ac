package dev.rill.provider.cohere;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rill.api.ChatRequest;
import dev.rill.api.ErrorKind;
import dev.rill.api.FinishReason;
import dev.rill.api.RillException;
import dev.rill.api.Role;
import dev.rill.api.StreamDecoder;
import dev.rill.api.StreamDecoder.Progress;
import dev.rill.api.ToolCall;
import dev.rill.api.Usage;
import dev.rill.api.WireEvent;
import dev.rill.testkit.RecordingSink;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CohereStreamDecoderTest {

  private final StreamDecoder decoder =
      new CohereProvider().newDecoder(ChatRequest.builder("command-a-03-2025").user("x").build());
  private final RecordingSink sink = new RecordingSink();

  private Progress feed(String data) {
    return decoder.decode(WireEvent.ofText(data), sink);
  }

  @Test
  void textDeltasPassThroughExactlyAndTheIdIsReported() {
    feed("{\"id\":\"abc\",\"type\":\"message-start\",\"delta\":{\"message\":{\"role\":\"assistant\",\"content\":[],"
        + "\"tool_plan\":\"\",\"tool_calls\":[],\"citations\":[]}}}");
    feed("{\"type\":\"content-start\",\"index\":0,\"delta\":{\"message\":{\"content\":{\"type\":\"text\",\"text\":\"\"}}}}");
    feed("{\"type\":\"content-delta\",\"index\":0,\"delta\":{\"message\":{\"content\":{\"text\":\"  Hi\\n\"}}}}");
    feed("{\"index\":0,\"type\":\"content-delta\",\"delta\":{\"message\":{\"content\":{\"text\":\"there \"}}}}");
    assertThat(feed("{\"type\":\"content-end\",\"index\":0}")).isEqualTo(Progress.CONTINUE);
    assertThat(sink.response().responseId()).isEqualTo("abc");
    assertThat(sink.response().text()).isEqualTo("  Hi\nthere ");
    assertThat(sink.chunks.get(0).role()).isEqualTo(Role.ASSISTANT);
    assertThat(sink.chunks).hasSize(2);
  }

  @Test
  void textInAThinkingBlockIsReasoning() {
    feed("{\"type\":\"content-start\",\"index\":0,\"delta\":{\"message\":{\"content\":{\"type\":\"thinking\"}}}}");
    feed("{\"type\":\"content-delta\",\"index\":0,\"delta\":{\"message\":{\"content\":{\"text\":\"hmm\"}}}}");
    feed("{\"type\":\"content-delta\",\"index\":0,\"delta\":{\"message\":{\"content\":{\"thinking\":\" ok\"}}}}");
    feed("{\"type\":\"content-start\",\"index\":1,\"delta\":{\"message\":{\"content\":{\"type\":\"text\",\"text\":\"A\"}}}}");
    assertThat(sink.response().reasoning()).isEqualTo("hmm ok");
    assertThat(sink.response().text()).isEqualTo("A");
  }

  @Test
  void toolPlanIsReasoningAndToolCallsFollowTheirIndex() {
    feed("{\"type\":\"tool-plan-delta\",\"delta\":{\"message\":{\"tool_plan\":\"I will\"}}}");
    feed("{\"type\":\"tool-call-start\",\"index\":0,\"delta\":{\"message\":{\"tool_calls\":{\"id\":\"t1\",\"type\":\"function\","
        + "\"function\":{\"name\":\"f\",\"arguments\":\"\"}}}}}");
    feed("{\"type\":\"tool-call-start\",\"index\":1,\"delta\":{\"message\":{\"tool_calls\":{\"id\":\"t2\",\"type\":\"function\","
        + "\"function\":{\"name\":\"g\",\"arguments\":\"{\\\"b\\\"\"}}}}}");
    feed("{\"type\":\"tool-call-delta\",\"index\":0,\"delta\":{\"message\":{\"tool_calls\":{\"function\":{\"arguments\":\"{\\\"a\\\":1}\"}}}}}");
    feed("{\"type\":\"tool-call-delta\",\"index\":1,\"delta\":{\"message\":{\"tool_calls\":{\"function\":{\"arguments\":\":2}\"}}}}}");
    feed("{\"type\":\"tool-call-end\",\"index\":1}");
    feed("{\"type\":\"message-end\",\"delta\":{\"finish_reason\":\"TOOL_CALL\"}}");
    assertThat(sink.response().reasoning()).isEqualTo("I will");
    assertThat(sink.response().toolCalls()).containsExactly(ToolCall.of("t1", "f", "{\"a\":1}"),
        ToolCall.of("t2", "g", "{\"b\":2}"));
    assertThat(sink.response().finishReason()).isEqualTo(FinishReason.of(FinishReason.Kind.TOOL_CALLS, "TOOL_CALL"));
  }

  @ParameterizedTest
  @CsvSource({"COMPLETE,STOP", "STOP_SEQUENCE,STOP", "MAX_TOKENS,LENGTH", "TOOL_CALL,TOOL_CALLS", "ERROR,ERROR",
      "TIMEOUT,ERROR", "SOMETHING_NEW,OTHER"})
  void finishReasonMapping(String raw, FinishReason.Kind kind) {
    assertThat(feed("{\"type\":\"message-end\",\"delta\":{\"finish_reason\":\"" + raw + "\"}}")).isEqualTo(Progress.END);
    assertThat(sink.response().finishReason()).isEqualTo(FinishReason.of(kind, raw));
    assertThat(sink.response().usage()).isNull();
  }

  @Test
  void usageComesFromTokensNotBilledUnits() {
    feed("{\"type\":\"message-end\",\"delta\":{\"finish_reason\":\"COMPLETE\",\"usage\":{\"billed_units\":{\"input_tokens\":12,"
        + "\"output_tokens\":7},\"tokens\":{\"input_tokens\":507,\"output_tokens\":10},\"cached_tokens\":448}}}");
    assertThat(sink.response().usage()).isEqualTo(new Usage(507L, 10L, 517L, null, 448L, null));
  }

  @Test
  void onlyBilledUnitsMeansNoUsage() {
    feed("{\"type\":\"message-end\",\"delta\":{\"finish_reason\":\"COMPLETE\",\"usage\":{\"billed_units\":{\"input_tokens\":12,"
        + "\"output_tokens\":7}}}}");
    assertThat(sink.response().usage()).isNull();
  }

  @Test
  void anErrorFinishIsReportedWithAWarning() {
    feed("{\"type\":\"message-end\",\"delta\":{\"finish_reason\":\"ERROR\",\"error\":\"internal failure\"}}");
    assertThat(sink.warnings).containsExactly("Cohere ended the message with an error: internal failure");
  }

  @Test
  void errorPayloadsFailTheStream() {
    assertThatThrownBy(() -> feed("{\"message\":\"internal server error\"}"))
        .isInstanceOfSatisfying(RillException.class, e -> {
          assertThat(e.kind()).isEqualTo(ErrorKind.SERVER);
          assertThat(e.providerMessage()).isEqualTo("internal server error");
        });
    assertThatThrownBy(() -> feed("{\"type\":\"error\",\"message\":\"too many tokens: total number of tokens in the "
        + "prompt cannot exceed 4081\"}")).isInstanceOfSatisfying(RillException.class,
            e -> assertThat(e.kind()).isEqualTo(ErrorKind.CONTEXT_LENGTH_EXCEEDED));
  }

  @Test
  void malformedEventsAreTypedErrorsAndTheDecoderStaysUsable() {
    for (String bad : new String[] {"{unparsable}", "[]", "{\"type\":\"content-delta\"", "{\"type\":\"tool-call-start\","
        + "\"index\":0,\"delta\":{\"message\":{\"tool_calls\":{\"id\":\"x\"}}}}"}) {
      assertThatThrownBy(() -> feed(bad)).as(bad).isInstanceOfSatisfying(RillException.class, e -> {
        assertThat(e.kind()).isEqualTo(ErrorKind.MALFORMED_RESPONSE);
        assertThat(e.rawEvent()).isEqualTo(bad);
      });
    }
    feed("{\"type\":\"content-delta\",\"index\":0,\"delta\":{\"message\":{\"content\":{\"text\":\"ok\"}}}}");
    assertThat(sink.response().text()).isEqualTo("ok");
  }

  @Test
  void unknownAndCitationEventsAreIgnored() {
    feed("{\"type\":\"citation-start\",\"index\":0,\"delta\":{\"message\":{\"citations\":{\"start\":0,\"end\":3}}}}");
    feed("{\"type\":\"citation-end\",\"index\":0}");
    feed("{\"type\":\"debug\",\"delta\":{\"whatever\":[1,2,{}]}}");
    feed("");
    assertThat(sink.chunks).isEmpty();
  }

  @Test
  void theSseEventTypeIsAFallbackWhenTheJsonHasNone() {
    decoder.decode(WireEvent.ofText("content-delta", "{\"delta\":{\"message\":{\"content\":{\"text\":\"x\"}}}}"), sink);
    assertThat(sink.response().text()).isEqualTo("x");
  }

  @Test
  void onlyMessageEndOrDoneIsAProperEnd() {
    feed("{\"type\":\"content-delta\",\"index\":0,\"delta\":{\"message\":{\"content\":{\"text\":\"cut\"}}}}");
    assertThat(decoder.endOfInput(sink)).isFalse();
    assertThat(feed("[DONE]")).isEqualTo(Progress.END);
  }
}
