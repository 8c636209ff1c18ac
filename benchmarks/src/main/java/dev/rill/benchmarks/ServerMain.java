package dev.rill.benchmarks;

import dev.rill.testkit.server.Response;
import dev.rill.testkit.server.WireServer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The loopback server process: three {@link WireServer}s serving the generated OpenAI stream to every request,
 * one HTTP chunk per event. {@code burst}: {@link OpenAiStream#EVENTS} events back to back; {@code trickle}:
 * {@link PipelineBenchmark#TRICKLE_EVENTS} events 1 ms apart; {@code short}: 8 events back to back (time to
 * first chunk). Prints {@code rill-bench-server burst=P trickle=P short=P ...} and serves until its standard input
 * ends. Running it in its own process keeps its CPU out of the client's measurements. Given a key store made by
 * {@code TestCertificate} as its argument, it also serves the three over TLS 1.3 with HTTP/1.1 ({@code tls-burst},
 * ...; WireServer, no ALPN) and over TLS with HTTP/2 ({@code h2-burst}, ...; HttpCore 5's HTTP/2 server, ALPN h2).
 */
public final class ServerMain {
  /** The line the server prints first. */
  static final String READY = "rill-bench-server";

  private ServerMain() {}

  public static void main(String[] args) throws IOException {
    OpenAiStream burst = OpenAiStream.of(OpenAiStream.EVENTS);
    OpenAiStream trickle = OpenAiStream.of(PipelineBenchmark.TRICKLE_EVENTS);
    OpenAiStream small = OpenAiStream.of(FirstChunkMain.SHORT_EVENTS);
    SecureServers secure = args.length > 0 ? SecureServers.start(Path.of(args[0]), burst, trickle, small) : null;
    try (WireServer b = serve(burst, Duration.ZERO);
         WireServer t = serve(trickle, Duration.ofMillis(1));
         WireServer s = serve(small, Duration.ZERO);
         WireServer c = coalesced(burst);
         WireServer g = bigChunks(burst);
         SecureServers tls = secure) {
      System.out.println(READY + " burst=" + b.port() + " trickle=" + t.port() + " short=" + s.port()
          + " coalesced=" + c.port() + " bigchunks=" + g.port() + (tls == null ? "" : " " + tls.ports()));
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
    return bigChunks(WireServer.start(), stream);
  }

  private static WireServer bigChunks(WireServer server, OpenAiStream stream) {
    byte[] body = stream.body();
    java.util.List<byte[]> parts = new java.util.ArrayList<>();
    for (int at = 0; at < body.length; at += 16 * 1024) {
      parts.add(java.util.Arrays.copyOfRange(body, at, Math.min(body.length, at + 16 * 1024)));
    }
    return server.fallback(Response.replay(parts, Duration.ZERO)
        .header("Content-Type", "text/event-stream; charset=utf-8"));
  }

  /**
   * The TLS (HTTP/1.1) and HTTP/2 (TLS) servers of the same three streams, and the burst in 16 KiB HTTP chunks over
   * TLS ({@code tls-bigchunks}: one 16 KiB TLS record per write instead of one record per event).
   */
  private record SecureServers(WireServer burst, WireServer trickle, WireServer small, WireServer bigChunks,
      dev.rill.testkit.h2.H2StreamServer h2Burst, dev.rill.testkit.h2.H2StreamServer h2Trickle,
      dev.rill.testkit.h2.H2StreamServer h2Short) implements AutoCloseable {
    static SecureServers start(Path keyStore, OpenAiStream burst, OpenAiStream trickle, OpenAiStream small)
        throws IOException {
      dev.rill.testkit.h2.TestCertificate cert = new dev.rill.testkit.h2.TestCertificate(keyStore, null);
      javax.net.ssl.SSLContext tls = cert.serverContext();
      return new SecureServers(serve(WireServer.startTls(tls), burst, Duration.ZERO),
          serve(WireServer.startTls(tls), trickle, Duration.ofMillis(1)),
          serve(WireServer.startTls(tls), small, Duration.ZERO), ServerMain.bigChunks(WireServer.startTls(tls), burst),
          h2(cert, burst, 0), h2(cert, trickle, 1), h2(cert, small, 0));
    }

    private static dev.rill.testkit.h2.H2StreamServer h2(dev.rill.testkit.h2.TestCertificate cert,
        OpenAiStream stream, long gapMillis) throws IOException {
      return dev.rill.testkit.h2.H2StreamServer.start(dev.rill.testkit.h2.H2StreamServer.Mode.TLS, cert)
          .replay(stream.events(), gapMillis);
    }

    String ports() {
      return "tls-burst=" + burst.port() + " tls-trickle=" + trickle.port() + " tls-short=" + small.port()
          + " tls-bigchunks=" + bigChunks.port()
          + " h2-burst=" + h2Burst.port() + " h2-trickle=" + h2Trickle.port() + " h2-short=" + h2Short.port();
    }

    @Override
    public void close() {
      burst.close();
      trickle.close();
      small.close();
      bigChunks.close();
      h2Burst.close();
      h2Trickle.close();
      h2Short.close();
    }
  }

  private static WireServer serve(OpenAiStream stream, Duration gap) {
    return serve(WireServer.start(), stream, gap);
  }

  private static WireServer serve(WireServer server, OpenAiStream stream, Duration gap) {
    return server.fallback(Response.replay(stream.events(), gap)
        .header("Content-Type", "text/event-stream; charset=utf-8")
        .header("Cache-Control", "no-cache")
        .header("openai-processing-ms", "120"));
  }
}
