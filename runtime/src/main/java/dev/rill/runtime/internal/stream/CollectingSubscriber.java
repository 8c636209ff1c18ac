package dev.rill.runtime.internal.stream;

import dev.rill.api.ChatResponse;
import dev.rill.api.StreamChunk;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.function.Consumer;

/**
 * Requests everything, optionally passes each chunk to an action, and completes with the call's folded response.
 * Cancelling the returned future cancels the stream; cancelling the stream fails the future with
 * {@code CANCELLED}.
 */
final class CollectingSubscriber implements Flow.Subscriber<StreamChunk>, ResponseAware {
  private final Consumer<? super StreamChunk> action;
  private final CompletableFuture<ChatResponse> result = new CompletableFuture<>();
  private volatile ChatResponse response;

  CollectingSubscriber(Runnable cancel, Consumer<? super StreamChunk> action) {
    this.action = action;
    result.whenComplete((r, e) -> {
      if (result.isCancelled()) {
        cancel.run();
      }
    });
  }

  CompletableFuture<ChatResponse> result() {
    return result;
  }

  @Override
  public void onSubscribe(Flow.Subscription s) {
    s.request(Long.MAX_VALUE);
  }

  @Override
  public void onNext(StreamChunk item) {
    if (action != null) {
      action.accept(item);
    }
  }

  @Override
  public void onResponse(ChatResponse response) {
    this.response = response;
  }

  @Override
  public void onError(Throwable throwable) {
    result.completeExceptionally(throwable);
  }

  @Override
  public void onComplete() {
    result.complete(response);
  }
}
