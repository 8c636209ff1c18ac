package dev.rill.langchain4j;

import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.CompleteToolCall;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.PartialThinking;
import dev.langchain4j.model.chat.response.PartialThinkingContext;
import dev.langchain4j.model.chat.response.PartialToolCall;
import dev.langchain4j.model.chat.response.PartialToolCallContext;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A LangChain4j handler that records every callback it gets, in order, through the context-taking variants (the ones
 * that carry the StreamingHandle), and counts outcomes and callbacks that arrive after one.
 */
class RecordingHandler implements StreamingChatResponseHandler {
  final List<String> events = new CopyOnWriteArrayList<>();
  final StringBuffer text = new StringBuffer();
  final StringBuffer thinking = new StringBuffer();
  final List<PartialToolCall> partialToolCalls = new CopyOnWriteArrayList<>();
  final List<CompleteToolCall> completeToolCalls = new CopyOnWriteArrayList<>();
  final AtomicInteger outcomes = new AtomicInteger();
  final AtomicInteger afterOutcome = new AtomicInteger();
  final CountDownLatch done = new CountDownLatch(1);
  volatile ChatResponse response;
  volatile Throwable error;
  volatile PartialResponseContext lastContext;

  private void event(String e) {
    if (outcomes.get() > 0) {
      afterOutcome.incrementAndGet();
    }
    events.add(e);
  }

  @Override
  public void onPartialResponse(PartialResponse partial, PartialResponseContext context) {
    event("text");
    lastContext = context;
    text.append(partial.text());
  }

  @Override
  public void onPartialThinking(PartialThinking partial, PartialThinkingContext context) {
    event("thinking");
    thinking.append(partial.text());
  }

  @Override
  public void onPartialToolCall(PartialToolCall partial, PartialToolCallContext context) {
    event("partialToolCall:" + partial.index());
    partialToolCalls.add(partial);
  }

  @Override
  public void onCompleteToolCall(CompleteToolCall call) {
    event("completeToolCall:" + call.index());
    completeToolCalls.add(call);
  }

  @Override
  public void onCompleteResponse(ChatResponse complete) {
    event("complete");
    response = complete;
    outcomes.incrementAndGet();
    done.countDown();
  }

  @Override
  public void onError(Throwable t) {
    event("error");
    error = t;
    outcomes.incrementAndGet();
    done.countDown();
  }

  boolean await() throws InterruptedException {
    return done.await(20, TimeUnit.SECONDS);
  }
}
