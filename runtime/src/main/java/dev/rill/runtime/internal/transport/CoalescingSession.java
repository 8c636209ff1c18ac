package dev.rill.runtime.internal.transport;

import java.io.IOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;
import java.util.concurrent.locks.Lock;
import org.apache.hc.core5.function.Decorator;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.reactor.Command;
import org.apache.hc.core5.reactor.IOEventHandler;
import org.apache.hc.core5.reactor.IOSession;
import org.apache.hc.core5.util.Timeout;

/**
 * An {@link IOSession} decorator that skips needless socket {@code read(2)} calls. HttpCore 5.4's chunk decoder
 * goes back to the channel at every chunk head, even when its session buffer already holds the next chunk: one
 * syscall per HTTP chunk (one per event for an SSE stream), each refilling only the few hundred bytes the last
 * chunk freed, which cost more CPU than the rest of the stream's decoding. Within one I/O event this session
 * returns 0 without a syscall once the socket was found drained, or while the caller's buffer is at least half
 * full. The first read of every event is real, so input the caller cannot use yet (a header line longer than
 * half the buffer) still makes progress, and bytes left in the socket always raise a new event (the selector is
 * level-triggered). An event is any callback the reactor reports to the session listener ({@link #newEvent}),
 * counted per I/O thread.
 *
 * <p>Public for the benchmarks' hand-written floors only (this package is not exported).
 */
public final class CoalescingSession implements IOSession {
  /** Events seen by this I/O thread: a read is skipped only within the event that made it needless. */
  private static final ThreadLocal<long[]> EVENTS = ThreadLocal.withInitial(() -> new long[1]);

  private final IOSession session;
  private long event = -1;
  private boolean drained;

  private CoalescingSession(IOSession session) {
    this.session = session;
  }

  /** The decorator to give {@code HttpAsyncClientBuilder.setIoSessionDecorator}. */
  public static Decorator<IOSession> decorator() {
    return CoalescingSession::new;
  }

  /** Marks the start of a new I/O event on the calling (I/O) thread; the session listener calls it for every one. */
  public static void newEvent() {
    EVENTS.get()[0]++;
  }

  /**
   * Reads from the socket unless, within the current I/O event, the socket was already found drained or the
   * caller's buffer (HttpCore's session buffer in input mode: its position is the bytes it still holds) is at
   * least half full. The first read of every event is real, so input the caller cannot use yet (a header line
   * longer than half the buffer) still makes progress.
   */
  @Override
  public int read(ByteBuffer dst) throws IOException {
    long now = EVENTS.get()[0];
    if (now != event) {
      event = now;
      drained = false;
    } else if (drained || dst.position() >= dst.capacity() / 2) {
      return 0;
    }
    int room = dst.remaining();
    int n = session.read(dst);
    drained = n >= 0 && n < room;
    return n;
  }

  @Override public int write(ByteBuffer src) throws IOException { return session.write(src); }
  @Override public boolean isOpen() { return session.isOpen(); }
  @Override public String getId() { return session.getId(); }
  @Override public IOEventHandler getHandler() { return session.getHandler(); }
  @Override public void upgrade(IOEventHandler handler) { session.upgrade(handler); }
  @Override public Lock getLock() { return session.getLock(); }
  @Override public void enqueue(Command command, Command.Priority priority) { session.enqueue(command, priority); }
  @Override public boolean hasCommands() { return session.hasCommands(); }
  @Override public Command poll() { return session.poll(); }
  @Override public ByteChannel channel() { return session.channel(); }
  @Override public SocketAddress getRemoteAddress() { return session.getRemoteAddress(); }
  @Override public SocketAddress getLocalAddress() { return session.getLocalAddress(); }
  @Override public int getEventMask() { return session.getEventMask(); }
  @Override public void setEventMask(int ops) { session.setEventMask(ops); }
  @Override public void setEvent(int op) { session.setEvent(op); }
  @Override public void clearEvent(int op) { session.clearEvent(op); }
  @Override public void close() { session.close(); }
  @Override public void close(CloseMode closeMode) { session.close(closeMode); }
  @Override public Status getStatus() { return session.getStatus(); }
  @Override public Timeout getSocketTimeout() { return session.getSocketTimeout(); }
  @Override public void setSocketTimeout(Timeout timeout) { session.setSocketTimeout(timeout); }
  @Override public long getLastReadTime() { return session.getLastReadTime(); }
  @Override public long getLastWriteTime() { return session.getLastWriteTime(); }
  @Override public long getLastEventTime() { return session.getLastEventTime(); }
  @Override public void updateReadTime() { session.updateReadTime(); }
  @Override public void updateWriteTime() { session.updateWriteTime(); }

  @Override
  public String toString() {
    return session.toString();
  }
}
