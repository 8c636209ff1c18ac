package dev.rill.testkit;

import dev.rill.api.Credential;
import dev.rill.api.CredentialSource;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts the answers of a credential source whose {@code fetch()} answers before it returns (the cloud adapters'
 * do), so a test can wait until the client's cache took the n-th answer.
 */
public final class CountingCredentialSource implements CredentialSource {
  private final CredentialSource inner;
  private final AtomicInteger answered = new AtomicInteger();

  /** Counts the answers of {@code inner}. */
  public CountingCredentialSource(CredentialSource inner) {
    this.inner = inner;
  }

  /** How many fetches answered so far. */
  public int answered() {
    return answered.get();
  }

  @Override
  public String name() {
    return inner.name();
  }

  @Override
  public CompletionStage<Credential> fetch() {
    CompletionStage<Credential> answer = inner.fetch();
    answered.incrementAndGet();
    return answer;
  }

  /**
   * Waits up to 20 s until exactly {@code n} fetches answered (an {@link AssertionError} otherwise), then 300 ms more:
   * the cache takes the answer right after {@code fetch()} returns, on the credential thread.
   */
  public void awaitAnswers(int n) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (answered.get() < n && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    if (answered.get() != n) {
      throw new AssertionError("expected " + n + " credential fetches to answer, saw " + answered.get());
    }
    Thread.sleep(300);
  }
}
