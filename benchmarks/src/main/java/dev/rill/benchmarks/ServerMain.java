package dev.rill.benchmarks;

import dev.rill.testkit.server.Response;
import dev.rill.testkit.server.WireServer;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;

/**
 * The loopback server process: three {@link WireServer}s serving the generated OpenAI stream to every request,
 * one HTTP chunk per event. {@code burst}: {@link OpenAiStream#EVENTS} events back to back; {@code trickle}:
 * {@link PipelineBenchmark#TRICKLE_EVENTS} events 1 ms apart; {@code short}: 8 events back to back (time to
 * first chunk). Prints {@code rill-bench-server burst=P trickle=P short=P} and serves until its standard input
 * ends. Running it in its own process keeps its CPU out of the client's measurements.
 */
public final class ServerMain {
  /** The line the server prints first. */
  static final String READY = "rill-bench-server";

  private ServerMain() {}

  public static void main(String[] args) throws IOException {
    OpenAiStream burst = OpenAiStream.of(OpenAiStream.EVENTS);
    OpenAiStream trickle = OpenAiStream.of(PipelineBenchmark.TRICKLE_EVENTS);
    OpenAiStream small = OpenAiStream.of(FirstChunkMain.SHORT_EVENTS);
    try (WireServer b = serve(burst, Duration.ZERO);
         WireServer t = serve(trickle, Duration.ofMillis(1));
         WireServer s = serve(small, Duration.ZERO);
         WireServer c = coalesced(burst);
         WireServer g = bigChunks(burst)) {
      System.out.println(READY + " burst=" + b.port() + " trickle=" + t.port() + " short=" + s.port()
          + " coalesced=" + c.port() + " bigchunks=" + g.port());
      System.out.flush();
      InputStream in = System.in;
      while (in.read() >= 0) {
        // serve until the parent closes our standard input (or dies)
      }
    }
  }

  /**
   * The burst stream with the same HTTP chunks (one per event), but written to the socket in one call, so the
   * client finds many chunks per read: separates "the client reads one chunk per syscall" from "the server
   * writes one chunk per syscall". Close-delimited (a manual chunked head), a new connection per stream.
   */
  private static WireServer coalesced(OpenAiStream stream) {
    java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
    for (byte[] e : stream.events()) {
      byte[] size = (Integer.toHexString(e.length) + "\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
      body.write(size, 0, size.length);
      body.write(e, 0, e.length);
      body.write('\r');
      body.write('\n');
    }
    body.write(new byte[] {'0', '\r', '\n', '\r', '\n'}, 0, 5);
    return WireServer.start().fallback(Response.status(200)
        .header("Content-Type", "text/event-stream; charset=utf-8")
        .header("Transfer-Encoding", "chunked")
        .closeDelimited()
        .write(body.toByteArray()));
  }

  /** The burst body re-cut into 16 KiB HTTP chunks: what the client costs when it is not paying per chunk. */
  private static WireServer bigChunks(OpenAiStream stream) {
    byte[] body = stream.body();
    java.util.List<byte[]> parts = new java.util.ArrayList<>();
    for (int at = 0; at < body.length; at += 16 * 1024) {
      parts.add(java.util.Arrays.copyOfRange(body, at, Math.min(body.length, at + 16 * 1024)));
    }
    return WireServer.start().fallback(Response.replay(parts, Duration.ZERO)
        .header("Content-Type", "text/event-stream; charset=utf-8"));
  }

  private static WireServer serve(OpenAiStream stream, Duration gap) {
    return WireServer.start().fallback(Response.replay(stream.events(), gap)
        .header("Content-Type", "text/event-stream; charset=utf-8")
        .header("Cache-Control", "no-cache")
        .header("openai-processing-ms", "120"));
  }
}
