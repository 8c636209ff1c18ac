package dev.rill.langchain4j.internal;

import dev.langchain4j.model.chat.response.CompleteToolCall;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.PartialThinking;
import dev.langchain4j.model.chat.response.PartialThinkingContext;
import dev.langchain4j.model.chat.response.PartialToolCall;
import dev.langchain4j.model.chat.response.PartialToolCallContext;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.chat.response.StreamingHandle;
import dev.rill.api.ChatResponse;
import dev.rill.api.StreamChunk;
import dev.rill.api.ToolCallDelta;
import dev.rill.runtime.ChatStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Drives one LangChain4j handler from one Rill stream: text to {@code onPartialResponse}, reasoning to
 * {@code onPartialThinking}, tool-call fragments to {@code onPartialToolCall} and each finished call to
 * {@code onCompleteToolCall}, then exactly one of {@code onCompleteResponse} or {@code onError}.
 *
 * <p>It is also the call's {@link StreamingHandle}: {@code cancel()} cancels the Rill stream (the connection is
 * released) and nothing more reaches the handler, neither chunks already decoded nor an outcome. A handler callback
 * that throws cancels the call the same way and is told once, through {@code onError}, with its own exception.
 */
public final class StreamBridge implements StreamingHandle {
  private static final System.Logger LOG = System.getLogger(StreamBridge.class.getName());

  private final StreamingChatResponseHandler handler;
  private final ChatStream stream;
  private final ToolCallTracker tools = new ToolCallTracker();
  private final AtomicBoolean cancelled = new AtomicBoolean();
  private final AtomicBoolean ended = new AtomicBoolean();
  private final PartialResponseContext responseContext = new PartialResponseContext(this);
  private final PartialThinkingContext thinkingContext = new PartialThinkingContext(this);
  private final PartialToolCallContext toolCallContext = new PartialToolCallContext(this);

  private StreamBridge(ChatStream stream, StreamingChatResponseHandler handler) {
    this.stream = stream;
    this.handler = handler;
  }

  /** Subscribes {@code handler} to {@code stream}; returns at once. */
  public static StreamBridge start(ChatStream stream, StreamingChatResponseHandler handler) {
    StreamBridge bridge = new StreamBridge(stream, handler);
    stream.forEach(bridge::onChunk).whenComplete(bridge::onOutcome);
    return bridge;
  }

  @Override
  public void cancel() {
    if (cancelled.compareAndSet(false, true)) {
      stream.cancel();
    }
  }

  @Override
  public boolean isCancelled() {
    return cancelled.get();
  }

  private boolean stopped() {
    return cancelled.get() || ended.get();
  }

  private void onChunk(StreamChunk chunk) {
    if (chunk.choice() != 0 || stopped()) {
      return;
    }
    try {
      if (!chunk.reasoning().isEmpty()) {
        handler.onPartialThinking(new PartialThinking(chunk.reasoning()), thinkingContext);
      }
      if (!chunk.content().isEmpty() && !stopped()) {
        handler.onPartialResponse(new PartialResponse(chunk.content()), responseContext);
      }
      for (ToolCallDelta delta : chunk.toolCalls()) {
        List<CompleteToolCall> completed = new ArrayList<>(1);
        PartialToolCall partial = tools.accept(delta, completed);
        for (CompleteToolCall call : completed) {
          if (!stopped()) {
            handler.onCompleteToolCall(call);
          }
        }
        if (partial != null && !stopped()) {
          handler.onPartialToolCall(partial, toolCallContext);
        }
      }
      if (chunk.finishReason() != null) {
        completeToolCalls();
      }
    } catch (RuntimeException e) {
      handlerFailed(e);
    }
  }

  private void completeToolCalls() {
    for (CompleteToolCall call : tools.completeAll()) {
      if (!stopped()) {
        handler.onCompleteToolCall(call);
      }
    }
  }

  private void onOutcome(ChatResponse response, Throwable error) {
    if (stopped()) {
      return; // cancelled by the handle, or a callback failed and was reported
    }
    if (error != null) {
      if (ended.compareAndSet(false, true)) {
        onError(Errors.map(error));
      }
      return;
    }
    dev.langchain4j.model.chat.response.ChatResponse complete;
    try {
      completeToolCalls();
      complete = Responses.toLangChain4j(response);
    } catch (RuntimeException e) {
      handlerFailed(e);
      return;
    }
    if (ended.compareAndSet(false, true)) {
      try {
        handler.onCompleteResponse(complete);
      } catch (RuntimeException e) {
        onError(e);
      }
    }
  }

  private void handlerFailed(RuntimeException e) {
    if (ended.compareAndSet(false, true)) {
      stream.cancel();
      onError(e);
    }
  }

  private void onError(Throwable error) {
    try {
      handler.onError(error);
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "StreamingChatResponseHandler.onError threw; ignored", e);
    }
  }
}
