package dev.rill.conformance.internal;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * Writes and reads AWS event-stream messages (string headers only), independently of the runtime's framer: a
 * 12-byte prelude (total length, headers length, CRC32 of those 8 bytes), the headers, the payload and the CRC32 of
 * everything before it. The kit uses it to build bodies for the performance rules and to corrupt messages.
 */
public final class EventStreamMessages {
  private static final int PRELUDE = 12;
  private static final byte STRING = 7;

  private EventStreamMessages() {}

  /**
   * One message.
   *
   * @param headers the headers in order (string values)
   * @param payload the payload
   * @param offset where the message starts in the body it was read from
   * @param length its total length in bytes
   */
  public record Message(Map<String, String> headers, byte[] payload, int offset, int length) {}

  /** One message with these string headers (in order) and payload, CRCs included. */
  public static byte[] encode(Map<String, String> headers, byte[] payload) {
    ByteArrayOutputStream h = new ByteArrayOutputStream();
    headers.forEach((name, value) -> {
      byte[] n = name.getBytes(StandardCharsets.UTF_8);
      byte[] v = value.getBytes(StandardCharsets.UTF_8);
      h.write(n.length);
      h.writeBytes(n);
      h.write(STRING);
      h.write(v.length >>> 8);
      h.write(v.length & 0xFF);
      h.writeBytes(v);
    });
    byte[] hb = h.toByteArray();
    int total = PRELUDE + hb.length + payload.length + 4;
    ByteBuffer b = ByteBuffer.allocate(total).order(ByteOrder.BIG_ENDIAN);
    b.putInt(total).putInt(hb.length);
    b.putInt((int) crc(b.array(), 0, 8));
    b.put(hb).put(payload);
    b.putInt((int) crc(b.array(), 0, total - 4));
    return b.array();
  }

  /** The messages of a body, or an IllegalArgumentException naming what does not parse. CRCs are not checked. */
  public static List<Message> decode(byte[] body) {
    List<Message> out = new ArrayList<>();
    ByteBuffer b = ByteBuffer.wrap(body).order(ByteOrder.BIG_ENDIAN);
    int at = 0;
    while (at < body.length) {
      if (body.length - at < PRELUDE + 4) {
        throw new IllegalArgumentException("a truncated message at byte " + at);
      }
      int total = b.getInt(at);
      int headersLength = b.getInt(at + 4);
      if (total < PRELUDE + 4 || total > body.length - at || headersLength < 0 || headersLength > total - PRELUDE - 4) {
        throw new IllegalArgumentException("impossible lengths at byte " + at);
      }
      Map<String, String> headers = new LinkedHashMap<>();
      int h = at + PRELUDE;
      int end = h + headersLength;
      while (h < end) {
        int nameLength = body[h] & 0xFF;
        String name = new String(body, h + 1, nameLength, StandardCharsets.UTF_8);
        h += 1 + nameLength;
        if (body[h] != STRING) {
          throw new IllegalArgumentException("header " + name + " is not a string");
        }
        int valueLength = ((body[h + 1] & 0xFF) << 8) | (body[h + 2] & 0xFF);
        headers.put(name, new String(body, h + 3, valueLength, StandardCharsets.UTF_8));
        h += 3 + valueLength;
      }
      byte[] payload = java.util.Arrays.copyOfRange(body, end, at + total - 4);
      out.add(new Message(headers, payload, at, total));
      at += total;
    }
    return out;
  }

  /**
   * A copy of {@code body} whose messages all carry correct CRCs for the bytes they hold: what a reader that skips
   * the CRC checks would accept. Messages whose lengths do not fit are left as they are.
   */
  public static byte[] withValidCrcs(byte[] body) {
    byte[] out = body.clone();
    ByteBuffer b = ByteBuffer.wrap(out).order(ByteOrder.BIG_ENDIAN);
    int at = 0;
    while (out.length - at >= PRELUDE + 4) {
      int total = b.getInt(at);
      if (total < PRELUDE + 4 || total > out.length - at) {
        break;
      }
      b.putInt(at + 8, (int) crc(out, at, 8));
      b.putInt(at + total - 4, (int) crc(out, at, total - 4));
      at += total;
    }
    return out;
  }

  static long crc(byte[] bytes, int offset, int length) {
    CRC32 c = new CRC32();
    c.update(bytes, offset, length);
    return c.getValue();
  }
}
