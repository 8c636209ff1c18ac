package dev.rill.testkit.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.apache.hc.core5.http.EntityDetails;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.HttpStreamResetException;
import org.apache.hc.core5.http.impl.BasicEntityDetails;
import org.apache.hc.core5.http.message.BasicHttpResponse;
import org.apache.hc.core5.http.nio.AsyncServerExchangeHandler;
import org.apache.hc.core5.http.nio.CapacityChannel;
import org.apache.hc.core5.http.nio.DataStreamChannel;
import org.apache.hc.core5.http.nio.ResponseChannel;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.http.protocol.HttpCoreContext;

/**
 * One stream of {@link H2WireServer}: reads the request, then plays its scripted {@link Response} step by step (see
 * the server's class comment for how each step maps to HTTP/2). Waits are timers that ask HttpCore for output when
 * they end; writes go out only as far as the stream's window allows, the rest when HttpCore calls again.
 *
 * <p>Locking: the step state is guarded by {@code this}; HttpCore calls {@link #available} and {@link #produce} on
 * its I/O thread holding the connection's lock, so the timer thread never calls into HttpCore while holding
 * {@code this}.
 */
final class ScriptedExchange implements AsyncServerExchangeHandler {
  /** Connection-specific headers HTTP/2 forbids (RFC 9113 8.2.2), and the framing headers the server sets itself. */
  private static final Set<String> NOT_SENT = Set.of("connection", "keep-alive", "proxy-connection",
      "transfer-encoding", "upgrade", "content-length");

  private final H2WireServer server;
  private final ByteArrayOutputStream requestBody = new ByteArrayOutputStream();
  private HttpRequest request;
  private ResponseChannel responseChannel;
  private HttpContext context;
  private SocketAddress remote;
  private volatile ServedStream stream;
  private Response response;
  private long declared = -1;

  // ---- the script's progress, guarded by this
  private volatile DataStreamChannel data;
  private int step;
  private long within; // part, byte or repetition inside the step; the deadline of an AwaitSignal
  private boolean waited; // the wait before the current part or byte is over
  private ByteBuffer pending;
  private long sent;
  private boolean headSent;
  private boolean waiting;
  private boolean stalled;
  private boolean done;
  private ScheduledFuture<?> timer;

  ScriptedExchange(H2WireServer server) {
    this.server = server;
  }

  @Override
  public void handleRequest(HttpRequest request, EntityDetails entityDetails, ResponseChannel responseChannel,
      HttpContext context) throws HttpException, IOException {
    this.request = request;
    this.responseChannel = responseChannel;
    this.context = context;
    HttpCoreContext core = HttpCoreContext.cast(context);
    this.remote = core.getEndpointDetails() == null ? null : core.getEndpointDetails().getRemoteAddress();
    if (entityDetails == null) {
      received();
    }
  }

  @Override
  public void updateCapacity(CapacityChannel channel) throws IOException {
    channel.update(Integer.MAX_VALUE);
  }

  @Override
  public void consume(ByteBuffer src) {
    byte[] bytes = new byte[src.remaining()];
    src.get(bytes);
    requestBody.write(bytes, 0, bytes.length);
  }

  @Override
  public void streamEnd(List<? extends Header> trailers) throws HttpException, IOException {
    received();
  }

  /** The request is complete: record it, pick its response, send the head now or after the scripted stall. */
  private void received() throws HttpException, IOException {
    Map<String, String> headers = new LinkedHashMap<>();
    if (request.getAuthority() != null) {
      headers.put("host", request.getAuthority().toString());
    }
    for (Header h : request.getHeaders()) {
      headers.merge(h.getName().toLowerCase(Locale.ROOT), h.getValue(), (a, b) -> a + ", " + b);
    }
    RecordedRequest recorded = new RecordedRequest(request.getMethod(), request.getPath() == null ? "/"
        : request.getPath(), headers, requestBody.toByteArray(), server.connectionId(remote));
    stream = server.received(recorded);
    response = server.nextResponse(recorded);
    String lyingLength = header(response, "content-length");
    declared = lyingLength != null ? Long.parseLong(lyingLength.strip()) : response.contentLengthValue();
    if (response.stallBeforeHeaders.isZero()) {
      sendHead();
    } else {
      synchronized (this) {
        schedule(response.stallBeforeHeaders, this::headAfterStall);
      }
    }
  }

  private void headAfterStall() {
    synchronized (this) {
      waiting = false;
    }
    try {
      sendHead();
    } catch (HttpException | IOException | RuntimeException e) {
      failed(e);
    }
  }

  private void sendHead() throws HttpException, IOException {
    synchronized (this) {
      if (done) {
        return;
      }
      headSent = true;
    }
    BasicHttpResponse head = new BasicHttpResponse(response.status);
    for (String[] h : response.headers) {
      if (!NOT_SENT.contains(h[0].toLowerCase(Locale.ROOT))) {
        head.addHeader(h[0], h[1]);
      }
    }
    if (declared >= 0) {
      head.addHeader("content-length", Long.toString(declared)); // HttpCore sends none over HTTP/2
    }
    responseChannel.sendResponse(head, new BasicEntityDetails(declared, null), context);
  }

  private static String header(Response r, String name) {
    for (String[] h : r.headers) {
      if (h[0].equalsIgnoreCase(name)) {
        return h[1];
      }
    }
    return null;
  }

  // ---- the body

  @Override
  public synchronized int available() {
    return !headSent || done || stalled || waiting ? 0 : Integer.MAX_VALUE;
  }

  @Override
  public synchronized void produce(DataStreamChannel channel) throws IOException {
    data = channel;
    while (!done) {
      if (pending != null) {
        int n = channel.write(pending);
        if (n > 0) {
          sent += n;
          server.bodyBytesWritten(stream, n);
        }
        if (pending.hasRemaining()) {
          return; // the window is shut: HttpCore calls again when it opens
        }
        pending = null;
        continue;
      }
      if (!headSent || stalled || waiting || !next(channel)) {
        return;
      }
    }
  }

  /** Takes the next action of the script; false when nothing more can happen now. */
  private boolean next(DataStreamChannel channel) throws IOException {
    if (step >= response.steps.size()) {
      finish(channel);
      return false;
    }
    Step s = response.steps.get(step);
    if (s instanceof Step.Write w) {
      pending = wrap(w.data());
      step++;
    } else if (s instanceof Step.WriteEach each) {
      if (within >= each.parts().size()) {
        advance();
      } else if (within > 0 && waitOnce(each.gap())) {
        return false;
      } else {
        pending = wrap(each.parts().get((int) within++));
      }
    } else if (s instanceof Step.Pause p) {
      if (waitOnce(p.duration())) {
        return false;
      }
      advance();
    } else if (s instanceof Step.AwaitSignal a) {
      if (within == 0) {
        within = System.nanoTime() + a.max().toNanos();
      }
      if (a.latch().getCount() > 0 && System.nanoTime() - within < 0) {
        schedule(Duration.ofMillis(10), this::wake);
        return false;
      }
      advance();
    } else if (s instanceof Step.Drip d) {
      if (within >= d.bytes().length) {
        advance();
      } else if (within > 0 && waitOnce(d.perByte())) {
        return false;
      } else {
        pending = wrap(new byte[] {d.bytes()[(int) within++]});
      }
    } else if (s instanceof Step.Repeat r) {
      if (within >= r.times()) {
        advance();
      } else {
        within++;
        pending = ByteBuffer.wrap(r.part());
      }
    } else if (s instanceof Step.StallForever) {
      stalled = true;
      return false;
    } else if (s instanceof Step.CloseMidStream) {
      cut();
      return false;
    } else if (s instanceof Step.Reset) {
      done = true;
      cancelTimer();
      server.ended(stream, ServedStream.End.SERVER_CLOSED_CONNECTION);
      server.closeConnection(remote);
      return false;
    }
    return true;
  }

  private void advance() {
    step++;
    within = 0;
    waited = false;
  }

  /** The body is written: END_STREAM, unless it differs from its declared length (then the stream is cut). */
  private void finish(DataStreamChannel channel) throws IOException {
    if (declared >= 0 && declared != sent) {
      cut();
      return;
    }
    done = true;
    channel.endStream();
    server.ended(stream, ServedStream.End.COMPLETED);
  }

  /** RST_STREAM (INTERNAL_ERROR) on this stream alone. */
  private void cut() {
    done = true;
    cancelTimer();
    server.ended(stream, ServedStream.End.SERVER_RESET);
    responseChannel.terminateExchange();
  }

  private static ByteBuffer wrap(byte[] bytes) {
    return bytes.length == 0 ? null : ByteBuffer.wrap(bytes);
  }

  /** Starts the wait before the current part or byte, once: true if it started (stop now), false if it is over. */
  private boolean waitOnce(Duration d) {
    if (waited) {
      waited = false;
      return false;
    }
    waited = true;
    if (d.isZero() || d.isNegative()) {
      waited = false;
      return false;
    }
    schedule(d, this::wake);
    return true;
  }

  private void schedule(Duration d, Runnable action) {
    waiting = true;
    try {
      timer = server.timers().schedule(action, Math.max(1, d.toNanos()), TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException e) {
      done = true; // the server is closing
    }
  }

  /** A wait is over: ask HttpCore for output (outside this lock, see the class comment). */
  private void wake() {
    DataStreamChannel ch;
    synchronized (this) {
      waiting = false;
      if (done) {
        return;
      }
      ch = data;
    }
    if (ch != null) {
      ch.requestOutput();
    }
  }

  private void cancelTimer() {
    ScheduledFuture<?> t = timer;
    if (t != null) {
      t.cancel(false);
    }
  }

  // ---- the end as HttpCore reports it

  @Override
  public void failed(Exception cause) {
    ServedStream s;
    synchronized (this) {
      done = true;
      cancelTimer();
      s = stream;
    }
    if (s != null) {
      server.ended(s, cause instanceof HttpStreamResetException ? ServedStream.End.CLIENT_RESET
          : server.closedByScript(remote) ? ServedStream.End.SERVER_CLOSED_CONNECTION
          : ServedStream.End.CONNECTION_CLOSED);
    }
  }

  @Override
  public void releaseResources() {
    ServedStream s;
    synchronized (this) {
      done = true;
      cancelTimer();
      s = stream;
    }
    if (s != null) {
      server.ended(s, server.closedByScript(remote) ? ServedStream.End.SERVER_CLOSED_CONNECTION
          : ServedStream.End.CONNECTION_CLOSED);
    }
  }
}
