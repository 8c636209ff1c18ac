package dev.rill.provider.support;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rill.api.Message;
import dev.rill.api.Part;
import dev.rill.api.Role;
import dev.rill.api.ToolCall;
import java.util.List;
import org.junit.jupiter.api.Test;

class TurnsTest {

  @Test
  void toolResultsAndTheUserMessageAfterThemShareOneTurnAndReasoningGoesFirst() {
    ToolCall call = new ToolCall("c1", "f", "{}", "sig");
    Part.Reasoning signed = new Part.Reasoning("think", "s", false, "", "");
    Part.Reasoning redacted = new Part.Reasoning("", "", true, "d", "");
    Part.Reasoning unsigned = new Part.Reasoning("other", "", false, "", "");
    Message assistant = new Message(Role.ASSISTANT, List.of(Part.text("Checking."), unsigned, signed, redacted),
        List.of(call), null, null);
    Message result1 = Message.toolResult("c1", "one");
    Message result2 = Message.toolResult("c2", "two");
    List<Turns.Turn> turns = Turns.of(List.of(Message.system("s"), Message.user("q"), Message.user("again"),
        assistant, result1, result2, Message.user("and?"), Message.assistant("done"), Message.user("bye")),
        Turns::signedOrRedacted);

    assertThat(turns).extracting(Turns.Turn::role)
        .containsExactly("user", "user", "assistant", "user", "assistant", "user");
    assertThat(turns.get(2).blocks()).containsExactly(signed, redacted, Part.text("Checking."), call);
    assertThat(turns.get(3).blocks()).containsExactly(result1, result2, Part.text("and?"));
    assertThat(turns.get(5).blocks()).containsExactly(Part.text("bye"));
    assertThat(Turns.of(List.of(assistant), r -> true).get(0).blocks())
        .containsExactly(unsigned, signed, redacted, Part.text("Checking."), call);
  }
}
