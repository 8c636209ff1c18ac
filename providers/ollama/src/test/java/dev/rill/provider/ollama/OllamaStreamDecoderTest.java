package dev.rill.provider.ollama;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rill.api.ChatRequest;
import dev.rill.api.ErrorKind;
import dev.rill.api.FinishReason;
import dev.rill.api.RillException;
import dev.rill.api.Role;
import dev.rill.api.StreamDecoder;
import dev.rill.api.StreamDecoder.Progress;
import dev.rill.api.ToolCallDelta;
import dev.rill.api.Usage;
import dev.rill.api.WireEvent;
import dev.rill.testkit.RecordingSink;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OllamaStreamDecoderTest {

  private final StreamDecoder decoder = new OllamaProvider().newDecoder(ChatRequest.builder("llama3.2").user("x").build());
  private final RecordingSink sink = new RecordingSink();

  private Progress feed(String line) {
    return decoder.decode(WireEvent.ofText(line), sink);
  }

  @Test
  void contentThinkingModelAndRoleOnTheFirstChunk() {
    assertThat(feed("{\"model\":\"llama3.2\",\"message\":{\"role\":\"assistant\",\"content\":\"\",\"thinking\":\"Hmm\"},\"done\":false}"))
        .isEqualTo(Progress.CONTINUE);
    feed("{\"model\":\"llama3.2\",\"message\":{\"role\":\"assistant\",\"content\":\" Hi \\n\"},\"done\":false}");
    assertThat(sink.model).isEqualTo("llama3.2");
    assertThat(sink.chunks).hasSize(2);
    assertThat(sink.chunks.get(0).role()).isEqualTo(Role.ASSISTANT);
    assertThat(sink.chunks.get(0).reasoning()).isEqualTo("Hmm");
    assertThat(sink.chunks.get(1).role()).isNull();
    assertThat(sink.chunks.get(1).content()).isEqualTo(" Hi \n");
  }

  @Test
  void emptyContentLinesEmitNothing() {
    feed("{\"model\":\"m\",\"message\":{\"role\":\"assistant\",\"content\":\"\"},\"done\":false}");
    assertThat(sink.chunks).isEmpty();
  }

  @Test
  void doneLineEndsWithFinishAndUsage() {
    feed("{\"message\":{\"role\":\"assistant\",\"content\":\"ok\"},\"done\":false}");
    Progress p = feed("{\"message\":{\"role\":\"assistant\",\"content\":\"\"},\"done_reason\":\"stop\",\"done\":true,"
        + "\"prompt_eval_count\":16,\"eval_count\":22,\"eval_duration\":1}");
    assertThat(p).isEqualTo(Progress.END);
    assertThat(sink.response().finishReason()).isEqualTo(FinishReason.of(FinishReason.Kind.STOP, "stop"));
    assertThat(sink.response().usage()).isEqualTo(new Usage(16L, 22L, 38L, null, null, null));
  }

  @ParameterizedTest
  @CsvSource({"stop,STOP", "length,LENGTH", "load,OTHER", "unload,OTHER", "something_new,OTHER"})
  void doneReasonMapping(String raw, FinishReason.Kind kind) {
    feed("{\"done\":true,\"done_reason\":\"" + raw + "\"}");
    assertThat(sink.response().finishReason()).isEqualTo(FinishReason.of(kind, raw));
  }

  @Test
  void missingDoneReasonIsStopWithAnEmptyRawValueAndNoUsage() {
    assertThat(feed("{\"done\":true}")).isEqualTo(Progress.END);
    assertThat(sink.response().finishReason()).isEqualTo(FinishReason.of(FinishReason.Kind.STOP, ""));
    assertThat(sink.response().usage()).isNull();
  }

  @Test
  void toolCallsAreWholeCallsWithStreamPositionsAndGeneratedIds() {
    feed("{\"message\":{\"role\":\"assistant\",\"content\":\"\",\"tool_calls\":[{\"function\":{\"index\":0,"
        + "\"name\":\"get_weather\",\"arguments\":{ \"city\" : \"Tokyo\", \"n\": [1, 2.5] }}}]},\"done\":false}");
    feed("{\"message\":{\"role\":\"assistant\",\"content\":\"\",\"tool_calls\":[{\"id\":\"abc\",\"function\":{\"index\":0,"
        + "\"name\":\"noargs\"}}]},\"done\":false}");
    feed("{\"done\":true,\"done_reason\":\"stop\"}");
    assertThat(sink.chunks.get(0).toolCalls()).containsExactly(
        ToolCallDelta.of(0, "call_0", "get_weather", "{\"city\":\"Tokyo\",\"n\":[1,2.5]}"));
    assertThat(sink.chunks.get(1).toolCalls()).containsExactly(ToolCallDelta.of(1, "abc", "noargs", "{}"));
    assertThat(sink.response().finishReason()).isEqualTo(FinishReason.of(FinishReason.Kind.TOOL_CALLS, "stop"));
  }

  @Test
  void argumentsGivenAsAStringPassThrough() {
    feed("{\"message\":{\"tool_calls\":[{\"function\":{\"name\":\"f\",\"arguments\":\"{\\\"a\\\":1}\"}}]}}");
    assertThat(sink.chunks.get(0).toolCalls().get(0).arguments()).isEqualTo("{\"a\":1}");
  }

  @Test
  void aToolCallWithoutANameIsMalformed() {
    assertThatThrownBy(() -> feed("{\"message\":{\"tool_calls\":[{\"function\":{\"arguments\":{}}}]}}"))
        .isInstanceOfSatisfying(RillException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.MALFORMED_RESPONSE));
  }

  @Test
  void generateLinesUseTheResponseField() {
    feed("{\"model\":\"gemma3:1b\",\"response\":\"Okay\",\"done\":false}");
    feed("{\"model\":\"gemma3:1b\",\"response\":\"\",\"done\":true,\"done_reason\":\"stop\",\"context\":[1,2,3],"
        + "\"prompt_eval_count\":16,\"eval_count\":22}");
    assertThat(sink.response().text()).isEqualTo("Okay");
    assertThat(sink.response().usage().outputTokens()).isEqualTo(22L);
  }

  @Test
  void errorLineSaysModelNotFound() {
    assertThatThrownBy(() -> feed("{\"error\":\"model \\\"llama9\\\" not found, try pulling it first\"}"))
        .isInstanceOfSatisfying(RillException.class, e -> {
          assertThat(e.kind()).isEqualTo(ErrorKind.NOT_FOUND);
          assertThat(e.provider()).isEqualTo("ollama");
          assertThat(e.providerMessage()).isEqualTo("model \"llama9\" not found, try pulling it first");
          assertThat(e.getMessage()).contains("ollama pull llama9");
        });
  }

  @Test
  void otherErrorLinesAreServerErrors() {
    assertThatThrownBy(() -> feed("{\"error\":\"an error was encountered while running the model\"}"))
        .isInstanceOfSatisfying(RillException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.SERVER));
  }

  @Test
  void malformedLinesAreTypedErrorsWithTheRawTextAndTheDecoderStaysUsable() {
    for (String bad : new String[] {"{\"message\":", "[1,2]", "\"text\"", "{\"a\":1} x", "{\"eval_count\":99999999999999999999999}"}) {
      assertThatThrownBy(() -> feed(bad)).as(bad).isInstanceOfSatisfying(RillException.class, e -> {
        assertThat(e.kind()).isEqualTo(ErrorKind.MALFORMED_RESPONSE);
        assertThat(e.rawEvent()).isEqualTo(bad);
      });
    }
    feed("{\"message\":{\"content\":\"still fine\"}}");
    assertThat(sink.response().text()).isEqualTo("still fine");
  }

  @Test
  void blankLinesAndUnknownFieldsAreIgnored() {
    assertThat(feed("   ")).isEqualTo(Progress.CONTINUE);
    feed("{\"future\":{\"x\":[1,{\"y\":2}]},\"message\":{\"images\":null,\"content\":\"a\",\"extra\":[]},\"done\":false}");
    assertThat(sink.response().text()).isEqualTo("a");
  }

  @Test
  void negativeCountsAreUnknownNotInvented() {
    feed("{\"done\":true,\"prompt_eval_count\":-1,\"eval_count\":5}");
    assertThat(sink.response().usage()).isEqualTo(new Usage(null, 5L, null, null, null, null));
  }

  @Test
  void endOfInputWithoutADoneLineIsNotAProperEnd() {
    feed("{\"message\":{\"content\":\"partial\"},\"done\":false}");
    assertThat(decoder.endOfInput(sink)).isFalse();
  }
}
