package dev.rill.runtime.internal.credential;

import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The client's threads for credential fetches ({@code rill-credentials-N}, daemon, at most four, gone after a
 * minute idle): a source may block there (a cloud SDK's token call) without holding an I/O thread.
 */
public final class CredentialThreads implements Executor, AutoCloseable {
  private final AtomicInteger count = new AtomicInteger();
  private final ThreadPoolExecutor pool;

  public CredentialThreads() {
    pool = new ThreadPoolExecutor(4, 4, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
      Thread t = new Thread(r, "rill-credentials-" + count.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    pool.allowCoreThreadTimeOut(true);
  }

  @Override
  public void execute(Runnable task) {
    pool.execute(task);
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }
}
