package dev.rill.runtime.internal.stream;

import dev.rill.api.ChatResponse;
import dev.rill.api.StreamChunk;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.function.Consumer;

/**
 * Requests everything, optionally passes each chunk to an action, and completes with the stream's folded
 * response. Cancelling the returned future cancels the stream.
 */
final class CollectingSubscriber implements Flow.Subscriber<StreamChunk> {
  private final RealChatStream stream;
  private final Consumer<? super StreamChunk> action;
  private final CompletableFuture<ChatResponse> result = new CompletableFuture<>();
  private Flow.Subscription subscription;

  CollectingSubscriber(RealChatStream stream) {
    this(stream, null);
  }

  CollectingSubscriber(RealChatStream stream, Consumer<? super StreamChunk> action) {
    this.stream = stream;
    this.action = action;
    result.whenComplete((r, e) -> {
      if (result.isCancelled()) {
        stream.cancel();
      }
    });
  }

  CompletableFuture<ChatResponse> result() {
    return result;
  }

  @Override
  public void onSubscribe(Flow.Subscription s) {
    this.subscription = s;
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
    result.complete(stream.response());
  }
}
