package dev.rill.langchain4j.internal;

import dev.langchain4j.model.chat.response.CompleteToolCall;
import dev.langchain4j.model.chat.response.PartialToolCall;
import dev.rill.api.ToolCallDelta;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Follows the tool-call deltas of choice 0 and says when a call is complete: when a delta of another call arrives
 * (providers stream calls one after another), when the finish reason arrives, or at the end of the stream. Each call
 * is completed once, in the order the wire gave. Not thread-safe: one stream's signals are serial.
 */
final class ToolCallTracker {
  private static final class Call {
    final int index;
    String id;
    String name;
    final StringBuilder arguments = new StringBuilder();
    boolean complete;

    Call(int index) {
      this.index = index;
    }
  }

  private final TreeMap<Integer, Call> calls = new TreeMap<>();
  private Call current;

  /**
   * Takes one delta: returns the calls it completes (a previous call, when this delta belongs to another), then
   * the partial call it adds, if it carries argument text (null otherwise).
   */
  PartialToolCall accept(ToolCallDelta delta, List<CompleteToolCall> completed) {
    Call call = calls.computeIfAbsent(delta.index(), Call::new);
    if (current != null && current != call && !current.complete) {
      completed.add(complete(current));
    }
    current = call;
    if (delta.id() != null && !delta.id().isEmpty()) {
      call.id = delta.id();
    }
    if (delta.name() != null && !delta.name().isEmpty()) {
      call.name = delta.name();
    }
    if (delta.arguments().isEmpty() || call.name == null || call.complete) {
      call.arguments.append(delta.arguments());
      return null;
    }
    call.arguments.append(delta.arguments());
    return PartialToolCall.builder().index(call.index).id(call.id).name(call.name)
        .partialArguments(delta.arguments()).build();
  }

  /** Completes every call not yet complete, in index order (at the finish reason, or the end of the stream). */
  List<CompleteToolCall> completeAll() {
    List<CompleteToolCall> out = new ArrayList<>();
    for (Call call : calls.values()) {
      if (!call.complete && call.name != null) {
        out.add(complete(call));
      }
    }
    current = null;
    return out;
  }

  private static CompleteToolCall complete(Call call) {
    call.complete = true;
    String arguments = call.arguments.length() == 0 ? "{}" : call.arguments.toString();
    return new CompleteToolCall(call.index, Responses.toolRequest(call.id, call.name, arguments));
  }
}
