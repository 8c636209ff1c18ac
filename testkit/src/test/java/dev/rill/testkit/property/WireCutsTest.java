package dev.rill.testkit.property;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

class WireCutsTest {

  @Test
  void cutsInsideCrlfAfterLineEndsAndInsideUtf8Characters() {
    byte[] body = "a\r\nb\u00e9\nc".getBytes(StandardCharsets.UTF_8); // a CR LF b C3 A9 LF c

    // 2: between CR and LF (also after CR); 3: after LF; 5: inside é; 6: before LF; 7: after LF
    assertThat(WireCuts.interesting(body)).containsExactly(2, 3, 5, 6, 7);
  }

  @Test
  void cutsInsideEachEventStreamPreludeAndMessageCrc() {
    byte[] first = message("{\"a\":1}");
    byte[] second = message("{}");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(first);
    out.writeBytes(second);
    byte[] body = out.toByteArray();

    assertThat(WireCuts.eventStreamMessages(body)).containsExactly(0, first.length);
    int[] cuts = WireCuts.interesting(body);
    for (int offset : new int[] {0, first.length}) {
      for (int j = 1; j <= 12; j++) {
        assertThat(cuts).contains(offset + j);
      }
    }
    assertThat(cuts).contains(first.length - 1, first.length - 4, body.length - 1);
  }

  @Test
  void aBodyThatIsNotAChainOfMessagesHasNone() {
    byte[] m = message("{}");
    assertThat(WireCuts.eventStreamMessages(java.util.Arrays.copyOf(m, m.length - 1))).isEmpty();
    m[9] ^= 1; // the prelude CRC
    assertThat(WireCuts.eventStreamMessages(m)).isEmpty();
    assertThat(WireCuts.eventStreamMessages("data: x\n\n".getBytes(StandardCharsets.UTF_8))).isEmpty();
  }

  /** An event-stream message without headers: total length, headers length, prelude CRC, payload, message CRC. */
  static byte[] message(String payload) {
    byte[] p = payload.getBytes(StandardCharsets.UTF_8);
    ByteBuffer b = ByteBuffer.allocate(16 + p.length);
    b.putInt(16 + p.length).putInt(0);
    CRC32 crc = new CRC32();
    crc.update(b.array(), 0, 8);
    b.putInt((int) crc.getValue()).put(p);
    crc = new CRC32();
    crc.update(b.array(), 0, 12 + p.length);
    b.putInt((int) crc.getValue());
    return b.array();
  }
}
