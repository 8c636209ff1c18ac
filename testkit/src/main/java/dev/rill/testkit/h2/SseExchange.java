package dev.rill.testkit.h2;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.EntityDetails;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.message.BasicHttpResponse;
import org.apache.hc.core5.http.nio.AsyncServerExchangeHandler;
import org.apache.hc.core5.http.nio.CapacityChannel;
import org.apache.hc.core5.http.nio.DataStreamChannel;
import org.apache.hc.core5.http.nio.ResponseChannel;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.http.protocol.HttpCoreContext;
import org.apache.hc.core5.http.impl.BasicEntityDetails;

/** One exchange of {@link H2StreamServer}: reads the request body, then streams the events its command asks for. */
final class SseExchange implements AsyncServerExchangeHandler {
  private static final ByteBuffer DONE = ByteBuffer.wrap("data: [DONE]\n\n".getBytes(StandardCharsets.US_ASCII));

  private final H2StreamServer server;
  private final StringBuilder body = new StringBuilder();
  private ResponseChannel responseChannel;
  private HttpContext context;
  private volatile DataStreamChannel data;
  private StreamRecord record;
  private int size;
  private long total; // events to send; -1: one, then hold
  private long made;
  private final AtomicLong due = new AtomicLong(); // events the ticker released (tick mode); Long.MAX otherwise
  private ScheduledFuture<?> tick;
  private ByteBuffer current;
  private List<byte[]> events; // replayed events, or null for generated ones
  private boolean doneSent;
  private boolean holding; // a replay cut short and held open (H2StreamServer#holdAfter)
  private volatile boolean started;

  SseExchange(H2StreamServer server) {
    this.server = server;
  }

  @Override
  public void handleRequest(HttpRequest request, EntityDetails entityDetails, ResponseChannel channel,
      HttpContext context) throws HttpException, IOException {
    this.responseChannel = channel;
    this.context = context;
    if (entityDetails == null) {
      respond();
    }
  }

  @Override
  public void updateCapacity(CapacityChannel channel) throws IOException {
    channel.update(Integer.MAX_VALUE);
  }

  @Override
  public void consume(ByteBuffer src) {
    body.append(StandardCharsets.UTF_8.decode(src));
  }

  @Override
  public void streamEnd(List<? extends Header> trailers) throws HttpException, IOException {
    respond();
  }

  private void respond() throws HttpException, IOException {
    List<byte[]> replay = server.replayEvents();
    String text = body.toString();
    String command = replay != null ? "replay" : text.substring(text.lastIndexOf('|') + 1).trim();
    HttpCoreContext core = HttpCoreContext.cast(context);
    String connection = core.getEndpointDetails() == null ? "?"
        : String.valueOf(core.getEndpointDetails().getRemoteAddress());
    record = new StreamRecord(command, String.valueOf(core.getProtocolVersion()), connection);
    String[] parts = command.split(":");
    try {
      switch (parts[0]) {
        case "events" -> {
          total = Long.parseLong(parts[1]);
          size = Integer.parseInt(parts[2]);
          due.set(Long.MAX_VALUE);
        }
        case "tick" -> {
          long millis = Long.parseLong(parts[1]);
          total = Long.parseLong(parts[2]);
          size = 64;
          tick = server.ticker().scheduleAtFixedRate(this::release, millis, millis, TimeUnit.MILLISECONDS);
          due.set(1);
        }
        case "replay" -> {
          events = replay;
          total = replay.size();
          int holdAfter = server.holdAfter();
          if (holdAfter > 0 && text.contains("hold")) {
            total = Math.min(holdAfter, replay.size());
            holding = true;
          }
          long gap = server.replayGapMillis();
          if (gap > 0) {
            tick = server.ticker().scheduleAtFixedRate(this::release, gap, gap, TimeUnit.MILLISECONDS);
            due.set(1);
          } else {
            due.set(Long.MAX_VALUE);
          }
        }
        case "hold" -> {
          total = -1;
          size = 64;
          due.set(1);
        }
        default -> throw new IllegalArgumentException(command);
      }
    } catch (RuntimeException e) {
      responseChannel.sendResponse(new BasicHttpResponse(400), null, context);
      return;
    }
    server.served(record);
    BasicHttpResponse head = new BasicHttpResponse(200);
    head.addHeader("Cache-Control", "no-cache");
    started = true;
    responseChannel.sendResponse(head,
        new BasicEntityDetails(-1, ContentType.create("text/event-stream", StandardCharsets.UTF_8)), context);
  }

  private void release() {
    due.incrementAndGet();
    DataStreamChannel ch = data;
    if (ch != null) {
      ch.requestOutput();
    }
  }

  @Override
  public int available() {
    if (!started) {
      return 0;
    }
    boolean more = (current != null && current.hasRemaining()) || made < due.get() && (total < 0 ? made < 1
        : made < total) || (total >= 0 && made >= total && !doneSent);
    return more ? Integer.MAX_VALUE : 0;
  }

  @Override
  public void produce(DataStreamChannel channel) throws IOException {
    data = channel;
    while (true) {
      if (current == null || !current.hasRemaining()) {
        boolean allMade = total >= 0 && made >= total;
        if (allMade && holding) {
          return; // held open: nothing more until the client ends the stream
        } else if (allMade && !doneSent && events != null) {
          doneSent = true; // a replayed transcript carries its own terminator
          continue;
        } else if (allMade && !doneSent) {
          current = DONE.duplicate();
          doneSent = true;
        } else if (!allMade && made < due.get() && (total >= 0 || made < 1)) {
          current = events != null ? ByteBuffer.wrap(events.get((int) made)) : H2StreamServer.event("e" + made, size);
          made++;
        } else {
          if (allMade && doneSent) {
            channel.endStream();
            record.markCompleted();
            if (tick != null) {
              tick.cancel(false);
            }
          }
          return;
        }
      }
      int before = current.remaining();
      int n = channel.write(current);
      record.sent(n, n == before && !doneSent);
      if (current.hasRemaining()) {
        return; // the window (or the connection's buffer) is full: HttpCore calls again when it opens
      }
    }
  }

  @Override
  public void failed(Exception cause) {
    if (record != null) {
      record.failed(cause);
    }
    if (tick != null) {
      tick.cancel(false);
    }
  }

  @Override
  public void releaseResources() {
    if (record != null && !record.completed()) {
      record.failed(new IOException("released before the response completed"));
    }
    if (tick != null) {
      tick.cancel(false);
    }
  }
}
