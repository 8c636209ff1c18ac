package dev.rill.conformance.performance;

import dev.rill.api.ChatRequest;
import dev.rill.api.StreamChunk;
import dev.rill.api.StreamingProvider;
import dev.rill.conformance.ConformanceEnvironment;
import dev.rill.conformance.internal.Loopback;
import dev.rill.conformance.internal.StreamOpener;
import dev.rill.conformance.reference.ReferenceProvider;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Rule P5.4: one op streams through the runtime from a loopback server that writes the body up to the event carrying
 * the first output and then stalls; it ends when the first chunk reaches the subscriber (or fails after
 * {@value #LIMIT_MILLIS} ms).
 */
@State(Scope.Benchmark)
public class FirstEventBenchmark {
  /** How long an op waits for the first chunk before it fails. */
  public static final long LIMIT_MILLIS = 2_000;

  /** The subject key (with the reference suffix for the reference plugin). */
  @Param("")
  public String key;

  private Loopback loopback;
  private ChatRequest request;
  private byte[] prefix;

  /** Starts the server and the client. */
  @Setup
  public void setUp() {
    boolean reference = key.endsWith(PerformanceRun.REFERENCE_SUFFIX);
    PerformanceSubject s = Subjects.get(reference ? key.substring(0, key.length()
        - PerformanceRun.REFERENCE_SUFFIX.length()) : key);
    StreamingProvider provider = reference ? new ReferenceProvider() : s.provider();
    loopback = new Loopback(provider, ConformanceEnvironment.fromSystemProperties(), StreamOpener.STANDARD,
        reference ? Map.of() : s.options(), "");
    request = reference ? PerformanceSubject.REFERENCE_REQUEST : s.request();
    prefix = reference ? PerformanceSubject.REFERENCE_FIRST_EVENT : s.firstEvent();
  }

  /** Closes the server and the client. */
  @TearDown
  public void tearDown() {
    loopback.close();
  }

  /** Streams until the first chunk. */
  @Benchmark
  public StreamChunk firstChunk() throws InterruptedException {
    loopback.server().enqueue(loopback.head().write(prefix).stallForever());
    CountDownLatch first = new CountDownLatch(1);
    StreamChunk[] got = new StreamChunk[1];
    Flow.Subscription[] sub = new Flow.Subscription[1];
    loopback.open(request).subscribe(new Flow.Subscriber<>() {
      @Override
      public void onSubscribe(Flow.Subscription s) {
        sub[0] = s;
        s.request(Long.MAX_VALUE);
      }

      @Override
      public void onNext(StreamChunk item) {
        if (got[0] == null) {
          got[0] = item;
          first.countDown();
        }
      }

      @Override
      public void onError(Throwable t) {
        first.countDown();
      }

      @Override
      public void onComplete() {
        first.countDown();
      }
    });
    boolean arrived = first.await(LIMIT_MILLIS, TimeUnit.MILLISECONDS);
    if (sub[0] != null) {
      sub[0].cancel();
    }
    if (!arrived || got[0] == null) {
      throw new IllegalStateException("no first chunk within " + LIMIT_MILLIS + " ms while the server stalled after "
          + "the event carrying it");
    }
    return got[0];
  }
}
