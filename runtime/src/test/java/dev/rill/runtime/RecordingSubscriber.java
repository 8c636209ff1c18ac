package dev.rill.runtime;

import dev.rill.api.StreamChunk;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Records every signal, checks the Reactive Streams basics as it goes, and lets a test drive demand. */
class RecordingSubscriber implements Flow.Subscriber<StreamChunk> {
  final List<StreamChunk> chunks = new CopyOnWriteArrayList<>();
  final List<String> violations = new CopyOnWriteArrayList<>();
  final AtomicInteger terminals = new AtomicInteger();
  final CountDownLatch terminated = new CountDownLatch(1);
  final CountDownLatch firstChunk = new CountDownLatch(1);
  volatile Throwable error;
  volatile boolean completed;
  volatile Flow.Subscription subscription;
  private final long initialRequest;
  private final AtomicInteger outstanding = new AtomicInteger();

  RecordingSubscriber(long initialRequest) {
    this.initialRequest = initialRequest;
  }

  @Override
  public void onSubscribe(Flow.Subscription s) {
    if (subscription != null) {
      violations.add("onSubscribe twice");
    }
    subscription = s;
    if (initialRequest > 0) {
      outstanding.addAndGet((int) Math.min(initialRequest, Integer.MAX_VALUE / 2));
      s.request(initialRequest);
    }
  }

  void request(long n) {
    outstanding.addAndGet((int) n);
    subscription.request(n);
  }

  @Override
  public void onNext(StreamChunk item) {
    if (terminals.get() > 0) {
      violations.add("onNext after a terminal signal");
    }
    if (initialRequest != Long.MAX_VALUE && outstanding.decrementAndGet() < 0) {
      violations.add("onNext beyond demand");
    }
    chunks.add(item);
    firstChunk.countDown();
  }

  @Override
  public void onError(Throwable t) {
    if (terminals.incrementAndGet() > 1) {
      violations.add("second terminal signal: " + t);
    }
    error = t;
    terminated.countDown();
  }

  @Override
  public void onComplete() {
    if (terminals.incrementAndGet() > 1) {
      violations.add("second terminal signal: complete");
    }
    completed = true;
    terminated.countDown();
  }

  boolean await(Duration d) throws InterruptedException {
    return terminated.await(d.toMillis(), TimeUnit.MILLISECONDS);
  }

  String text() {
    StringBuilder sb = new StringBuilder();
    chunks.forEach(c -> sb.append(c.content()));
    return sb.toString();
  }
}
