package dev.rill.testkit.property;

import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;

/**
 * The cut points of a body where a framer most often loses state: inside a CRLF pair, right after a CR or LF, inside
 * a multi-byte UTF-8 character and, when the body is a chain of AWS event-stream messages, inside each message's
 * 12-byte prelude and its trailing CRC.
 */
public final class WireCuts {
  private static final int PRELUDE = 12;

  private WireCuts() {}

  /** The interesting cut points of {@code wire}, ascending, each in {@code [1, wire.length - 1]}. */
  public static int[] interesting(byte[] wire) {
    int n = wire.length;
    boolean[] mark = new boolean[Math.max(n, 1)];
    for (int i = 1; i < n; i++) {
      int b = wire[i] & 0xFF;
      int prev = wire[i - 1] & 0xFF;
      if ((b & 0xC0) == 0x80 || prev == '\r' || prev == '\n' || b == '\n') {
        mark[i] = true;
      }
    }
    for (int offset : eventStreamMessages(wire)) {
      int total = readInt(wire, offset);
      for (int j = 1; j <= PRELUDE; j++) {
        mark[offset + j] = true; // inside the prelude, and right after it
      }
      for (int j = 1; j <= 4; j++) {
        mark[offset + total - j] = true; // inside the message CRC
      }
    }
    int count = 0;
    for (int i = 1; i < n; i++) {
      count += mark[i] ? 1 : 0;
    }
    int[] out = new int[count];
    for (int i = 1, k = 0; i < n; i++) {
      if (mark[i]) {
        out[k++] = i;
      }
    }
    return out;
  }

  /**
   * The offsets of the messages when {@code wire} is a chain of AWS event-stream messages (each prelude's CRC
   * checked, the last one ending at the end of the body); empty otherwise.
   */
  public static List<Integer> eventStreamMessages(byte[] wire) {
    List<Integer> offsets = new ArrayList<>();
    int at = 0;
    while (at < wire.length) {
      if (wire.length - at < PRELUDE + 4) {
        return List.of();
      }
      long total = readInt(wire, at) & 0xFFFFFFFFL;
      long headers = readInt(wire, at + 4) & 0xFFFFFFFFL;
      CRC32 crc = new CRC32();
      crc.update(wire, at, 8);
      if (total < PRELUDE + 4 || headers > total - PRELUDE - 4 || at + total > wire.length
          || crc.getValue() != (readInt(wire, at + 8) & 0xFFFFFFFFL)) {
        return List.of();
      }
      offsets.add(at);
      at += (int) total;
    }
    return offsets;
  }

  private static int readInt(byte[] b, int at) {
    return (b[at] & 0xFF) << 24 | (b[at + 1] & 0xFF) << 16 | (b[at + 2] & 0xFF) << 8 | (b[at + 3] & 0xFF);
  }
}
