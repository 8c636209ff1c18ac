package dev.rill.framing;

import static dev.rill.framing.RecordingHandler.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rill.api.ErrorKind;
import dev.rill.api.RillException;
import dev.rill.api.WireEvent;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Rule W1.10 for NDJSON: one document per line, blank lines ignored, a last line without a newline kept. */
class NdjsonFramerTest {

  private static RecordingHandler frame(FramingLimits limits, String... reads) {
    RecordingHandler h = new RecordingHandler();
    Framer framer = Framers.ndjson(limits, h);
    for (String read : reads) {
      byte[] b = utf8(read);
      framer.feed(b, 0, b.length);
    }
    framer.endOfInput();
    return h;
  }

  private static RecordingHandler frame(String... reads) {
    return frame(FramingLimits.DEFAULT, reads);
  }

  @Test
  void eachLineIsOneMessageEvent() {
    RecordingHandler h = frame("{\"a\":1}\n{\"b\":2}\n");
    assertThat(h.texts()).containsExactly("{\"a\":1}", "{\"b\":2}");
    assertThat(h.types()).containsOnly(WireEvent.MESSAGE);
    assertThat(h.wireSizes).containsExactly(8, 8);
  }

  @Test
  void crlfLineEndsLoseTheirCr() {
    assertThat(frame("{\"a\":1}\r\n{\"b\":\"x\\r\"}\r\n").texts()).containsExactly("{\"a\":1}", "{\"b\":\"x\\r\"}");
  }

  @Test
  void crlfSplitAcrossReadsIsOneLineEnd() {
    assertThat(frame("{\"a\":1}\r", "\n{\"b\":2}\r", "\n").texts()).containsExactly("{\"a\":1}", "{\"b\":2}");
  }

  @Test
  void blankLinesAreKeepAlives() {
    RecordingHandler h = frame("\n{\"a\":1}\n\r\n  \n{\"b\":2}\n");
    assertThat(h.texts()).containsExactly("{\"a\":1}", "{\"b\":2}");
    assertThat(h.keepAlives).containsExactly(1, 2, 3);
  }

  @Test
  void lastLineWithoutNewlineIsDispatchedAtEndOfInput() {
    RecordingHandler h = new RecordingHandler();
    Framer framer = Framers.ndjson(FramingLimits.DEFAULT, h);
    byte[] b = utf8("{\"a\":1}\n{\"done\":true}");
    framer.feed(b, 0, b.length);
    assertThat(h.texts()).containsExactly("{\"a\":1}");
    framer.endOfInput();
    assertThat(h.texts()).containsExactly("{\"a\":1}", "{\"done\":true}");
  }

  @Test
  void lineSplitAcrossManyReadsIsJoined() {
    assertThat(frame("{\"te", "xt\":\"é", "\"}", "\n").texts()).containsExactly("{\"text\":\"é\"}");
  }

  @Test
  void lineLongerThanTheLimitIsLimitExceededNamingTheLimit() {
    FramingLimits limits = new FramingLimits(10, 1024);
    assertThat(frame(limits, "0123456789\r\n").texts()).containsExactly("0123456789");
    for (List<String> reads : List.of(List.of("0123456789A\n"), List.of("01234", "56789", "AB"),
        List.of("0123456789A"))) {
      assertThatThrownBy(() -> frame(limits, reads.toArray(new String[0])))
          .isInstanceOfSatisfying(RillException.class, e -> {
            assertThat(e.kind()).isEqualTo(ErrorKind.LIMIT_EXCEEDED);
            assertThat(e.limit()).contains(dev.rill.api.Limit.EVENT_BYTES);
            assertThat(e.getMessage()).contains("limit of 10 bytes").contains("§W1.13");
          });
    }
  }

  @Test
  void handlerReturningFalseStopsFraming() {
    RecordingHandler h = new RecordingHandler(1);
    Framer framer = Framers.ndjson(FramingLimits.DEFAULT, h);
    byte[] b = utf8("{}\n[]\n");
    framer.feed(b, 0, b.length);
    framer.endOfInput();
    assertThat(framer.stopped()).isTrue();
    assertThat(h.texts()).containsExactly("{}");
  }
}
