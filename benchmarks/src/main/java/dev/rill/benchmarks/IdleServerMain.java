package dev.rill.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import dev.rill.testkit.h2.H2StreamServer;
import dev.rill.testkit.h2.TestCertificate;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;

/**
 * The concurrency test's server: one NIO selector thread holding any number of open SSE streams (the testkit's
 * {@code WireServer} takes a thread per connection, too many for 10,000 streams). Each request (any path; the body
 * read by its {@code Content-Length}) gets a chunked {@code text/event-stream} response with the generated
 * transcript's first two events (the role chunk and one content chunk), and then nothing: the stream stays open
 * and idle until the client closes it. Prints {@code rill-idle-server port=P}; exits when its standard input
 * closes.
 *
 * <p>{@code IdleServerMain tls|h2 <keyStore> <maxStreams>} serves the same over TLS instead, on the testkit's
 * {@link H2StreamServer} (HttpCore 5, non-blocking): {@code tls} offers HTTP/1.1 alone by ALPN, {@code h2} offers
 * HTTP/2 too, with up to {@code maxStreams} streams per connection. A request whose body contains {@code hold} gets
 * the two events and is held open; any other gets the whole short transcript (so the client can pool a connection
 * first).
 */
public final class IdleServerMain {
  /** The first line the server prints. */
  public static final String READY = "rill-idle-server";

  private IdleServerMain() {}

  public static void main(String[] args) throws IOException {
    List<byte[]> events = OpenAiStream.of(4).events();
    if (args.length > 0 && !args[0].equals("plain")) {
      serveTls(args, events);
      return;
    }
    StringBuilder head = new StringBuilder("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n"
        + "Cache-Control: no-cache\r\nTransfer-Encoding: chunked\r\n\r\n");
    byte[] headBytes = head.toString().getBytes(StandardCharsets.US_ASCII);
    ByteBuffer all = ByteBuffer.allocate(headBytes.length + 2 * 600);
    all.put(headBytes);
    for (int i = 0; i < 2; i++) {
      byte[] e = events.get(i);
      all.put((Integer.toHexString(e.length) + "\r\n").getBytes(StandardCharsets.US_ASCII)).put(e)
          .put("\r\n".getBytes(StandardCharsets.US_ASCII));
    }
    all.flip();
    byte[] response = new byte[all.remaining()];
    all.get(response);

    Selector selector = Selector.open();
    ServerSocketChannel server = ServerSocketChannel.open();
    server.bind(new InetSocketAddress("127.0.0.1", 0), 8192);
    server.configureBlocking(false);
    server.register(selector, SelectionKey.OP_ACCEPT);
    System.out.println(READY + " port=" + ((InetSocketAddress) server.getLocalAddress()).getPort());
    System.out.flush();
    Thread stdin = new Thread(() -> {
      try (InputStream in = System.in) {
        while (in.read() >= 0) {
          // wait for the parent to close the pipe
        }
      } catch (IOException ignored) {
        // the parent is gone
      }
      System.exit(0);
    }, "stdin-watch");
    stdin.setDaemon(true);
    stdin.start();

    ByteBuffer scratch = ByteBuffer.allocate(16 * 1024);
    for (;;) {
      selector.select();
      Iterator<SelectionKey> it = selector.selectedKeys().iterator();
      while (it.hasNext()) {
        SelectionKey key = it.next();
        it.remove();
        try {
          if (key.isAcceptable()) {
            SocketChannel c;
            while ((c = server.accept()) != null) {
              c.configureBlocking(false);
              c.setOption(StandardSocketOptions.TCP_NODELAY, true);
              c.register(selector, SelectionKey.OP_READ, new Connection());
            }
          } else if (key.isReadable()) {
            ((Connection) key.attachment()).read(key, scratch, response);
          } else if (key.isWritable()) {
            ((Connection) key.attachment()).write(key);
          }
        } catch (IOException | RuntimeException e) {
          key.cancel();
          key.channel().close();
        }
      }
    }
  }

  private static void serveTls(String[] args, List<byte[]> events) throws IOException {
    H2StreamServer.Mode mode = switch (args[0]) {
      case "tls" -> H2StreamServer.Mode.TLS_HTTP1;
      case "h2" -> H2StreamServer.Mode.TLS;
      default -> throw new IllegalArgumentException("wire: plain, tls or h2");
    };
    TestCertificate certificate = new TestCertificate(Path.of(args[1]), null);
    try (H2StreamServer server = H2StreamServer.start(mode, certificate, Integer.parseInt(args[2]))
        .replay(events, 0).holdAfter(2)) {
      System.out.println(READY + " port=" + server.port());
      System.out.flush();
      InputStream in = System.in;
      while (in.read() >= 0) {
        // serve until the parent closes our standard input (or dies)
      }
    }
  }

  /** One client connection: reads one request, answers the head and the first events, then idles. */
  private static final class Connection {
    private final StringBuilder request = new StringBuilder();
    private int headEnd = -1;
    private long bodyLeft;
    private boolean answered;
    private ByteBuffer pending;

    void read(SelectionKey key, ByteBuffer scratch, byte[] response) throws IOException {
      SocketChannel c = (SocketChannel) key.channel();
      scratch.clear();
      int n = c.read(scratch);
      if (n < 0) {
        key.cancel();
        c.close();
        return;
      }
      if (answered) {
        return; // nothing more is expected; ignore
      }
      scratch.flip();
      if (headEnd < 0) {
        while (scratch.hasRemaining()) {
          request.append((char) (scratch.get() & 0xff));
        }
        headEnd = request.indexOf("\r\n\r\n");
        if (headEnd < 0) {
          return;
        }
        bodyLeft = contentLength(request.substring(0, headEnd)) - (request.length() - headEnd - 4);
      } else {
        bodyLeft -= scratch.remaining();
      }
      if (bodyLeft > 0) {
        return;
      }
      answered = true;
      pending = ByteBuffer.wrap(response);
      write(key);
    }

    void write(SelectionKey key) throws IOException {
      ((SocketChannel) key.channel()).write(pending);
      key.interestOps(pending.hasRemaining() ? SelectionKey.OP_READ | SelectionKey.OP_WRITE : SelectionKey.OP_READ);
      if (!pending.hasRemaining()) {
        pending = null;
      }
    }

    private static long contentLength(String head) {
      for (String line : head.split("\r\n")) {
        int colon = line.indexOf(':');
        if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase("content-length")) {
          return Long.parseLong(line.substring(colon + 1).trim());
        }
      }
      return 0;
    }
  }
}
