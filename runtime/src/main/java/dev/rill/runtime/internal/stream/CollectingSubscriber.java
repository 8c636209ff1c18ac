package dev.rill.runtime.internal.stream;

import dev.rill.api.ChatResponse;
import dev.rill.api.StreamChunk;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Requests everything, optionally passes each chunk to an action, and completes with the stream's folded
 * response. Cancelling the returned future cancels the stream.
 */
final class CollectingSubscriber implements Flow.Subscriber<StreamChunk> {
  private final Consumer<? super StreamChunk> action;
  private final Supplier<ChatResponse> response;
  private final CompletableFuture<ChatResponse> result = new CompletableFuture<>();

  CollectingSubscriber(Runnable cancel, Consumer<? super StreamChunk> action, Supplier<ChatResponse> response) {
    this.action = action;
    this.response = response;
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
  public void onError(Throwable throwable) {
    result.completeExceptionally(throwable);
  }

  @Override
  public void onComplete() {
    result.complete(response.get());
  }
}
