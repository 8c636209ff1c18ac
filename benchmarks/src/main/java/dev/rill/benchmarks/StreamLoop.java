package dev.rill.benchmarks;

import java.net.URI;

/**
 * Runs one client's burst streams back to back for the transport investigation (under {@code strace -c -f} or
 * JFR): {@code StreamLoop <client> <base> <streams>}; prints the wire events streamed and the wall time.
 */
public final class StreamLoop {
  private StreamLoop() {}

  public static void main(String[] args) throws Exception {
    String name = args[0];
    int streams = Integer.parseInt(args[2]);
    OpenAiStream expected = OpenAiStream.of(OpenAiStream.EVENTS);
    try (BenchClient client = BenchClients.create(name, URI.create(args[1]))) {
      String want = client.deliversText() ? expected.text() : Integer.toString(expected.body().length);
      long start = System.nanoTime();
      for (int i = 0; i < streams; i++) {
        TextCheck.require(name, want, client.stream(() -> {}));
      }
      System.out.printf(java.util.Locale.ROOT, "%s: %d streams, %d wire events, %.0f ms%n", name, streams,
          (long) streams * expected.wireEvents(), (System.nanoTime() - start) / 1e6);
    }
  }
}
