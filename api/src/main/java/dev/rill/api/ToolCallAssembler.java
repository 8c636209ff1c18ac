package dev.rill.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Assembles the tool-call deltas of one choice into whole calls and says when each is complete, so that a consumer
 * can run a tool while the rest of the answer still streams (as LangChain4j's {@code onCompleteToolCall} does).
 *
 * <p>A call is complete when a delta of another call arrives (providers stream parallel calls one after another),
 * or at {@link #finish()} (the finish reason, or the end of the stream). Each call is told once, in the order the
 * wire opened them, with the arguments of all its fragments so far: {@link ChatAccumulator} folds the same deltas
 * into the same {@link ToolCall}s in the same order. A fragment of a call already told (a wire that interleaves
 * calls) cannot be told again; it is counted in {@link #lateFragments()}, and the folded response stays the
 * reference. Not thread-safe: one stream's chunks are serial.
 *
 * <pre>{@code
 * ToolCallAssembler calls = new ToolCallAssembler();
 * for (StreamChunk chunk : chunks) {
 *   chunk.toolCalls().forEach(d -> calls.accept(d).forEach(c -> run(c.call())));
 *   if (chunk.finishReason() != null) calls.finish().forEach(c -> run(c.call()));
 * }
 * }</pre>
 *
 * @since 0.1
 */
public final class ToolCallAssembler {

  /**
   * A complete tool call.
   *
   * @param index the call's {@link ToolCallDelta#index()}
   * @param call the whole call: id, name, arguments and signature as folded
   */
  public record Completed(int index, ToolCall call) {}

  private static final class Open {
    final int index;
    String id;
    String name;
    String signature = "";
    final StringBuilder arguments = new StringBuilder();
    boolean told;

    Open(int index) {
      this.index = index;
    }

    Completed complete() {
      told = true;
      return new Completed(index, new ToolCall(id, name == null ? "" : name, arguments.toString(), signature));
    }
  }

  private final Map<Integer, Open> calls = new LinkedHashMap<>();
  private Open current;
  private int late;

  /** An assembler with no call yet. */
  public ToolCallAssembler() {}

  /**
   * Takes one delta. Returns the call it completes (the one streaming before it, when the delta belongs to another
   * call), or an empty list.
   */
  public List<Completed> accept(ToolCallDelta delta) {
    Open call = calls.computeIfAbsent(delta.index(), Open::new);
    if (call.told) {
      late++;
      return List.of();
    }
    List<Completed> done = List.of();
    if (current != null && current != call && !current.told) {
      done = List.of(current.complete());
    }
    current = call;
    if (delta.id() != null && !delta.id().isEmpty()) {
      call.id = delta.id();
    }
    if (delta.name() != null && !delta.name().isEmpty()) {
      call.name = delta.name();
    }
    call.arguments.append(delta.arguments());
    if (!delta.signature().isEmpty()) {
      call.signature = delta.signature();
    }
    return done;
  }

  /** Completes every call not yet told, in the order the wire opened them (at the finish reason or the end). */
  public List<Completed> finish() {
    List<Completed> done = new ArrayList<>(1);
    for (Open call : calls.values()) {
      if (!call.told) {
        done.add(call.complete());
      }
    }
    current = null;
    return done;
  }

  /** The id, name and arguments of call {@code index} assembled so far (a copy), or null when none arrived. */
  public ToolCall current(int index) {
    Open call = calls.get(index);
    return call == null ? null : new ToolCall(call.id, call.name == null ? "" : call.name,
        call.arguments.toString(), call.signature);
  }

  /** Whether call {@code index} was told complete (a later fragment of it is late). */
  public boolean isComplete(int index) {
    Open call = calls.get(index);
    return call != null && call.told;
  }

  /** Fragments that arrived for a call already told complete; zero on a wire that streams calls one at a time. */
  public int lateFragments() {
    return late;
  }
}
