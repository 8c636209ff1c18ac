package dev.rill.runtime.internal.stream;

import dev.rill.api.ChatResponse;
import dev.rill.api.ErrorKind;
import dev.rill.api.RillException;
import dev.rill.api.StreamChunk;
import dev.rill.api.ToolCallAssembler;
import dev.rill.api.ToolCallDelta;
import dev.rill.runtime.ChatHandler;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;

/**
 * Turns one stream's chunks into {@link ChatHandler} callbacks (choice 0): text, reasoning, tool-call deltas, and
 * each tool call once complete, as {@link ToolCallAssembler} says: when a delta of another call arrives, when the
 * finish reason arrives, or when the stream completes; once per call, in wire order, before {@code onComplete}.
 * Chunks arrive serially, so the state needs no lock.
 */
final class HandlerAdapter implements Consumer<StreamChunk> {
  private final ChatHandler handler;
  private final ToolCallAssembler calls = new ToolCallAssembler();

  HandlerAdapter(ChatHandler handler) {
    this.handler = handler;
  }

  /** Subscribes to {@code stream}'s chunks through {@code collect} and reports the outcome to the handler. */
  static CompletableFuture<ChatResponse> run(CompletableFuture<ChatResponse> collected, HandlerAdapter adapter) {
    return collected.handle((response, failure) -> {
      if (failure == null) {
        adapter.tell(adapter.calls.finish());
        adapter.handler.onComplete(response);
        return response;
      }
      RillException error = asRill(failure);
      adapter.handler.onError(error);
      throw new CompletionException(error);
    });
  }

  private static RillException asRill(Throwable failure) {
    Throwable t = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    if (t instanceof RillException e) {
      return e;
    }
    return RillException.builder(ErrorKind.INTERNAL).retryable(false).message("the stream failed: " + t).cause(t)
        .build();
  }

  @Override
  public void accept(StreamChunk chunk) {
    if (chunk.choice() != 0) {
      return;
    }
    if (chunk.content() != null && !chunk.content().isEmpty()) {
      handler.onText(chunk.content());
    }
    if (chunk.reasoning() != null && !chunk.reasoning().isEmpty()) {
      handler.onReasoning(chunk.reasoning());
    }
    for (ToolCallDelta delta : chunk.toolCalls()) {
      tell(calls.accept(delta));
      handler.onToolCallDelta(delta);
    }
    if (chunk.finishReason() != null) {
      tell(calls.finish());
    }
  }

  private void tell(List<ToolCallAssembler.Completed> completed) {
    for (ToolCallAssembler.Completed c : completed) {
      handler.onToolCall(c.call());
    }
  }
}
