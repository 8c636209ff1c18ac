package dev.rill.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rill.api.Message;
import dev.rill.api.Part;
import dev.rill.api.StreamChunk;
import org.junit.jupiter.api.Test;

class RecordingSinkTest {

  @Test
  void recordsEverythingAndFolds() {
    RecordingSink sink = new RecordingSink("p");
    sink.responseInfo("r1", null);
    sink.responseInfo("r2", "m");
    sink.emit(StreamChunk.text("a"));
    sink.emit(StreamChunk.text("b"));
    sink.warning("w");
    assertThat(sink.chunks).hasSize(2);
    assertThat(sink.warnings).containsExactly("w");
    assertThat(sink.responseInfoCalls).isEqualTo(2);
    assertThat(sink.responseId).isEqualTo("r2");
    assertThat(sink.model).isEqualTo("m");
    assertThat(sink.response().text()).isEqualTo("ab");
    assertThat(sink.response().provider()).isEqualTo("p");
    assertThat(sink.response().responseId()).isEqualTo("r2");
  }

  @Test
  void reasoningTurnsDifferOnlyByTheirReasoning() {
    Message turn = ReasoningTurns.toolTurnWithReasoning("m").messages().get(1);
    Message plain = ReasoningTurns.toolTurnWithoutReasoning("m").messages().get(1);
    assertThat(turn.text()).isEqualTo(plain.text());
    assertThat(turn.toolCalls().get(0).signature()).isEqualTo("call-signature");
    assertThat(turn.parts()).filteredOn(p -> p instanceof Part.Reasoning).hasSize(3);
    assertThat(turn.toolCalls()).hasSize(1).first()
        .satisfies(c -> assertThat(c.arguments()).isEqualTo(plain.toolCalls().get(0).arguments()));
    assertThat(ReasoningTurns.answerWithReasoning("m").messages().get(1).text())
        .isEqualTo(ReasoningTurns.answerWithoutReasoning("m").messages().get(1).text());
  }
}
