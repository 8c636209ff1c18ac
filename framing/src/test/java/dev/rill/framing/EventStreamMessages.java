package dev.rill.framing;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.CRC32;

/** Builds AWS event-stream messages with correct CRCs, for tests. */
final class EventStreamMessages {

  /** One header: a name, the value type byte and the encoded value (after the type byte). */
  record Header(String name, int type, byte[] value) {
    static Header string(String name, String value) {
      byte[] v = value.getBytes(StandardCharsets.UTF_8);
      return new Header(name, 7, ByteBuffer.allocate(2 + v.length).putShort((short) v.length).put(v).array());
    }
  }

  private EventStreamMessages() {}

  /** An event message with {@code :event-type}, {@code :content-type} and {@code :message-type} headers. */
  static byte[] event(String eventType, String payload) {
    return message(List.of(Header.string(":event-type", eventType),
        Header.string(":content-type", "application/json"), Header.string(":message-type", "event")),
        payload.getBytes(StandardCharsets.UTF_8));
  }

  static byte[] message(List<Header> headers, byte[] payload) {
    ByteArrayOutputStream h = new ByteArrayOutputStream();
    for (Header header : headers) {
      byte[] name = header.name().getBytes(StandardCharsets.UTF_8);
      h.write(name.length);
      h.writeBytes(name);
      h.write(header.type());
      h.writeBytes(header.value());
    }
    byte[] hb = h.toByteArray();
    int total = 12 + hb.length + payload.length + 4;
    ByteBuffer b = ByteBuffer.allocate(total);
    b.putInt(total).putInt(hb.length);
    b.putInt((int) crc(b.array(), 0, 8));
    b.put(hb).put(payload);
    b.putInt((int) crc(b.array(), 0, total - 4));
    return b.array();
  }

  static long crc(byte[] b, int off, int len) {
    CRC32 crc = new CRC32();
    crc.update(b, off, len);
    return crc.getValue();
  }
}
