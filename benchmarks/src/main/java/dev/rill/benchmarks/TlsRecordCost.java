package dev.rill.benchmarks;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;

/**
 * What the client's TLS engine costs per record, without any HTTP around it: a JSSE server engine and a client engine
 * (the JVM's default, JSSE or, with {@code conscrypt} as the argument, Conscrypt's) shake hands in memory, then the
 * server wraps records of one SSE event's size ({@code 340} bytes of application data: the OpenAI stream's events
 * average 335 bytes, plus the HTTP chunk's framing) and the client unwraps them: bytes allocated per unwrap (this
 * thread's, {@code ThreadMXBean}) and CPU ns per unwrap, after a warm-up. The certificate is a throwaway one trusted
 * through the trust-store properties.
 *
 * <pre>java -cp "$CP" dev.rill.benchmarks.TlsRecordCost [jsse|conscrypt] [recordBytes] [cipherSuite]</pre>
 */
public final class TlsRecordCost {
  private TlsRecordCost() {}

  public static void main(String[] args) throws Exception {
    String provider = args.length > 0 ? args[0] : "jsse";
    int size = args.length > 1 ? Integer.parseInt(args[1]) : 340;
    Path dir = Files.createTempDirectory("rill-tls-record");
    dev.rill.testkit.h2.TestCertificate cert = dev.rill.testkit.h2.TestCertificate.create(dir);
    cert.trustInThisJvm();
    SSLContext clientContext = provider.equals("conscrypt") ? TlsProviders.conscrypt() : SSLContext.getDefault();
    SSLEngine server = cert.serverContext().createSSLEngine();
    server.setUseClientMode(false);
    SSLEngine client = clientContext.createSSLEngine("localhost", 443);
    client.setUseClientMode(true);
    if (args.length > 2) {
      client.setEnabledCipherSuites(new String[] {args[2]}); // e.g. TLS_AES_128_GCM_SHA256, to compare like for like
    }
    int packet = Math.max(server.getSession().getPacketBufferSize(), client.getSession().getPacketBufferSize());
    ByteBuffer toServer = ByteBuffer.allocate(packet * 4);
    ByteBuffer toClient = ByteBuffer.allocate(packet * 4);
    ByteBuffer plain = ByteBuffer.allocate(packet * 2);
    handshake(client, server, toServer, toClient, plain);
    toClient.flip(); // what the server wrote after the handshake (a session ticket): the client reads it first
    while (toClient.hasRemaining()) {
      plain.clear();
      check(client.unwrap(toClient, plain));
    }

    byte[] event = new byte[size];
    java.util.Arrays.fill(event, (byte) 'x');
    com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long tid = Thread.currentThread().getId();
    for (int round = 0; round < 3; round++) {
      int records = 200_000;
      long alloc = 0;
      long cpu = 0;
      for (int i = 0; i < records; i++) {
        toClient.clear();
        ByteBuffer src = ByteBuffer.wrap(event);
        while (src.hasRemaining()) { // the first wrap may carry a post-handshake message (a session ticket) only
          check(server.wrap(src, toClient));
        }
        toClient.flip();
        plain.clear();
        long a0 = threads.getThreadAllocatedBytes(tid);
        long c0 = threads.getCurrentThreadCpuTime();
        while (toClient.hasRemaining()) {
          check(client.unwrap(toClient, plain));
        }
        cpu += threads.getCurrentThreadCpuTime() - c0;
        alloc += threads.getThreadAllocatedBytes(tid) - a0;
        if (plain.position() != size) {
          throw new IllegalStateException("unwrapped " + plain.position() + " bytes, not " + size);
        }
      }
      System.out.printf("%s %s: record of %d bytes: %.0f B allocated and %.0f ns CPU per unwrap (%s)%n",
          provider, client.getSession().getCipherSuite(), size, alloc / (double) records, cpu / (double) records,
          round < 2 ? "warm-up" : "measured");
    }
  }

  private static void check(SSLEngineResult r) throws SSLException {
    if (r.getStatus() != SSLEngineResult.Status.OK) {
      throw new SSLException("engine: " + r);
    }
  }

  private static void handshake(SSLEngine client, SSLEngine server, ByteBuffer toServer, ByteBuffer toClient,
      ByteBuffer plain) throws Exception {
    ByteBuffer empty = ByteBuffer.allocate(0);
    client.beginHandshake();
    server.beginHandshake();
    for (int step = 0; step < 200; step++) {
      boolean clientDone = done(client.getHandshakeStatus());
      boolean serverDone = done(server.getHandshakeStatus());
      if (clientDone && serverDone) {
        return;
      }
      step(client, empty, toServer, toClient, plain);
      step(server, empty, toClient, toServer, plain);
    }
    throw new IllegalStateException("no handshake: " + client.getHandshakeStatus() + " / " + server.getHandshakeStatus());
  }

  private static boolean done(HandshakeStatus s) {
    return s == HandshakeStatus.FINISHED || s == HandshakeStatus.NOT_HANDSHAKING;
  }

  /** One engine's turn: run tasks, write what it wants to write, read what the other wrote. */
  private static void step(SSLEngine engine, ByteBuffer empty, ByteBuffer out, ByteBuffer in, ByteBuffer plain)
      throws Exception {
    for (int i = 0; i < 16; i++) {
      HandshakeStatus s = engine.getHandshakeStatus();
      if (s == HandshakeStatus.NEED_TASK) {
        Runnable task;
        while ((task = engine.getDelegatedTask()) != null) {
          task.run();
        }
      } else if (s == HandshakeStatus.NEED_WRAP) {
        engine.wrap(empty, out);
      } else if (s == HandshakeStatus.NEED_UNWRAP || s == HandshakeStatus.NEED_UNWRAP_AGAIN) {
        in.flip();
        plain.clear();
        SSLEngineResult r = engine.unwrap(in, plain);
        in.compact();
        if (r.getStatus() == SSLEngineResult.Status.BUFFER_UNDERFLOW) {
          return;
        }
      } else {
        return;
      }
    }
  }
}
