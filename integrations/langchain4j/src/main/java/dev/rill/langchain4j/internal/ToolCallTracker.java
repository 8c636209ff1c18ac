package dev.rill.langchain4j.internal;

import dev.langchain4j.model.chat.response.CompleteToolCall;
import dev.langchain4j.model.chat.response.PartialToolCall;
import dev.rill.api.ToolCall;
import dev.rill.api.ToolCallAssembler;
import dev.rill.api.ToolCallDelta;
import java.util.ArrayList;
import java.util.List;

/**
 * Follows the tool-call deltas of choice 0 for LangChain4j: each fragment with argument text becomes a
 * {@link PartialToolCall}, and each call a {@link CompleteToolCall} once Rill's {@link ToolCallAssembler} says it is
 * complete (a delta of another call arrived, the finish reason came, or the stream ended): once per call, in wire
 * order, as {@code dev.rill.runtime.ChatHandler#onToolCall} hears them. Not thread-safe: one stream's signals are
 * serial.
 */
final class ToolCallTracker {
  private final ToolCallAssembler calls = new ToolCallAssembler();

  /**
   * Takes one delta: adds the calls it completes (a previous call, when this delta belongs to another) to
   * {@code completed}, and returns the partial call it adds, if it carries argument text (null otherwise).
   */
  PartialToolCall accept(ToolCallDelta delta, List<CompleteToolCall> completed) {
    for (ToolCallAssembler.Completed c : calls.accept(delta)) {
      add(c, completed);
    }
    if (delta.arguments().isEmpty() || calls.isComplete(delta.index())) {
      return null;
    }
    ToolCall now = calls.current(delta.index());
    if (now == null || now.name().isEmpty()) {
      return null;
    }
    return PartialToolCall.builder().index(delta.index()).id(now.id().isEmpty() ? null : now.id()).name(now.name())
        .partialArguments(delta.arguments()).build();
  }

  /** Completes every call not yet complete, in wire order (at the finish reason, or the end of the stream). */
  List<CompleteToolCall> completeAll() {
    List<CompleteToolCall> out = new ArrayList<>();
    for (ToolCallAssembler.Completed c : calls.finish()) {
      add(c, out);
    }
    return out;
  }

  private static void add(ToolCallAssembler.Completed c, List<CompleteToolCall> out) {
    ToolCall call = c.call();
    if (call.name().isEmpty()) {
      return; // a call whose name never arrived cannot be executed
    }
    out.add(new CompleteToolCall(c.index(), Responses.toolRequest(call.id().isEmpty() ? null : call.id(), call.name(),
        call.arguments())));
  }
}
