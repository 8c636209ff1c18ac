package dev.rill.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rill.api.ChatRequest;
import dev.rill.api.ChatResponse;
import dev.rill.testkit.server.Response;
import dev.rill.testkit.server.WireServer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Threads, chosen: delivery on the I/O thread is the default; a delivery executor moves every consumer callback off
 * it, so one consumer that sleeps cannot hold up another stream of the client; and a callback that holds an I/O
 * thread too long logs one warning naming that fix. The client runs one I/O thread here, so both streams share it.
 */
class ThreadsTest {
  WireServer server;
  ExecutorService executor;

  @BeforeEach
  void start() {
    server = WireServer.start();
    executor = Executors.newCachedThreadPool();
  }

  @AfterEach
  void stop() {
    executor.shutdownNow();
    server.close();
  }

  Rill client(Rill.Builder b) {
    return b.discover(false).register(new LineProvider()).baseUrl("line", server.baseUri().toString())
        .apiKey("line", "k").ioThreads(1).build();
  }

  static ChatRequest request() {
    return ChatRequest.builder("line:m").user("hi").build();
  }

  /** How long a quick stream takes while another stream's consumer sleeps 1 s per chunk on the same client. */
  long quickStreamMillisBesideASleeper(Rill rill) throws Exception {
    server.enqueue(Response.sseData("t:a", "t:b", "t:c", "[DONE]"));
    CountDownLatch sleeping = new CountDownLatch(1);
    CompletableFuture<ChatResponse> sleeper = rill.stream(request()).forEach(c -> {
      sleeping.countDown();
      sleepQuietly(1000);
    });
    assertThat(sleeping.await(10, TimeUnit.SECONDS)).isTrue();
    server.enqueue(Response.sseData("t:1", "t:2", "t:3", "t:4", "t:5", "[DONE]"));
    long start = System.nanoTime();
    String text = rill.stream(request()).text().get(20, TimeUnit.SECONDS);
    long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    assertThat(text).isEqualTo("12345");
    sleeper.get(20, TimeUnit.SECONDS);
    return took;
  }

  @Test
  void aDeliveryExecutorKeepsASleepingConsumerFromSlowingOtherStreams() throws Exception {
    long shared;
    try (Rill rill = client(Rill.builder())) {
      shared = quickStreamMillisBesideASleeper(rill);
    }
    long separate;
    try (Rill rill = client(Rill.builder().deliveryExecutor(executor))) {
      separate = quickStreamMillisBesideASleeper(rill);
    }
    // On the I/O thread the quick stream waits for the sleeper's second; with the executor it does not.
    assertThat(shared).isGreaterThanOrEqualTo(900);
    assertThat(separate).isLessThan(500);
  }

  @Test
  void aConsumerThatHoldsTheIoThreadLogsOneWarningNamingTheFix() throws Exception {
    List<LogRecord> records = new CopyOnWriteArrayList<>();
    Logger log = Logger.getLogger("dev.rill.runtime.BlockedThread");
    Handler h = new Handler() {
      @Override public void publish(LogRecord r) { records.add(r); }
      @Override public void flush() {}
      @Override public void close() {}
    };
    log.addHandler(h);
    try (Rill rill = client(Rill.builder().blockedThreadWarning(Duration.ofMillis(200)))) {
      server.enqueue(Response.sseData("t:a", "[DONE]"));
      rill.stream(request()).forEach(c -> sleepQuietly(700)).get(20, TimeUnit.SECONDS);
      assertThat(records).hasSize(1);
      assertThat(records.get(0).getMessage()).contains("rill-io-").contains("deliveryExecutor");
      records.clear();
      server.enqueue(Response.sseData("t:a", "[DONE]"));
      rill.stream(request(), StreamOptions.basicBuilder().deliveryExecutor(executor).build())
          .forEach(c -> sleepQuietly(700)).get(20, TimeUnit.SECONDS);
      assertThat(records).as("off the I/O thread, sleeping is the consumer's business").isEmpty();
    } finally {
      log.removeHandler(h);
    }
  }

  @Test
  void chunksArriveOnTheExecutorsThreadsWhenOneIsSet() throws Exception {
    try (Rill rill = client(Rill.builder().deliveryExecutor(executor))) {
      server.enqueue(Response.sseData("t:a", "t:b", "[DONE]"));
      List<String> threads = new CopyOnWriteArrayList<>();
      rill.stream(request()).forEach(c -> threads.add(Thread.currentThread().getName())).get(20, TimeUnit.SECONDS);
      assertThat(threads).isNotEmpty().noneMatch(n -> n.startsWith("rill-io-"));
    }
  }

  static void sleepQuietly(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
