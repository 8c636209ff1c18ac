// Why one file of about 570 lines: the framer is one byte-level state machine (the WHATWG rules, a line or event split
// anywhere across reads); its states, counters and tight scanning loops share fields that the JIT keeps in registers,
// and splitting them into classes would put a call and a field hop on every byte of the hot path.

package dev.rill.framing.internal;

import dev.rill.api.ErrorKind;
import dev.rill.api.RillException;
import dev.rill.api.WireEvent;
import dev.rill.framing.EventHandler;
import dev.rill.framing.Framer;
import dev.rill.framing.FramingLimits;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * A server-sent-events framer that follows the WHATWG parsing rules (HTML §9.2.6, "Interpreting an event
 * stream") byte by byte.
 *
 * <p>It is a small state machine over a few ints, in the manner of Jackson's non-blocking parser: a line
 * split across reads (even inside a CRLF or a UTF-8 sequence) is just a state, so any partition of the
 * bytes gives the same events. Inside a read it scans with tight loops over the backing array and copies a
 * {@code data} value straight into one growable, reused data buffer, which the {@link WireEvent} shares
 * without a copy. Field names are matched without allocating; the event type and id become strings only
 * when they change.
 *
 * <p>Values are kept as bytes; decoding them as UTF-8 (malformed sequences become U+FFFD) happens in
 * {@link WireEvent#text()} or the decoder's JSON parser. Because CR, LF, {@code :} and space are ASCII and
 * never part of a multi-byte sequence, decoding per field gives what decoding the whole stream first would.
 *
 * <p>Byte accounting: every byte consumed ends up in exactly one of an event's {@link WireEvent#wireSize()}
 * (from the first byte after the previous event or keep-alive through the blank line that dispatches it),
 * an {@link EventHandler#onKeepAlive} count (a comment line outside an event block, or a block whose blank
 * line dispatched nothing), or the pending bytes discarded at the end of input. An LF that completes a CRLF
 * is counted with the line it ends when it arrives in the same read; when it arrives in the next read the
 * event has already been dispatched (rule SSE-22) and the LF counts towards what follows.
 */
public final class SseFramer implements Framer {
  private static final byte LF = '\n';
  private static final byte CR = '\r';
  private static final byte COLON = ':';
  private static final byte SPACE = ' ';
  private static final byte[] BOM_BYTES = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

  // Parser states.
  private static final int S_BOM = 0;
  private static final int S_LINE_START = 1;
  private static final int S_FIELD = 2;
  private static final int S_VALUE_START = 3;
  private static final int S_VALUE = 4;
  private static final int S_COMMENT = 5;
  private static final int S_AFTER_CR = 6;
  private static final int S_DEAD = 7;

  // Field kinds.
  private static final int F_UNKNOWN = 0;
  private static final int F_DATA = 1;
  private static final int F_EVENT = 2;
  private static final int F_ID = 3;
  private static final int F_RETRY = 4;

  private static final long NAME_DATA = pack("data");
  private static final long NAME_EVENT = pack("event");
  private static final long NAME_ID = pack("id");
  private static final long NAME_RETRY = pack("retry");

  private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private static final int INITIAL_DATA = 512;
  private static final int SHRINK_ABOVE = 1 << 20;
  private static final int SCRATCH = 8192;

  private final int maxLineBytes;
  private final int maxEventBytes;
  private final EventHandler handler;

  private int state = S_BOM;
  private int bomMatched;
  private boolean stopped;

  // The current line.
  private int lineLen;
  private long fieldBits;
  private int fieldLen;
  private int field;

  // The current block (lines since the last blank line) and byte accounting.
  private boolean blockOpen;
  private long pending;

  // Data buffer: values of the block's data lines joined with LF (the spec's trailing LF is implicit).
  private byte[] data = new byte[INITIAL_DATA];
  private int dataLen;
  private boolean hasData;

  // Event type buffer and the last type string made from it.
  private byte[] type = new byte[32];
  private int typeLen;
  private byte[] cachedTypeBytes = new byte[0];
  private String cachedType;

  // Last event id: the id line being read, and the committed id.
  private byte[] idLine = new byte[16];
  private int idLineLen;
  private byte[] id = new byte[16];
  private int idLen;
  private boolean idSet;
  private String idString;

  // Retry field.
  private boolean retryOk;
  private int retryDigits;
  private long retryAcc;
  private long retryMillis = -1;

  private byte[] scratch;

  /** A framer reporting to {@code handler}, enforcing {@code limits}. */
  public SseFramer(FramingLimits limits, EventHandler handler) {
    this.maxLineBytes = limits.maxLineBytes();
    this.maxEventBytes = limits.maxEventBytes();
    this.handler = Objects.requireNonNull(handler, "handler");
  }

  /**
   * The reconnection time of the last valid {@code retry} field, in milliseconds (saturating at
   * {@link Long#MAX_VALUE}), or -1 when none was seen.
   */
  public long retryMillis() {
    return retryMillis;
  }

  /** The last event id buffer, or {@code null} when no {@code id} field was accepted yet. */
  public String lastEventId() {
    return currentId();
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
    // SSE-19: a pending event (no blank line yet) is discarded.
    state = S_DEAD;
    dataLen = 0;
    hasData = false;
    typeLen = 0;
    blockOpen = false;
  }

  @Override
  public boolean stopped() {
    return stopped;
  }

  private void process(byte[] b, int pos, int end) {
    int maxLine = maxLineBytes;
    while (pos < end && !stopped) {
      switch (state) {
        case S_LINE_START -> {
          byte c = b[pos];
          if (c == LF || c == CR) {
            pos = lineEnd(b, pos, end);
            blankLine();
          } else if (c == COLON) {
            pos++;
            pending++;
            lineLen = 1;
            state = S_COMMENT;
          } else {
            lineLen = 0;
            fieldBits = 0;
            fieldLen = 0;
            blockOpen = true;
            state = S_FIELD;
          }
        }
        case S_FIELD -> {
          int i = pos;
          long bits = fieldBits;
          int n = fieldLen;
          byte c = 0;
          while (i < end) {
            c = b[i];
            if (c == COLON || c == LF || c == CR) {
              break;
            }
            if (n < 6) {
              bits = (bits << 8) | (c & 0xFF);
            }
            n++;
            i++;
          }
          fieldBits = bits;
          fieldLen = n;
          consumed(i - pos, maxLine);
          pos = i;
          if (i == end) {
            break;
          }
          field = classify(bits, n);
          beginValue();
          if (c == COLON) {
            pos++;
            consumed(1, maxLine);
            state = S_VALUE_START;
          } else {
            endValue();
            pos = lineEnd(b, pos, end);
          }
        }
        case S_VALUE_START -> {
          if (b[pos] == SPACE) {
            pos++;
            consumed(1, maxLine);
          }
          state = S_VALUE;
        }
        case S_VALUE -> {
          int i = lineEndIndex(b, pos, end);
          int n = i - pos;
          if (n > 0) {
            consumed(n, maxLine);
            appendValue(b, pos, n);
          }
          pos = i;
          if (i < end) {
            endValue();
            pos = lineEnd(b, pos, end);
          }
        }
        case S_COMMENT -> {
          int i = lineEndIndex(b, pos, end);
          consumed(i - pos, maxLine);
          pos = i;
          if (i < end) {
            pos = lineEnd(b, pos, end);
            if (!blockOpen) {
              keepAlive();
            }
          }
        }
        case S_AFTER_CR -> {
          if (b[pos] == LF) {
            pos++;
            pending++;
          }
          state = S_LINE_START;
        }
        case S_BOM -> pos = bom(b, pos, end);
        default -> { // S_DEAD: after endOfInput or an error, input is ignored.
          return;
        }
      }
    }
  }

  /** SSE-02: strips one leading EF BB BF; a partial match is replayed as ordinary bytes. */
  private int bom(byte[] b, int pos, int end) {
    while (pos < end && bomMatched < 3) {
      if (b[pos] != BOM_BYTES[bomMatched]) {
        state = S_LINE_START;
        int matched = bomMatched;
        if (matched > 0) {
          pending -= matched; // counted once already; the replay counts them again
          process(BOM_BYTES, 0, matched);
        }
        return pos;
      }
      pos++;
      pending++;
      bomMatched++;
    }
    if (bomMatched == 3) {
      state = S_LINE_START;
    }
    return pos;
  }

  /**
   * The index of the first CR or LF in {@code b[pos, end)}, or {@code end}. Reads eight bytes at a time and
   * tests them all at once (the "has zero byte" trick on the word XORed with the byte pattern): the lowest
   * flagged byte is always a true match, which is the one wanted.
   */
  static int lineEndIndex(byte[] b, int pos, int end) {
    int i = pos;
    while (i <= end - 8) {
      long w = (long) LONGS.get(b, i);
      long lf = w ^ 0x0A0A0A0A0A0A0A0AL;
      long cr = w ^ 0x0D0D0D0D0D0D0D0DL;
      long hit = (((lf - 0x0101010101010101L) & ~lf) | ((cr - 0x0101010101010101L) & ~cr)) & 0x8080808080808080L;
      if (hit != 0) {
        return i + (Long.numberOfTrailingZeros(hit) >>> 3);
      }
      i += 8;
    }
    while (i < end) {
      byte c = b[i];
      if (c == LF || c == CR) {
        return i;
      }
      i++;
    }
    return end;
  }

  /** Consumes the line terminator at {@code pos} (CR, LF or CRLF) and returns the position after it. */
  private int lineEnd(byte[] b, int pos, int end) {
    byte c = b[pos++];
    pending++;
    if (c == CR) {
      if (pos < end) {
        if (b[pos] == LF) {
          pos++;
          pending++;
        }
        state = S_LINE_START;
      } else {
        state = S_AFTER_CR; // SSE-05: an LF starting the next read completes this terminator
      }
    } else {
      state = S_LINE_START;
    }
    return pos;
  }

  private void consumed(int n, int maxLine) {
    pending += n;
    int len = lineLen + n;
    if (len > maxLine || len < 0) {
      state = S_DEAD;
      throw Oversize.error("SSE line", maxLine, null);
    }
    lineLen = len;
  }

  private static int classify(long bits, int n) {
    switch (n) {
      case 2:
        return bits == NAME_ID ? F_ID : F_UNKNOWN;
      case 4:
        return bits == NAME_DATA ? F_DATA : F_UNKNOWN;
      case 5:
        return bits == NAME_EVENT ? F_EVENT : bits == NAME_RETRY ? F_RETRY : F_UNKNOWN;
      default:
        return F_UNKNOWN;
    }
  }

  private void beginValue() {
    switch (field) {
      case F_DATA -> {
        if (hasData) {
          appendData(LF);
        }
        hasData = true;
      }
      case F_EVENT -> typeLen = 0;
      case F_ID -> idLineLen = 0;
      case F_RETRY -> {
        retryOk = true;
        retryDigits = 0;
        retryAcc = 0;
      }
      default -> { }
    }
  }

  private void appendValue(byte[] b, int off, int n) {
    switch (field) {
      case F_DATA -> appendData(b, off, n);
      case F_EVENT -> {
        type = ensure(type, typeLen + n);
        System.arraycopy(b, off, type, typeLen, n);
        typeLen += n;
      }
      case F_ID -> {
        idLine = ensure(idLine, idLineLen + n);
        System.arraycopy(b, off, idLine, idLineLen, n);
        idLineLen += n;
      }
      case F_RETRY -> retryDigits(b, off, n);
      default -> { }
    }
  }

  private void retryDigits(byte[] b, int off, int n) {
    long acc = retryAcc;
    boolean ok = retryOk;
    for (int i = off; i < off + n; i++) {
      int d = b[i] - '0';
      if (d < 0 || d > 9) {
        ok = false;
      } else if (ok) {
        acc = acc > (Long.MAX_VALUE - d) / 10 ? Long.MAX_VALUE : acc * 10 + d;
      }
    }
    retryAcc = acc;
    retryOk = ok;
    retryDigits += n;
  }

  private void endValue() {
    switch (field) {
      case F_ID -> commitId();
      case F_RETRY -> {
        if (retryOk && retryDigits > 0) {
          retryMillis = retryAcc;
        }
      }
      default -> { }
    }
  }

  /** SSE-17: an id containing NUL is ignored; otherwise it replaces the last event id. */
  private void commitId() {
    byte[] line = idLine;
    int n = idLineLen;
    for (int i = 0; i < n; i++) {
      if (line[i] == 0) {
        return;
      }
    }
    if (!idSet || !Arrays.equals(line, 0, n, id, 0, idLen)) {
      idLine = id;
      id = line;
      idLen = n;
      idString = null;
    }
    idSet = true;
  }

  private String currentId() {
    if (!idSet) {
      return null;
    }
    String s = idString;
    if (s == null) {
      s = new String(id, 0, idLen, StandardCharsets.UTF_8);
      idString = s;
    }
    return s;
  }

  private String currentType() {
    int n = typeLen;
    if (n == 0) {
      return WireEvent.MESSAGE;
    }
    if (cachedType != null && Arrays.equals(type, 0, n, cachedTypeBytes, 0, cachedTypeBytes.length)) {
      return cachedType;
    }
    cachedTypeBytes = Arrays.copyOf(type, n);
    cachedType = new String(cachedTypeBytes, StandardCharsets.UTF_8);
    return cachedType;
  }

  /** A blank line: dispatch the block's event if its data buffer is not empty (SSE-06, SSE-15). */
  private void blankLine() {
    int wire = (int) Math.min(pending, Integer.MAX_VALUE);
    pending = 0;
    blockOpen = false;
    if (!hasData) {
      typeLen = 0;
      handler.onKeepAlive(wire);
      return;
    }
    String eventType = currentType();
    byte[] buf = data;
    int len = dataLen;
    hasData = false;
    dataLen = 0;
    typeLen = 0;
    if (buf.length > SHRINK_ABOVE) {
      data = new byte[INITIAL_DATA]; // the event keeps the big array; the next one starts small again
    }
    if (!handler.onEvent(WireEvent.of(eventType, currentId(), buf, 0, len, wire))) {
      stopped = true;
    }
  }

  private void keepAlive() {
    int wire = (int) Math.min(pending, Integer.MAX_VALUE);
    pending = 0;
    handler.onKeepAlive(wire);
  }

  private void appendData(byte c) {
    int len = dataLen + 1;
    if (len > maxEventBytes) {
      throw eventTooLarge();
    }
    if (len > data.length) {
      data = grow(data, len);
    }
    data[dataLen] = c;
    dataLen = len;
  }

  private void appendData(byte[] b, int off, int n) {
    int len = dataLen + n;
    if (len > maxEventBytes || len < 0) {
      throw eventTooLarge();
    }
    if (len > data.length) {
      data = grow(data, len);
    }
    System.arraycopy(b, off, data, dataLen, n);
    dataLen = len;
  }

  private byte[] grow(byte[] a, int needed) {
    long doubled = Math.max((long) a.length * 2, needed);
    return Arrays.copyOf(a, (int) Math.min(doubled, Math.max(needed, maxEventBytes)));
  }

  private static byte[] ensure(byte[] a, int needed) {
    if (needed <= a.length) {
      return a;
    }
    return Arrays.copyOf(a, (int) Math.min(Math.max((long) a.length * 2, needed), Integer.MAX_VALUE - 8));
  }

  private RillException eventTooLarge() {
    state = S_DEAD;
    String raw = new String(data, 0, Math.min(dataLen, 256), StandardCharsets.UTF_8);
    return Oversize.error("SSE event data", maxEventBytes, raw);
  }

  private static RillException malformed(String message, String raw) {
    return RillException.builder(ErrorKind.MALFORMED_RESPONSE).message(message).rawEvent(raw).build();
  }

  private static long pack(String name) {
    long bits = 0;
    for (int i = 0; i < name.length(); i++) {
      bits = (bits << 8) | name.charAt(i);
    }
    return bits;
  }
}
