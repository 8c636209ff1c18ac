package dev.rill.benchmarks;

import dev.rill.api.WireEvent;
import dev.rill.framing.EventHandler;
import dev.rill.framing.Framer;
import dev.rill.framing.Framers;
import dev.rill.framing.FramingLimits;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * SSE framing throughput: a fresh framer frames a ~1 MiB generated body ({@link SseCorpus}) per operation, fed
 * in the corpus's feed size. The secondary result {@code bytes} is wire bytes per second (divide by 1e6 for
 * MB/s), {@code events} dispatched events per second; the target is 1 GB/s per core.
 *
 * <pre>{@code java -cp ... org.openjdk.jmh.Main SseFramerBenchmark -f 1 -wi 2 -i 3 -w 1s -r 1s -prof gc}</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class SseFramerBenchmark {

  @Param({"DATA_ONLY", "MULTI_LINE", "HEARTBEAT_HEAVY", "TOOL_CALL_HEAVY", "MULTIBYTE_UTF8", "SMALL_CHUNK_DRIP"})
  public SseCorpus corpus;

  private byte[] body;
  private int feed;
  private final Sum sum = new Sum();

  /** Counters reported per second next to the score. */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.OPERATIONS)
  public static class Counters {
    /** Wire bytes framed. */
    public long bytes;
    /** Events dispatched. */
    public long events;

    @Setup(Level.Iteration)
    public void reset() {
      bytes = 0;
      events = 0;
    }
  }

  /** Sums event sizes so the framing cannot be optimised away. */
  static final class Sum implements EventHandler {
    long events;
    long total;

    @Override
    public boolean onEvent(WireEvent event) {
      events++;
      total += event.length() + event.array()[event.offset()];
      return true;
    }

    @Override
    public void onKeepAlive(int bytes) {
      total += bytes;
    }
  }

  @Setup
  public void setUp() {
    body = corpus.body();
    feed = corpus.feedSize();
  }

  @Benchmark
  public long frame(Counters counters) {
    long before = sum.events;
    Framer framer = Framers.sse(FramingLimits.DEFAULT, sum);
    ByteBuffer view = ByteBuffer.wrap(body);
    for (int at = 0; at < body.length; at += feed) {
      view.limit(Math.min(body.length, at + feed)).position(at);
      framer.feed(view);
    }
    framer.endOfInput();
    counters.bytes += body.length;
    counters.events += sum.events - before;
    return sum.total;
  }
}
