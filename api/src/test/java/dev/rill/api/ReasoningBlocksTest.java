package dev.rill.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ReasoningBlocksTest {

  private static ChatResponse fold(StreamChunk... chunks) {
    ChatAccumulator acc = new ChatAccumulator("p", "m");
    for (StreamChunk c : chunks) {
      acc.add(c);
    }
    return acc.response();
  }

  @Test
  void blocksFoldInOrderWithTheirSignatures() {
    ChatResponse r = fold(
        StreamChunk.reasoningDelta("first "),
        StreamChunk.reasoningDelta("thought"),
        StreamChunk.ofReasoningSignature("sig-1"),
        StreamChunk.reasoningDelta("second"),
        StreamChunk.ofReasoningSignature("sig-2"),
        StreamChunk.text("answer"));

    assertThat(r.reasoning()).isEqualTo("first thoughtsecond");
    assertThat(r.reasoningBlocks()).containsExactly(
        ReasoningBlock.of("first thought", "sig-1"),
        ReasoningBlock.of("second", "sig-2"));
    assertThat(r.text()).isEqualTo("answer");
  }

  @Test
  void redactedBlocksAreBlocksOfTheirOwnEvenBackToBack() {
    ChatResponse r = fold(
        StreamChunk.ofRedactedReasoning("opaque-1"),
        StreamChunk.ofRedactedReasoning("opaque-2"),
        StreamChunk.reasoningDelta("visible"),
        StreamChunk.ofReasoningSignature("sig"));

    assertThat(r.reasoningBlocks()).containsExactly(
        ReasoningBlock.ofRedacted("opaque-1"),
        ReasoningBlock.ofRedacted("opaque-2"),
        ReasoningBlock.of("visible", "sig"));
    assertThat(r.reasoningBlocks().get(0).redacted()).isTrue();
    assertThat(r.reasoning()).isEqualTo("visible");
    assertThat(r.hasOutput()).isTrue();
  }

  @Test
  void aSignatureWithNoOpenBlockIsABlockWithoutText() {
    ChatResponse r = fold(
        StreamChunk.reasoningDelta("a"),
        StreamChunk.ofReasoningSignature("sig-a"),
        StreamChunk.ofReasoningSignature("sig-b"));

    assertThat(r.reasoningBlocks()).containsExactly(ReasoningBlock.of("a", "sig-a"), ReasoningBlock.of("", "sig-b"));
  }

  @Test
  void reasoningTextAndTheSignatureInOneChunkMakeOneBlockAndUnsignedReasoningIsOneOpenBlock() {
    ChatResponse r = fold(
        StreamChunk.builder().reasoning("thinking").reasoningSignature("s").content("hi").build(),
        StreamChunk.reasoningDelta("more"),
        StreamChunk.reasoningDelta(" text"));

    assertThat(r.reasoningBlocks()).containsExactly(ReasoningBlock.of("thinking", "s"), ReasoningBlock.of("more text", ""));
    assertThat(r.reasoningBlocks().get(1).isSigned()).isFalse();
  }

  @Test
  void aSignatureOnlyChunkIsOutputAndChoicesKeepTheirOwnBlocks() {
    StreamChunk sig = StreamChunk.ofReasoningSignature("s");
    assertThat(sig.hasOutput()).isTrue();
    assertThat(sig.isEmpty()).isFalse();
    assertThat(StreamChunk.builder().build().hasOutput()).isFalse();

    ChatResponse r = fold(
        StreamChunk.builder().choice(1).reasoning("other").reasoningSignature("s1").build(),
        StreamChunk.builder().choice(0).redactedReasoning("d0").build());
    assertThat(r.reasoningBlocks()).containsExactly(ReasoningBlock.ofRedacted("d0"));
    assertThat(r.choices().get(1).reasoningBlocks()).containsExactly(ReasoningBlock.of("other", "s1"));
  }

  @Test
  void toolCallsKeepTheirSignature() {
    ChatResponse r = fold(
        StreamChunk.toolCall(new ToolCallDelta(0, "c1", "f", "{\"a\":", "sig-f")),
        StreamChunk.toolCall(ToolCallDelta.arguments(0, "1}")),
        StreamChunk.toolCall(ToolCallDelta.of(1, "c2", "g", "{}")));

    assertThat(r.toolCalls()).containsExactly(new ToolCall("c1", "f", "{\"a\":1}", "sig-f"),
        ToolCall.of("c2", "g", "{}"));
    assertThat(r.toolCalls().get(1).signature()).isEmpty();
  }

  @Test
  void theNamedFactoriesLeaveTheSignaturesEmpty() {
    assertThat(StreamChunk.text("x").reasoningSignature()).isEmpty();
    assertThat(StreamChunk.text("x").redactedReasoning()).isEmpty();
    assertThat(ToolCallDelta.of(0, "i", "n", null).signature()).isEmpty();
    assertThat(ToolCallDelta.of(0, "i", "n", null).arguments()).isEmpty();
    assertThat(ToolCall.of("i", "n", null).signature()).isEmpty();
    ChatResponse r = new ChatResponse("p", null, null, "t", "", "", List.of(), null, null, 1,
        List.of(new ChatResponse.Choice(0, "t", "", "", List.of(), null, null)), List.of(), null, null);
    assertThat(r.reasoningBlocks()).isEmpty();
    assertThat(r.choices().get(0).reasoningBlocks()).isEmpty();
    assertThat(r.withWarnings(List.of("w")).reasoningBlocks()).isEmpty();
  }

  @Test
  void assistantTurnCarriesBlocksTextAndSignedToolCalls() {
    ChatResponse r = fold(
        StreamChunk.ofRedactedReasoning("d"),
        StreamChunk.reasoningDelta("plan"),
        StreamChunk.ofReasoningSignature("sig"),
        StreamChunk.text("Let me check."),
        StreamChunk.toolCall(new ToolCallDelta(0, "c1", "weather", "{}", "fsig")));

    Message turn = Message.assistantTurn(r);

    assertThat(turn.role()).isEqualTo(Role.ASSISTANT);
    assertThat(turn.parts()).containsExactly(
        new Part.Reasoning("", "", true, "d", "p"),
        new Part.Reasoning("plan", "sig", false, "", "p"),
        Part.text("Let me check."));
    // the origin is the provider that answered, so a provider that signs differently can leave the blocks out
    assertThat(turn.parts()).filteredOn(Part.Reasoning.class::isInstance)
        .allSatisfy(part -> assertThat(((Part.Reasoning) part).origin()).isEqualTo(r.provider()));
    assertThat(turn.toolCalls()).containsExactly(new ToolCall("c1", "weather", "{}", "fsig"));
    assertThat(turn.text()).isEqualTo("Let me check.");
    assertThat(turn.isTextOnly()).isFalse();
  }

  @Test
  void assistantTurnOfAPlainAnswerIsTheAssistantMessage() {
    ChatResponse r = fold(StreamChunk.text("hello"));
    assertThat(Message.assistantTurn(r)).isEqualTo(Message.assistant("hello"));
  }

  @Test
  void aReasoningPartBuiltByHandHasNoOrigin() {
    assertThat(new Part.Reasoning("t", "s", false, "", "").origin()).isEmpty();
    assertThat(((Part.Reasoning) Part.reasoning(ReasoningBlock.of("t", "s"))).origin()).isEmpty();
    assertThat(new Part.Reasoning("t", "s", false, "", null).origin()).isEmpty();
    assertThat(((Part.Reasoning) Part.reasoning(ReasoningBlock.of("t", "s"), "gemini")).origin()).isEqualTo("gemini");
  }

  @Test
  void onlyAssistantMessagesCarryReasoning() {
    assertThatThrownBy(() -> Message.user(Part.reasoning(ReasoningBlock.of("x", "s"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("only assistant messages carry reasoning");
  }
}
