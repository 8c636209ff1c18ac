package dev.rill.provider.bedrock;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * Test utility: encodes AWS event-stream messages (12-byte prelude with its CRC32, string headers, payload, message
 * CRC32), as Bedrock sends them. Used to write the golden {@code .bin} transcripts and to check they do not drift.
 */
final class EventStreamEncoder {

  private EventStreamEncoder() {}

  /** An event message: {@code :event-type}, {@code :content-type application/json}, {@code :message-type event}. */
  static byte[] event(String eventType, String json) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put(":event-type", eventType);
    headers.put(":content-type", "application/json");
    headers.put(":message-type", "event");
    return message(headers, json.getBytes(StandardCharsets.UTF_8));
  }

  /** An exception message: {@code :exception-type}, {@code :content-type}, {@code :message-type exception}. */
  static byte[] exception(String exceptionType, String json) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put(":exception-type", exceptionType);
    headers.put(":content-type", "application/json");
    headers.put(":message-type", "exception");
    return message(headers, json.getBytes(StandardCharsets.UTF_8));
  }

  /** One message with string headers (value type 7) in the given order. */
  static byte[] message(Map<String, String> headers, byte[] payload) {
    ByteArrayOutputStream h = new ByteArrayOutputStream();
    for (Map.Entry<String, String> e : headers.entrySet()) {
      byte[] name = e.getKey().getBytes(StandardCharsets.UTF_8);
      byte[] value = e.getValue().getBytes(StandardCharsets.UTF_8);
      h.write(name.length);
      h.writeBytes(name);
      h.write(7);
      h.write(value.length >> 8);
      h.write(value.length & 0xff);
      h.writeBytes(value);
    }
    byte[] headerBytes = h.toByteArray();
    int total = 12 + headerBytes.length + payload.length + 4;
    ByteArrayOutputStream out = new ByteArrayOutputStream(total);
    writeInt(out, total);
    writeInt(out, headerBytes.length);
    writeInt(out, crc(out.toByteArray()));
    out.writeBytes(headerBytes);
    out.writeBytes(payload);
    writeInt(out, crc(out.toByteArray()));
    return out.toByteArray();
  }

  private static int crc(byte[] bytes) {
    CRC32 crc = new CRC32();
    crc.update(bytes);
    return (int) crc.getValue();
  }

  private static void writeInt(ByteArrayOutputStream out, int v) {
    out.write(v >>> 24);
    out.write(v >>> 16);
    out.write(v >>> 8);
    out.write(v);
  }
}
