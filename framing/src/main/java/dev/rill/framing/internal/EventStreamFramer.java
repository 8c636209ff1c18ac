package dev.rill.framing.internal;

import dev.rill.api.ErrorKind;
import dev.rill.api.RillException;
import dev.rill.api.WireEvent;
import dev.rill.framing.EventHandler;
import dev.rill.framing.Framer;
import dev.rill.framing.FramingLimits;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.zip.CRC32;

/**
 * A framer for the AWS binary event-stream ({@code application/vnd.amazon.eventstream}), as Bedrock streams
 * it.
 *
 * <p>A message is a 12-byte prelude (total length, headers length, both u32 big-endian, and the CRC32 of
 * those 8 bytes), the headers, the payload, and a CRC32 of everything before it. Both CRCs are checked; a
 * mismatch, an impossible length or a truncated header is a {@link ErrorKind#MALFORMED_RESPONSE} error
 * naming the culprit, and a message longer than {@link FramingLimits#maxEventBytes()} is refused as soon as
 * its prelude is read.
 *
 * <p>Each message becomes one {@link WireEvent} whose data is the payload, whose headers hold every header
 * (strings as they are; other types rendered: booleans, decimal integers, base64 bytes, ISO-8601 timestamps,
 * UUIDs), and whose type is the {@code :event-type} header, or for {@code :message-type} {@code exception}
 * the {@code :exception-type}, and for {@code error} the {@code :error-code}. A message that arrives whole
 * in one read is read in place; only one split across reads is copied.
 */
public final class EventStreamFramer implements Framer {
  private static final int PRELUDE = 12;
  private static final int MIN_MESSAGE = 16;
  private static final int SHRINK_ABOVE = 1 << 20;
  private static final int SCRATCH = 8192;

  private final int maxEventBytes;
  private final EventHandler handler;
  private final CRC32 crc = new CRC32();
  private final Map<String, String> headers = new HashMap<>();
  private final StringCache strings = new StringCache();

  private byte[] buf = new byte[1024];
  private int bufLen;
  private int expected; // total length of the buffered message, once its prelude is read
  private boolean stopped;
  private boolean dead;
  private byte[] scratch;

  /** A framer reporting to {@code handler}, enforcing {@code limits}. */
  public EventStreamFramer(FramingLimits limits, EventHandler handler) {
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

  /** A partial message at the end of input is discarded (the decoder reports the truncation). */
  @Override
  public void endOfInput() {
    dead = true;
    bufLen = 0;
  }

  @Override
  public boolean stopped() {
    return stopped;
  }

  private void process(byte[] b, int pos, int end) {
    while (pos < end && !stopped && !dead) {
      if (bufLen == 0 && end - pos >= PRELUDE) {
        int total = readInt(b, pos);
        if (total >= MIN_MESSAGE && total <= end - pos) {
          checkPrelude(b, pos);
          message(b, pos, total);
          pos += total;
          continue;
        }
      }
      if (bufLen < PRELUDE) {
        int n = Math.min(PRELUDE - bufLen, end - pos);
        System.arraycopy(b, pos, buf, bufLen, n);
        bufLen += n;
        pos += n;
        if (bufLen == PRELUDE) {
          expected = checkPrelude(buf, 0);
          if (expected > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(expected, (int) Math.min((long) buf.length * 2, maxEventBytes)));
          }
        }
        continue;
      }
      int n = Math.min(expected - bufLen, end - pos);
      System.arraycopy(b, pos, buf, bufLen, n);
      bufLen += n;
      pos += n;
      if (bufLen == expected) {
        bufLen = 0;
        byte[] message = buf;
        if (buf.length > SHRINK_ABOVE) {
          buf = new byte[1024];
        }
        message(message, 0, expected);
      }
    }
  }

  /** Checks the prelude at {@code off} and returns the message's total length. */
  private int checkPrelude(byte[] b, int off) {
    crc.reset();
    crc.update(b, off, 8);
    long expectedCrc = readInt(b, off + 8) & 0xFFFFFFFFL;
    if (crc.getValue() != expectedCrc) {
      throw malformed("event-stream prelude CRC mismatch: computed " + Long.toHexString(crc.getValue())
          + ", message says " + Long.toHexString(expectedCrc));
    }
    long total = readInt(b, off) & 0xFFFFFFFFL;
    long headersLength = readInt(b, off + 4) & 0xFFFFFFFFL;
    if (total < MIN_MESSAGE) {
      throw malformed("event-stream message total length " + total + " is shorter than the 16-byte minimum");
    }
    if (total > maxEventBytes) {
      dead = true;
      throw Oversize.error("event-stream message of " + total + " bytes is", maxEventBytes, null);
    }
    if (headersLength > total - MIN_MESSAGE) {
      throw malformed("event-stream headers length " + headersLength + " does not fit a message of " + total
          + " bytes");
    }
    return (int) total;
  }

  private void message(byte[] b, int off, int total) {
    crc.reset();
    crc.update(b, off, total - 4);
    long expectedCrc = readInt(b, off + total - 4) & 0xFFFFFFFFL;
    if (crc.getValue() != expectedCrc) {
      throw malformed("event-stream message CRC mismatch: computed " + Long.toHexString(crc.getValue())
          + ", message says " + Long.toHexString(expectedCrc));
    }
    int headersLength = readInt(b, off + 4);
    int headersEnd = off + PRELUDE + headersLength;
    readHeaders(b, off + PRELUDE, headersEnd);
    String type = eventType();
    int payloadLength = total - headersLength - MIN_MESSAGE;
    WireEvent event = WireEvent.withHeaders(type, headers, b, headersEnd, payloadLength, total);
    headers.clear();
    if (!handler.onEvent(event)) {
      stopped = true;
    }
  }

  private String eventType() {
    String messageType = headers.get(":message-type");
    if ("exception".equals(messageType)) {
      return headers.get(":exception-type");
    }
    if ("error".equals(messageType)) {
      return headers.get(":error-code");
    }
    return headers.get(":event-type");
  }

  private void readHeaders(byte[] b, int p, int end) {
    headers.clear();
    while (p < end) {
      int nameLength = b[p++] & 0xFF;
      need(p, nameLength + 1, end, "header name");
      String name = strings.get(b, p, nameLength);
      p += nameLength;
      int type = b[p++];
      String value;
      switch (type) {
        case 0 -> value = "true";
        case 1 -> value = "false";
        case 2 -> {
          need(p, 1, end, name);
          value = Byte.toString(b[p]);
          p += 1;
        }
        case 3 -> {
          need(p, 2, end, name);
          value = Short.toString((short) (((b[p] & 0xFF) << 8) | (b[p + 1] & 0xFF)));
          p += 2;
        }
        case 4 -> {
          need(p, 4, end, name);
          value = Integer.toString(readInt(b, p));
          p += 4;
        }
        case 5 -> {
          need(p, 8, end, name);
          value = Long.toString(readLong(b, p));
          p += 8;
        }
        case 6, 7 -> {
          need(p, 2, end, name);
          int length = ((b[p] & 0xFF) << 8) | (b[p + 1] & 0xFF);
          p += 2;
          need(p, length, end, name);
          value = type == 7 ? strings.get(b, p, length)
              : Base64.getEncoder().encodeToString(Arrays.copyOfRange(b, p, p + length));
          p += length;
        }
        case 8 -> {
          need(p, 8, end, name);
          value = Instant.ofEpochMilli(readLong(b, p)).toString();
          p += 8;
        }
        case 9 -> {
          need(p, 16, end, name);
          value = new UUID(readLong(b, p), readLong(b, p + 8)).toString();
          p += 16;
        }
        default -> throw malformed("event-stream header '" + name + "' has unknown value type " + type);
      }
      headers.put(name, value);
    }
  }

  private void need(int p, int n, int end, String what) {
    if (n > end - p) {
      throw malformed("event-stream header block truncated in " + what);
    }
  }

  private RillException malformed(String message) {
    dead = true;
    return RillException.builder(ErrorKind.MALFORMED_RESPONSE).message(message).build();
  }

  private static int readInt(byte[] b, int p) {
    return ((b[p] & 0xFF) << 24) | ((b[p + 1] & 0xFF) << 16) | ((b[p + 2] & 0xFF) << 8) | (b[p + 3] & 0xFF);
  }

  private static long readLong(byte[] b, int p) {
    return ((long) readInt(b, p) << 32) | (readInt(b, p + 4) & 0xFFFFFFFFL);
  }

  /** Recently seen short strings (header names and values repeat in every message), to avoid re-decoding. */
  private static final class StringCache {
    private static final int SIZE = 32;
    private static final int MAX_LENGTH = 64;
    private final byte[][] keys = new byte[SIZE][];
    private final String[] values = new String[SIZE];
    private int next;

    String get(byte[] b, int off, int n) {
      if (n > MAX_LENGTH) {
        return new String(b, off, n, StandardCharsets.UTF_8);
      }
      for (int i = 0; i < SIZE; i++) {
        byte[] k = keys[i];
        if (k == null) {
          break;
        }
        if (Arrays.equals(k, 0, k.length, b, off, off + n)) {
          return values[i];
        }
      }
      String s = new String(b, off, n, StandardCharsets.UTF_8);
      keys[next] = Arrays.copyOfRange(b, off, off + n);
      values[next] = s;
      next = (next + 1) % SIZE;
      return s;
    }
  }
}
