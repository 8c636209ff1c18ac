package dev.rill.conformance.mutants;

import dev.rill.api.StreamChunk;
import java.util.concurrent.Flow;

/** A subscriber and subscription passing every signal through; stream mutants override one method. */
class Forwarder implements Flow.Subscriber<StreamChunk>, Flow.Subscription {
  protected final Flow.Subscriber<? super StreamChunk> downstream;
  protected volatile Flow.Subscription upstream;

  Forwarder(Flow.Subscriber<? super StreamChunk> downstream) {
    this.downstream = java.util.Objects.requireNonNull(downstream, "subscriber");
  }

  @Override
  public void onSubscribe(Flow.Subscription s) {
    upstream = s;
    downstream.onSubscribe(this);
  }

  @Override
  public void onNext(StreamChunk item) {
    downstream.onNext(item);
  }

  @Override
  public void onError(Throwable t) {
    downstream.onError(t);
  }

  @Override
  public void onComplete() {
    downstream.onComplete();
  }

  @Override
  public void request(long n) {
    upstream.request(n);
  }

  @Override
  public void cancel() {
    upstream.cancel();
  }
}
