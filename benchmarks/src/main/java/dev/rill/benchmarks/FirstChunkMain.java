package dev.rill.benchmarks;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.util.Arrays;

/**
 * Time to first chunk for one client, in a fresh JVM (run once per client by the harness). Prints one JSON
 * object: {@code coldMs}, from the start of {@code main} (client construction included, JVM boot excluded) to
 * the first content delta; {@code coldJvmMs}, the same from the JVM's start; {@code warmUs}, the median time from
 * the call to the first content delta over {@code WARM_SAMPLES} calls after {@code WARM_UP} calls.
 *
 * <pre>{@code java -cp ... dev.rill.benchmarks.FirstChunkMain <client> http://127.0.0.1:P/v1/}</pre>
 */
public final class FirstChunkMain {
  /** JSON events of the short stream the server's {@code short} port serves. */
  public static final int SHORT_EVENTS = 8;
  /**
   * Calls before the warm samples: enough for the JIT to compile every client's first-chunk path (with 300, the
   * medians still moved by 1.5-2x between runs on a shared 2-core machine; with 2,000 they settle).
   */
  static final int WARM_UP = 2_000;
  static final int WARM_SAMPLES = 500;

  private FirstChunkMain() {}

  public static void main(String[] args) throws Exception {
    long t0 = System.nanoTime();
    String name = args[0];
    URI base = URI.create(args[1]);
    int warmUp = args.length > 2 ? Integer.parseInt(args[2]) : WARM_UP;
    int samples = args.length > 3 ? Integer.parseInt(args[3]) : WARM_SAMPLES;
    String expected = OpenAiStream.of(SHORT_EVENTS).text();
    long[] first = new long[1];
    try (BenchClient client = BenchClients.create(name, base)) {
      String text = client.stream(() -> first[0] = System.nanoTime());
      if (client.deliversText()) {
        TextCheck.require(name, expected, text);
      }
      double coldMs = (first[0] - t0) / 1e6;
      double coldJvmMs = ManagementFactory.getRuntimeMXBean().getUptime() - (System.nanoTime() - first[0]) / 1e6;
      for (int i = 0; i < warmUp; i++) {
        client.stream(() -> {});
      }
      long[] warm = new long[samples];
      for (int i = 0; i < samples; i++) {
        long start = System.nanoTime();
        client.stream(() -> first[0] = System.nanoTime());
        warm[i] = first[0] - start;
      }
      Arrays.sort(warm);
      System.out.printf(java.util.Locale.ROOT, "{\"client\":\"%s\",\"coldMs\":%.1f,\"coldJvmMs\":%.1f,\"warmUs\":%.1f}%n",
          name, coldMs, coldJvmMs, warm[samples / 2] / 1e3);
    }
  }
}
