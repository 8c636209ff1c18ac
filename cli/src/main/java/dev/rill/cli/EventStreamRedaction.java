package dev.rill.cli;

import dev.rill.api.Redaction;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;

/**
 * Takes credentials out of a recorded AWS event-stream body (Bedrock) without breaking its framing. Replacing bytes
 * in place, as for text framings, would leave a message's total length, header lengths and both CRC32s wrong, and
 * the transcript would no longer decode. So a message whose bytes hold a credential is re-framed: its string and
 * byte-array header values and its payload are redacted, and its lengths and CRCs computed again. Every other message
 * stays byte for byte as received. Bytes that are not a whole message (a truncated tail) are redacted as bytes.
 *
 * <p>Read boundaries are kept as {@link Redaction#applyToReads} keeps them: a re-framed message goes into the read
 * where it started, and its bytes in later reads are dropped.
 */
final class EventStreamRedaction {
  private static final int PRELUDE = 12;
  private static final int CRC = 4;

  private EventStreamRedaction() {}

  /** The reads with every credential {@code r} knows taken out; {@code reads} itself when none occurs. */
  static List<byte[]> apply(Redaction r, List<byte[]> reads) {
    if (r.isEmpty()) {
      return reads;
    }
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    reads.forEach(all::writeBytes);
    byte[] body = all.toByteArray();
    List<Edit> edits = new ArrayList<>();
    int at = 0;
    for (byte[] piece : WireSplitter.eventStream(body)) {
      byte[] redacted = r.apply(piece);
      if (!Arrays.equals(piece, redacted)) {
        byte[] message = reframe(r, piece);
        edits.add(new Edit(at, at + piece.length, message != null ? message : redacted));
      }
      at += piece.length;
    }
    return edits.isEmpty() ? reads : splice(reads, edits);
  }

  /** {@code message} rebuilt with redacted header values and payload; null when it is not a well-formed message. */
  static byte[] reframe(Redaction r, byte[] message) {
    if (message.length < PRELUDE + CRC) {
      return null;
    }
    ByteBuffer in = ByteBuffer.wrap(message);
    long total = in.getInt(0) & 0xffffffffL;
    long headersLength = in.getInt(4) & 0xffffffffL;
    if (total != message.length || headersLength > total - PRELUDE - CRC) {
      return null;
    }
    int headersEnd = PRELUDE + (int) headersLength;
    ByteArrayOutputStream headers = new ByteArrayOutputStream();
    int p = PRELUDE;
    while (p < headersEnd) {
      int nameLength = message[p] & 0xff;
      int type = p + 1 + nameLength < headersEnd ? message[p + 1 + nameLength] & 0xff : -1;
      int valueAt = p + 2 + nameLength;
      int fixed = fixedLength(type);
      if (fixed >= 0) {
        if (valueAt + fixed > headersEnd) {
          return null;
        }
        headers.write(message, p, 2 + nameLength + fixed);
        p = valueAt + fixed;
      } else if (type == 6 || type == 7) { // byte array, string: u16 length, then the bytes
        if (valueAt + 2 > headersEnd) {
          return null;
        }
        int length = ((message[valueAt] & 0xff) << 8) | (message[valueAt + 1] & 0xff);
        if (valueAt + 2 + length > headersEnd) {
          return null;
        }
        byte[] value = r.apply(Arrays.copyOfRange(message, valueAt + 2, valueAt + 2 + length));
        headers.write(message, p, 2 + nameLength);
        headers.write(value.length >>> 8);
        headers.write(value.length & 0xff);
        headers.writeBytes(value);
        p = valueAt + 2 + length;
      } else {
        return null;
      }
    }
    byte[] payload = r.apply(Arrays.copyOfRange(message, headersEnd, message.length - CRC));
    return message(headers.toByteArray(), payload);
  }

  /** A message of these header bytes and payload: prelude, prelude CRC, headers, payload, message CRC. */
  static byte[] message(byte[] headers, byte[] payload) {
    int total = PRELUDE + headers.length + payload.length + CRC;
    ByteBuffer out = ByteBuffer.allocate(total);
    out.putInt(total).putInt(headers.length);
    out.putInt(crc(out.array(), 8));
    out.put(headers).put(payload);
    out.putInt(crc(out.array(), total - CRC));
    return out.array();
  }

  /** The value length of a fixed-size header type; -1 for the variable ones and unknown types. */
  private static int fixedLength(int type) {
    return switch (type) {
      case 0, 1 -> 0; // true, false
      case 2 -> 1; // byte
      case 3 -> 2; // short
      case 4 -> 4; // int
      case 5, 8 -> 8; // long, timestamp
      case 9 -> 16; // uuid
      default -> -1;
    };
  }

  private static int crc(byte[] bytes, int length) {
    CRC32 crc = new CRC32();
    crc.update(bytes, 0, length);
    return (int) crc.getValue();
  }

  /** Bytes {@code [start, end)} of the body become {@code replacement}. */
  private record Edit(int start, int end, byte[] replacement) {}

  /** The reads with each edit applied in the read where it starts, its bytes in later reads dropped. */
  private static List<byte[]> splice(List<byte[]> reads, List<Edit> edits) {
    List<byte[]> out = new ArrayList<>(reads.size());
    int pos = 0;
    int next = 0;
    int skipUntil = 0;
    for (byte[] read : reads) {
      ByteArrayOutputStream b = new ByteArrayOutputStream(read.length);
      for (int i = 0; i < read.length; i++) {
        int p = pos + i;
        if (p < skipUntil) {
          continue;
        }
        if (next < edits.size() && edits.get(next).start() == p) {
          Edit e = edits.get(next++);
          b.writeBytes(e.replacement());
          skipUntil = e.end();
          continue;
        }
        b.write(read[i]);
      }
      out.add(b.toByteArray());
      pos += read.length;
    }
    return out;
  }
}
