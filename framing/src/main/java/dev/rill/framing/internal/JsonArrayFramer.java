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
 * A framer for a top-level JSON array streamed element by element, as Gemini's {@code streamGenerateContent}
 * sends it without {@code alt=sse}: {@code [{...}\n,\r\n{...}\n]}. Each top-level element becomes one event
 * of type {@code message} holding the element's exact bytes.
 *
 * <p>No JSON parser is involved: the framer tracks string, escape and nesting state byte by byte, which is
 * enough to find where an element ends; the decoder's parser judges the element itself. A body whose top
 * level is an object rather than an array (an error body, say) becomes a single event. Elements may be
 * objects, arrays, strings or bare scalars. An element longer than {@link FramingLimits#maxEventBytes()}, or
 * a byte that cannot start a top-level value, is a {@link ErrorKind#MALFORMED_RESPONSE} error. An element
 * left incomplete at the end of input is discarded (the decoder reports the truncation).
 *
 * <p>{@link WireEvent#wireSize()} counts the separators before an element with it; the bytes of the closing
 * bracket and what precedes it are reported through {@link EventHandler#onKeepAlive}.
 */
public final class JsonArrayFramer implements Framer {
  private static final int S_START = 0;
  private static final int S_BETWEEN = 1;
  private static final int S_ELEMENT = 2;
  private static final int S_DONE = 3;
  private static final int S_DEAD = 4;

  private static final int K_CONTAINER = 0;
  private static final int K_STRING = 1;
  private static final int K_SCALAR = 2;

  private static final int SCRATCH = 8192;

  private final int maxEventBytes;
  private final EventHandler handler;

  private int state = S_START;
  private boolean singleValue; // the top level is one value (an object), not an array
  private int bomSkipped;
  private int kind;
  private int depth;
  private boolean inString;
  private boolean escaped;
  private long pending; // bytes before the current element since the last event
  private byte[] element = new byte[1024];
  private int elementLen; // bytes of the current element carried over from earlier reads
  private boolean stopped;
  private byte[] scratch;

  /** A framer reporting to {@code handler}, enforcing {@code limits}. */
  public JsonArrayFramer(FramingLimits limits, EventHandler handler) {
    this.maxEventBytes = limits.maxEventBytes();
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
    while (bytes.hasRemaining() && !stopped && state != S_DEAD) {
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
    state = S_DEAD;
    elementLen = 0;
  }

  @Override
  public boolean stopped() {
    return stopped;
  }

  private void process(byte[] b, int pos, int end) {
    while (pos < end && !stopped) {
      switch (state) {
        case S_START -> {
          int c = b[pos] & 0xFF;
          if (bomSkipped < 3 && c == (bomSkipped == 0 ? 0xEF : bomSkipped == 1 ? 0xBB : 0xBF)) {
            bomSkipped++;
            pending++;
            pos++;
          } else if (isWhitespace(c)) {
            bomSkipped = 3;
            pending++;
            pos++;
          } else if (c == '[') {
            pending++;
            pos++;
            state = S_BETWEEN;
          } else if (c == '{') {
            singleValue = true;
            startElement(c);
          } else {
            throw unexpected(c, "at the start of the body");
          }
        }
        case S_BETWEEN -> {
          int c = b[pos] & 0xFF;
          if (isWhitespace(c) || c == ',') {
            pending++;
            pos++;
          } else if (c == ']') {
            pending++;
            pos++;
            state = S_DONE;
            keepAlive();
          } else if (c == '{' || c == '[' || c == '"' || c == '-' || (c >= '0' && c <= '9') || c == 't' || c == 'f'
              || c == 'n') {
            startElement(c);
          } else {
            throw unexpected(c, "between array elements");
          }
        }
        case S_ELEMENT -> pos = scanElement(b, pos, end);
        case S_DONE -> {
          int c = b[pos] & 0xFF;
          if (!isWhitespace(c)) {
            throw unexpected(c, "after the end of the JSON " + (singleValue ? "value" : "array"));
          }
          pos++;
          handler.onKeepAlive(1);
        }
        default -> {
          return;
        }
      }
    }
  }

  private void startElement(int c) {
    state = S_ELEMENT;
    elementLen = 0;
    depth = 0;
    inString = false;
    escaped = false;
    kind = c == '{' || c == '[' ? K_CONTAINER : c == '"' ? K_STRING : K_SCALAR;
  }

  /** Scans the current element from {@code pos}; returns where scanning stopped. */
  private int scanElement(byte[] b, int pos, int end) {
    int i = pos;
    int d = depth;
    boolean str = inString;
    boolean esc = escaped;
    int stop = -1; // index just past the element's last byte
    if (kind == K_SCALAR) {
      while (i < end) {
        int c = b[i] & 0xFF;
        if (c == ',' || c == ']' || c == '}' || isWhitespace(c)) {
          stop = i;
          break;
        }
        i++;
      }
    } else {
      if (kind == K_STRING && elementLen == 0 && !str && d == 0) {
        // the opening quote
        str = true;
        i++;
      }
      while (i < end) {
        byte c = b[i++];
        if (str) {
          if (esc) {
            esc = false;
          } else if (c == '\\') {
            esc = true;
          } else if (c == '"') {
            str = false;
            if (kind == K_STRING) {
              stop = i;
              break;
            }
          }
        } else if (c == '"') {
          str = true;
        } else if (c == '{' || c == '[') {
          d++;
        } else if (c == '}' || c == ']') {
          if (--d == 0) {
            stop = i;
            break;
          }
        }
      }
    }
    depth = d;
    inString = str;
    escaped = esc;
    if (stop < 0) {
      carry(b, pos, end - pos);
      return end;
    }
    int n = stop - pos;
    if (elementLen == 0) {
      checkSize(n);
      dispatch(b, pos, n);
    } else {
      carry(b, pos, n);
      dispatch(element, 0, elementLen);
    }
    return stop;
  }

  private void carry(byte[] b, int off, int n) {
    int len = elementLen + n;
    checkSize(len);
    if (len > element.length) {
      element = Arrays.copyOf(element, (int) Math.min(Math.max((long) element.length * 2, len), maxEventBytes));
    }
    System.arraycopy(b, off, element, elementLen, n);
    elementLen = len;
  }

  private void checkSize(int len) {
    if (len > maxEventBytes || len < 0) {
      state = S_DEAD;
      throw Oversize.error("JSON array element", maxEventBytes, null);
    }
  }

  private void dispatch(byte[] b, int off, int n) {
    int wire = (int) Math.min(pending + n, Integer.MAX_VALUE);
    pending = 0;
    elementLen = 0;
    state = singleValue ? S_DONE : S_BETWEEN;
    if (!handler.onEvent(WireEvent.of(WireEvent.MESSAGE, null, b, off, n, wire))) {
      stopped = true;
    }
    if (element.length > (1 << 20)) {
      element = new byte[1024];
    }
  }

  private void keepAlive() {
    int wire = (int) Math.min(pending, Integer.MAX_VALUE);
    pending = 0;
    handler.onKeepAlive(wire);
  }

  private RillException unexpected(int c, String where) {
    state = S_DEAD;
    String shown = c >= 0x20 && c < 0x7F ? "'" + (char) c + "'" : String.format("0x%02X", c);
    return RillException.builder(ErrorKind.MALFORMED_RESPONSE)
        .message("unexpected byte " + shown + " " + where + " of a streamed JSON array").build();
  }

  private static boolean isWhitespace(int c) {
    return c == ' ' || c == '\n' || c == '\r' || c == '\t';
  }
}
