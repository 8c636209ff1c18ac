package dev.rill.runtime.internal.stream;

import dev.rill.api.ChatResponse;
import dev.rill.api.ErrorKind;
import dev.rill.api.RillException;
import dev.rill.api.StreamChunk;
import dev.rill.api.ToolCall;
import dev.rill.api.ToolCallDelta;
import dev.rill.runtime.ChatHandler;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;

/**
 * Turns one stream's chunks into {@link ChatHandler} callbacks (choice 0): text, reasoning, tool-call deltas, and
 * each tool call once complete. A tool call is complete when a delta for another index arrives, when the finish
 * reason arrives, or when the stream completes. Chunks arrive serially, so the state needs no lock.
 */
final class HandlerAdapter implements Consumer<StreamChunk> {
  private final ChatHandler handler;
  private int open = -1; // index of the tool call being assembled, -1 for none
  private String id;
  private String name;
  private String signature = "";
  private final StringBuilder arguments = new StringBuilder();

  HandlerAdapter(ChatHandler handler) {
    this.handler = handler;
  }

  /** Subscribes to {@code stream}'s chunks through {@code collect} and reports the outcome to the handler. */
  static CompletableFuture<ChatResponse> run(CompletableFuture<ChatResponse> collected, HandlerAdapter adapter) {
    return collected.handle((response, failure) -> {
      if (failure == null) {
        adapter.closeOpenCall();
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
      if (delta.index() != open) {
        closeOpenCall();
        open = delta.index();
      }
      if (delta.id() != null && !delta.id().isEmpty()) {
        id = delta.id();
      }
      if (delta.name() != null && !delta.name().isEmpty()) {
        name = delta.name();
      }
      arguments.append(delta.arguments());
      if (!delta.signature().isEmpty()) {
        signature = delta.signature();
      }
      handler.onToolCallDelta(delta);
    }
    if (chunk.finishReason() != null) {
      closeOpenCall();
    }
  }

  private void closeOpenCall() {
    if (open < 0) {
      return;
    }
    // as ChatAccumulator folds it, so the call told here equals the one in the response
    ToolCall call = new ToolCall(id, name == null ? "" : name, arguments.toString(), signature);
    open = -1;
    id = null;
    name = null;
    signature = "";
    arguments.setLength(0);
    handler.onToolCall(call);
  }
}
