package dev.rill.fuzz;

import java.nio.ByteBuffer;
import java.util.zip.CRC32;

/**
 * Rewrites the two CRCs of every AWS event-stream message in a body, so that mutated bytes reach the parsing past
 * the checksums (a fuzzer cannot solve CRC32 by itself). Messages are walked by their declared total length; a
 * prelude whose length is impossible (shorter than a message can be, or past the end of the body) ends the walk and
 * leaves the rest as it is. A valid body comes back unchanged.
 */
final class EventStreamRepair {
  private static final int PRELUDE = 12;
  private static final int MIN_MESSAGE = 16;

  private EventStreamRepair() {}

  static byte[] repair(byte[] body) {
    byte[] out = body.clone();
    ByteBuffer b = ByteBuffer.wrap(out);
    int at = 0;
    while (at + MIN_MESSAGE <= out.length) {
      long total = Integer.toUnsignedLong(b.getInt(at));
      if (total < MIN_MESSAGE || at + total > out.length) {
        break;
      }
      int end = at + (int) total;
      b.putInt(at + 8, crc(out, at, 8));
      b.putInt(end - 4, crc(out, at, (int) total - 4));
      at = end;
    }
    return out;
  }

  private static int crc(byte[] bytes, int offset, int length) {
    CRC32 c = new CRC32();
    c.update(bytes, offset, length);
    return (int) c.getValue();
  }
}
