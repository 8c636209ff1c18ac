package dev.rill.benchmarks;

import dev.rill.api.WireEvent;
import dev.rill.framing.EventHandler;
import dev.rill.framing.Framer;
import dev.rill.framing.Framers;
import dev.rill.framing.FramingLimits;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One huge SSE data line fed one byte per call: the framer must not rescan what it already holds, so framing
 * {@code 4N} bytes must cost about four times framing {@code N} (a quadratic framer costs sixteen times). The
 * report divides the two scores.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class LinearityBenchmark {
  /** The short line; the long one is four times longer. */
  public static final int N = 65_536;

  @Param({"65536", "262144"})
  public int lineBytes;

  private byte[] body;
  private final Last last = new Last();

  static final class Last implements EventHandler {
    int length;

    @Override
    public boolean onEvent(WireEvent event) {
      length = event.length();
      return true;
    }
  }

  @Setup
  public void setUp() {
    body = new byte[lineBytes + 8];
    byte[] head = "data: ".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    System.arraycopy(head, 0, body, 0, head.length);
    Arrays.fill(body, head.length, body.length - 2, (byte) 'x');
    body[body.length - 2] = '\n';
    body[body.length - 1] = '\n';
  }

  @Benchmark
  public int dripOneLine() {
    Framer framer = Framers.sse(FramingLimits.DEFAULT, last);
    for (int i = 0; i < body.length; i++) {
      framer.feed(body, i, 1);
    }
    return last.length;
  }
}
