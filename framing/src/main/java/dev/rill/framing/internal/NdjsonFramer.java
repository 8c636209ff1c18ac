package dev.rill.framing.internal;

import dev.rill.api.ErrorKind;
import dev.rill.api.RillException;
import dev.rill.api.WireEvent;
import dev.rill.framing.EventHandler;
import dev.rill.framing.Framer;
import dev.rill.framing.FramingLimits;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Objects;

/**
 * A newline-delimited JSON framer: each line (ended by LF, or CRLF whose CR is dropped) is one event of type
 * {@code message} holding the line's bytes exactly. Blank lines (only spaces, tabs or CR) are keep-alives.
 * A last line without a newline is dispatched at {@link #endOfInput()}.
 *
 * <p>A line that arrives whole in one read is handed on straight from the caller's array; only a line split
 * across reads is copied, into one growable buffer. A line longer than
 * {@link FramingLimits#maxLineBytes()} is a {@link dev.rill.api.ErrorKind#LIMIT_EXCEEDED} error.
 */
public final class NdjsonFramer implements Framer {
  private static final int SCRATCH = 8192;

  private final int maxLineBytes;
  private final EventHandler handler;
  private byte[] line = new byte[256];
  private int lineLen;
  private boolean stopped;
  private boolean dead;
  private byte[] scratch;

  /** A framer reporting to {@code handler}, enforcing {@code limits}. */
  public NdjsonFramer(FramingLimits limits, EventHandler handler) {
    this.maxLineBytes = limits.maxLineBytes();
    this.handler = Objects.requireNonNull(handler, "handler");
  }

  @Override
  public void feed(ByteBuffer bytes) {
    if (bytes.hasArray()) {
      int start = bytes.arrayOffset() + bytes.position();
      int length = bytes.remaining();
      bytes.position(bytes.limit());
      process(bytes.array(), start, start + length);
      return;
    }
    if (scratch == null) {
      scratch = new byte[SCRATCH];
    }
    while (bytes.hasRemaining() && !stopped && !dead) {
      int n = Math.min(scratch.length, bytes.remaining());
      bytes.get(scratch, 0, n);
      process(scratch, 0, n);
    }
    bytes.position(bytes.limit());
  }

  @Override
  public void feed(byte[] bytes, int offset, int length) {
    Objects.checkFromIndexSize(offset, length, bytes.length);
    process(bytes, offset, offset + length);
  }

  @Override
  public void endOfInput() {
    if (!dead && !stopped && lineLen > 0) {
      int n = lineLen;
      lineLen = 0;
      dispatch(line, 0, n, n);
    }
    dead = true;
  }

  @Override
  public boolean stopped() {
    return stopped;
  }

  private void process(byte[] b, int pos, int end) {
    while (pos < end && !stopped && !dead) {
      int i = pos;
      while (i < end && b[i] != '\n') {
        i++;
      }
      if (i == end) {
        append(b, pos, end - pos);
        return;
      }
      if (lineLen == 0) {
        checkLength(i - pos);
        dispatch(b, pos, i - pos, i - pos + 1);
      } else {
        append(b, pos, i - pos);
        int n = lineLen;
        lineLen = 0;
        dispatch(line, 0, n, n + 1);
      }
      pos = i + 1;
    }
  }

  private void append(byte[] b, int off, int n) {
    int len = lineLen + n;
    checkLength(len);
    if (len > line.length) {
      line = Arrays.copyOf(line, (int) Math.min(Math.max((long) line.length * 2, len), Math.max(len, maxLineBytes + 1)));
    }
    System.arraycopy(b, off, line, lineLen, n);
    lineLen = len;
  }

  private void checkLength(int len) {
    // The limit applies to the line's content; a CR before the LF is allowed on top.
    if (len > maxLineBytes + 1 || len < 0) {
      dead = true;
      throw Oversize.error("NDJSON line", maxLineBytes, null);
    }
  }

  private void dispatch(byte[] b, int off, int n, int wire) {
    if (n > 0 && b[off + n - 1] == '\r') {
      n--;
    }
    if (n > maxLineBytes) {
      dead = true;
      throw Oversize.error("NDJSON line", maxLineBytes, null);
    }
    boolean blank = true;
    for (int i = off; i < off + n; i++) {
      byte c = b[i];
      if (c != ' ' && c != '\t' && c != '\r') {
        blank = false;
        break;
      }
    }
    if (blank) {
      handler.onKeepAlive(wire);
    } else if (!handler.onEvent(WireEvent.of(WireEvent.MESSAGE, null, b, off, n, wire))) {
      stopped = true;
    }
  }
}
