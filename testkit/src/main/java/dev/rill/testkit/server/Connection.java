// Why one file of about 440 lines: one HTTP/1.1 server connection, request parsing and the scripted response steps
// (writes, pauses, stalls, drips, resets, chunked framing) that share its socket and streams.

package dev.rill.testkit.server;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** One accepted connection: reads requests, serves scripted responses, keeps the connection alive between them. */
final class Connection implements Runnable {
  private static final int MAX_LINE = 64 * 1024;
  private static final int MAX_HEADERS = 256 * 1024;
  private static final long WATCH_SLICE_MS = 20;
  private static final byte[] CRLF = {'\r', '\n'};

  /** The client closed or reset the connection while the server was writing or waiting. */
  private static final class ClientGone extends Exception {
    private static final long serialVersionUID = 1L;

    ClientGone() {
      super(null, null, false, false);
    }
  }

  /** The server is closing. */
  private static final class ServerClosing extends Exception {
    private static final long serialVersionUID = 1L;

    ServerClosing() {
      super(null, null, false, false);
    }
  }

  private final WireServer server;
  private final Socket socket;
  private final int id;
  private final byte[] buf = new byte[16 * 1024];
  private int pos;
  private int limit;
  private boolean eof;
  private InputStream in;
  private OutputStream out;

  Connection(WireServer server, Socket socket, int id) {
    this.server = server;
    this.socket = socket;
    this.id = id;
  }

  void closeByServer() {
    try {
      socket.close();
    } catch (IOException ignored) {
      // already closed
    }
  }

  @Override
  public void run() {
    try {
      in = socket.getInputStream();
      out = socket.getOutputStream();
      boolean keepAlive = true;
      while (keepAlive && !server.isClosed()) {
        socket.setSoTimeout(0);
        RecordedRequest request = readRequest();
        if (request == null) {
          break;
        }
        server.recordRequest(request);
        Response response = server.nextResponse(request);
        server.responseStarted();
        try {
          keepAlive = serve(response) && !"close".equalsIgnoreCase(request.header("connection"));
        } finally {
          server.responseEnded();
        }
      }
    } catch (ClientGone e) {
      if (!server.isClosed()) {
        server.clientDisconnected();
      }
    } catch (ServerClosing | IOException | RuntimeException e) {
      // a broken request, or the server is closing: just close the connection
    } finally {
      closeQuietly();
      server.connectionClosed(this);
    }
  }

  private void closeQuietly() {
    try {
      if (!socket.isClosed()) {
        try {
          socket.shutdownOutput();
        } catch (IOException ignored) {
          // not connected any more
        }
        socket.close();
      }
    } catch (IOException ignored) {
      // closing anyway
    }
  }

  // ---- serving

  /** Serves one response; returns whether the connection may carry another request. */
  private boolean serve(Response r) throws ClientGone, ServerClosing {
    if (!r.stallBeforeHeaders.isZero()) {
      watch(r.stallBeforeHeaders);
    }
    writeRaw(head(r));
    // chunk-encode unless the script declared its own Content-Length (a lying head)
    boolean chunked = r.framing == Response.BodyFraming.CHUNKED && !r.hasHeader("content-length");
    long declared = r.contentLengthValue();
    long sent = 0;
    for (Step step : r.steps) {
      if (step instanceof Step.Write w) {
        sent += body(w.data(), chunked);
      } else if (step instanceof Step.WriteEach each) {
        boolean first = true;
        for (byte[] part : each.parts()) {
          if (!first) {
            watch(each.gap());
          }
          first = false;
          sent += body(part, chunked);
        }
      } else if (step instanceof Step.Pause p) {
        watch(p.duration());
      } else if (step instanceof Step.AwaitSignal a) {
        long deadline = System.nanoTime() + a.max().toNanos();
        while (a.latch().getCount() > 0 && System.nanoTime() < deadline) {
          watch(Duration.ofMillis(10));
        }
      } else if (step instanceof Step.Drip d) {
        for (int i = 0; i < d.bytes().length; i++) {
          if (i > 0) {
            watch(d.perByte());
          }
          sent += body(new byte[] {d.bytes()[i]}, chunked);
        }
      } else if (step instanceof Step.Repeat rep) {
        byte[] frame = chunked ? chunk(rep.part()) : rep.part();
        for (long i = 0; i < rep.times(); i++) {
          writeRaw(frame);
          server.bodyBytesWritten(rep.part().length);
          sent += rep.part().length;
        }
      } else if (step instanceof Step.StallForever) {
        watch(null);
        return false;
      } else if (step instanceof Step.CloseMidStream) {
        closeQuietly();
        return false;
      } else if (step instanceof Step.Reset) {
        try {
          socket.setSoLinger(true, 0);
          socket.close();
        } catch (IOException ignored) {
          // closed anyway
        }
        return false;
      }
    }
    if (chunked) {
      writeRaw(new byte[] {'0', '\r', '\n', '\r', '\n'});
      return true;
    }
    if (r.framing == Response.BodyFraming.CONTENT_LENGTH) {
      return declared == sent; // a body shorter or longer than declared is followed by a FIN
    }
    return false; // close-delimited
  }

  private byte[] head(Response r) {
    StringBuilder sb = new StringBuilder(256);
    sb.append("HTTP/1.1 ").append(r.status).append(' ').append(r.reason).append("\r\n");
    for (String[] h : r.headers) {
      sb.append(h[0]).append(": ").append(h[1]).append("\r\n");
    }
    switch (r.framing) {
      case CHUNKED -> {
        if (!r.hasHeader("transfer-encoding") && !r.hasHeader("content-length")) {
          sb.append("Transfer-Encoding: chunked\r\n");
        }
      }
      case CONTENT_LENGTH -> {
        if (!r.hasHeader("content-length")) {
          sb.append("Content-Length: ").append(r.contentLengthValue()).append("\r\n");
        }
      }
      case CLOSE_DELIMITED -> {
        if (!r.hasHeader("connection")) {
          sb.append("Connection: close\r\n");
        }
      }
    }
    sb.append("\r\n");
    return sb.toString().getBytes(StandardCharsets.ISO_8859_1);
  }

  private long body(byte[] data, boolean chunked) throws ClientGone, ServerClosing {
    if (data.length == 0) {
      return 0;
    }
    writeRaw(chunked ? chunk(data) : data);
    server.bodyBytesWritten(data.length);
    return data.length;
  }

  private static byte[] chunk(byte[] data) {
    byte[] size = (Integer.toHexString(data.length) + "\r\n").getBytes(StandardCharsets.US_ASCII);
    byte[] frame = new byte[size.length + data.length + 2];
    System.arraycopy(size, 0, frame, 0, size.length);
    System.arraycopy(data, 0, frame, size.length, data.length);
    frame[frame.length - 2] = '\r';
    frame[frame.length - 1] = '\n';
    return frame;
  }

  /** Always throws: {@link ServerClosing} when the server is closing, else {@link ClientGone}. */
  private void throwGone() throws ClientGone, ServerClosing {
    if (server.isClosed()) {
      throw new ServerClosing();
    }
    throw new ClientGone();
  }

  private void writeRaw(byte[] bytes) throws ClientGone, ServerClosing {
    try {
      out.write(bytes);
      out.flush();
    } catch (IOException e) {
      throwGone();
    }
  }

  /**
   * Waits {@code duration} (forever when null) while watching the socket: a client close or reset ends the wait
   * with {@link ClientGone}, a server close with {@link ServerClosing}. Bytes the client sends meanwhile are kept
   * for the next request.
   */
  private void watch(Duration duration) throws ClientGone, ServerClosing {
    long deadline = duration == null ? Long.MAX_VALUE : System.nanoTime() + duration.toNanos();
    if (duration != null && duration.isZero()) {
      return;
    }
    try {
      while (true) {
        if (server.isClosed()) {
          throw new ServerClosing();
        }
        long leftMs = duration == null ? WATCH_SLICE_MS
            : (deadline - System.nanoTime() + 999_999) / 1_000_000;
        if (leftMs <= 0) {
          return;
        }
        int slice = (int) Math.max(1, Math.min(leftMs, WATCH_SLICE_MS));
        if (limit == buf.length && pos == 0) {
          Thread.sleep(slice); // buffer full of unread client bytes: just wait
          continue;
        }
        socket.setSoTimeout(slice);
        try {
          if (fill() < 0) {
            throw new ClientGone();
          }
        } catch (SocketTimeoutException timeout) {
          // nothing arrived: keep waiting
        }
      }
    } catch (IOException e) {
      throwGone();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ServerClosing();
    } finally {
      try {
        if (!socket.isClosed()) {
          socket.setSoTimeout(0);
        }
      } catch (IOException ignored) {
        // closed meanwhile
      }
    }
  }

  // ---- reading requests

  /** Reads bytes into the buffer; returns the count read, or -1 at end of stream. */
  private int fill() throws IOException {
    if (eof) {
      return -1;
    }
    if (pos > 0) {
      System.arraycopy(buf, pos, buf, 0, limit - pos);
      limit -= pos;
      pos = 0;
    }
    int n = in.read(buf, limit, buf.length - limit);
    if (n < 0) {
      eof = true;
      return -1;
    }
    limit += n;
    return n;
  }

  private int readByte() throws IOException {
    if (pos == limit && fill() < 0) {
      return -1;
    }
    return buf[pos++] & 0xff;
  }

  /** A line without its LF or CRLF, or null at end of stream before any byte. */
  private String readLine(int max) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream(64);
    while (true) {
      int b = readByte();
      if (b < 0) {
        if (line.size() == 0) {
          return null;
        }
        throw new EOFException("end of stream inside a line");
      }
      if (b == '\n') {
        byte[] bytes = line.toByteArray();
        int len = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
        return new String(bytes, 0, len, StandardCharsets.ISO_8859_1);
      }
      line.write(b);
      if (line.size() > max) {
        throw new IOException("line too long");
      }
    }
  }

  private byte[] readExactly(long n) throws IOException {
    if (n > Integer.MAX_VALUE - 16) {
      throw new IOException("body too large: " + n);
    }
    byte[] data = new byte[(int) n];
    int off = 0;
    while (off < n) {
      if (pos == limit && fill() < 0) {
        throw new EOFException("end of stream inside a body");
      }
      int take = (int) Math.min(n - off, limit - pos);
      System.arraycopy(buf, pos, data, off, take);
      pos += take;
      off += take;
    }
    return data;
  }

  /** Reads one request; null when the client closed the connection cleanly before sending one. */
  private RecordedRequest readRequest() throws IOException {
    String requestLine;
    do {
      requestLine = readLine(MAX_LINE);
      if (requestLine == null) {
        return null;
      }
    } while (requestLine.isEmpty());
    String[] parts = requestLine.split(" ");
    if (parts.length < 3) {
      throw new IOException("bad request line: " + requestLine);
    }
    Map<String, String> headers = new LinkedHashMap<>();
    int total = 0;
    while (true) {
      String h = readLine(MAX_LINE);
      if (h == null) {
        throw new EOFException("end of stream inside the request head");
      }
      if (h.isEmpty()) {
        break;
      }
      total += h.length();
      if (total > MAX_HEADERS) {
        throw new IOException("request head too large");
      }
      int colon = h.indexOf(':');
      if (colon <= 0) {
        throw new IOException("bad header line: " + h);
      }
      headers.merge(h.substring(0, colon).trim().toLowerCase(Locale.ROOT), h.substring(colon + 1).trim(),
          (a, b) -> a + ", " + b);
    }
    if ("100-continue".equalsIgnoreCase(headers.get("expect"))) {
      out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
    }
    byte[] body;
    String te = headers.getOrDefault("transfer-encoding", "");
    if (te.toLowerCase(Locale.ROOT).contains("chunked")) {
      body = readChunkedBody();
    } else if (headers.containsKey("content-length")) {
      body = readExactly(Long.parseLong(headers.get("content-length").trim()));
    } else {
      body = new byte[0];
    }
    return new RecordedRequest(parts[0], parts[1], headers, body, id);
  }

  private byte[] readChunkedBody() throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    while (true) {
      String sizeLine = readLine(MAX_LINE);
      if (sizeLine == null) {
        throw new EOFException("end of stream inside a chunked body");
      }
      int semi = sizeLine.indexOf(';');
      long size = Long.parseLong((semi >= 0 ? sizeLine.substring(0, semi) : sizeLine).trim(), 16);
      if (size == 0) {
        String trailer;
        do {
          trailer = readLine(MAX_LINE);
        } while (trailer != null && !trailer.isEmpty());
        return body.toByteArray();
      }
      body.write(readExactly(size));
      String end = readLine(MAX_LINE);
      if (end == null || !end.isEmpty()) {
        throw new IOException("chunk not followed by CRLF");
      }
    }
  }
}
