package dev.rill.runtime;

import dev.rill.api.ChatResponse;
import dev.rill.api.RillException;
import dev.rill.api.ToolCall;
import dev.rill.api.ToolCallDelta;

/**
 * Typed callbacks for one streamed call, the third way to consume a {@link ChatStream} beside the
 * {@link java.util.concurrent.Flow.Publisher} and the blocking views: {@code stream.handle(handler)}. Every method
 * has an empty default, so a handler overrides what it needs.
 *
 * <p>The callbacks describe choice 0 (the top-level fields of {@link ChatResponse}), in the order of the wire:
 * text and reasoning deltas as they arrive, each tool-call delta, and each tool call once complete: when the next
 * tool call starts, when the finish reason arrives, or at the end of the stream, whichever comes first, with its
 * whole arguments ({@link dev.rill.api.ToolCallAssembler} decides). So a tool can start while the model still streams
 * the next call. Then exactly one of {@link #onComplete} or {@link #onError}. Each call is told exactly once, in the
 * order the wire opened the calls, which is the order of {@link ChatResponse#toolCalls()}, and before
 * {@code onComplete}. A tool call still open when the stream fails is not told as complete (it is in the error's
 * partial response). Providers stream parallel tool calls one after another; on a wire that interleaves them, a
 * fragment of a call already told is not told again, and the response's {@link ChatResponse#toolCalls()} stays the
 * reference.
 *
 * <p><b>Threads.</b> As {@link ChatStream#forEach}: callbacks run one at a time on the delivering thread, an I/O
 * thread of the client unless a delivery executor is set, so they must not block. A callback that throws cancels the
 * call, which then ends with {@link #onError} ({@code CANCELLED}, the exception as cause).
 *
 * <pre>{@code
 * rill.stream(request).handle(new ChatHandler() {
 *   @Override public void onText(String text) { System.out.print(text); }
 *   @Override public void onToolCall(ToolCall call) { tools.run(call); }
 *   @Override public void onError(RillException error) { log.warn(error.getMessage()); }
 * });
 * }</pre>
 *
 * @since 0.1
 */
public interface ChatHandler {

  /** A piece of the answer's text. */
  default void onText(String text) {}

  /** A piece of the model's reasoning (thinking) text. */
  default void onReasoning(String reasoning) {}

  /** A fragment of a tool call as it streams: the first carries the id and name, later ones argument text. */
  default void onToolCallDelta(ToolCallDelta delta) {}

  /** A tool call whose arguments are complete: told once per call, in wire order, before {@link #onComplete}. */
  default void onToolCall(ToolCall call) {}

  /** The call completed; this is its outcome. */
  default void onComplete(ChatResponse response) {}

  /** The call failed; this is its outcome. The error carries the partial response. */
  default void onError(RillException error) {}
}
