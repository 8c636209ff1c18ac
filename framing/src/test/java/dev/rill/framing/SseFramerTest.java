package dev.rill.framing;

import static dev.rill.framing.RecordingHandler.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.rill.api.ErrorKind;
import dev.rill.api.RillException;
import dev.rill.api.WireEvent;
import dev.rill.framing.internal.SseFramer;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The WHATWG server-sent-events parsing rules, one test (or more) per rule SSE-01..SSE-23. */
class SseFramerTest {

  private static RecordingHandler frame(String... reads) {
    byte[][] bytes = new byte[reads.length][];
    for (int i = 0; i < reads.length; i++) {
      bytes[i] = utf8(reads[i]);
    }
    return frame(FramingLimits.DEFAULT, bytes);
  }

  private static RecordingHandler frame(FramingLimits limits, byte[]... reads) {
    RecordingHandler handler = new RecordingHandler();
    Framer framer = Framers.sse(limits, handler);
    for (byte[] read : reads) {
      framer.feed(read, 0, read.length);
    }
    framer.endOfInput();
    return handler;
  }

  private static byte[] bytes(int... values) {
    byte[] b = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      b[i] = (byte) values[i];
    }
    return b;
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }

  // SSE-01
  @Test
  void invalidUtf8BecomesReplacementCharacterAndParsingGoesOn() {
    byte[] body = concat(utf8("data: a"), bytes(0xFF), utf8("b"), bytes(0xE2, 0x82), utf8("\n\nevent: t"),
        bytes(0xC3), utf8("\ndata: c\n\n"));
    RecordingHandler h = frame(FramingLimits.DEFAULT, body);
    assertThat(h.texts()).containsExactly("a\uFFFDb\uFFFD", "c");
    assertThat(h.types()).containsExactly("message", "t\uFFFD");
  }

  // SSE-02
  @Test
  void oneLeadingBomIsStripped() {
    assertThat(frame("\uFEFFdata: x\n\n").texts()).containsExactly("x");
  }

  @Test
  void secondBomAtTheStartStaysAndMakesTheFieldNameUnknown() {
    assertThat(frame("\uFEFF\uFEFFdata: x\n\n").events).isEmpty();
  }

  @Test
  void midStreamBomStaysAndMakesTheFieldNameUnknown() {
    assertThat(frame("data: a\n\n\uFEFFdata: x\n\n").texts()).containsExactly("a");
  }

  @Test
  void bomSplitAcrossReadsIsStillStripped() {
    RecordingHandler h = frame(FramingLimits.DEFAULT, bytes(0xEF), bytes(0xBB), bytes(0xBF), utf8("data: x\n\n"));
    assertThat(h.texts()).containsExactly("x");
    assertThat(h.wireBytes()).isEqualTo(3 + 9);
  }

  @Test
  void partialBomIsReadAsOrdinaryBytes() {
    // EF BB then LF: a line whose field name is the two bytes (unknown), in the same block as the data line.
    RecordingHandler h = frame(FramingLimits.DEFAULT, bytes(0xEF), bytes(0xBB, 0x0A), utf8("data: x\n\n"));
    assertThat(h.texts()).containsExactly("x");
    assertThat(h.wireBytes()).isEqualTo(3 + 9);
    assertThat(frame(FramingLimits.DEFAULT, bytes(0xEF, 0xBB), utf8("data: x\n\n")).events).isEmpty();
  }

  // SSE-03
  @Test
  void multiByteCharacterSplitAcrossReadsDecodesAsOneCharacter() {
    byte[] body = utf8("data: é€😀\n\n");
    byte[][] reads = new byte[body.length][];
    for (int i = 0; i < body.length; i++) {
      reads[i] = new byte[] {body[i]};
    }
    assertThat(frame(FramingLimits.DEFAULT, reads).texts()).containsExactly("é€😀");
  }

  // SSE-04
  @Test
  void crOnlyLfOnlyCrlfAndMixedLineEndsGiveIdenticalEvents() {
    String lf = "event: a\ndata: 1\ndata: 2\n\n: c\ndata: 3\n\n";
    RecordingHandler expected = frame(lf);
    assertThat(expected.texts()).containsExactly("1\n2", "3");
    assertThat(frame(lf.replace("\n", "\r")).events).isEqualTo(expected.events);
    assertThat(frame(lf.replace("\n", "\r\n")).events).isEqualTo(expected.events);
    assertThat(frame("event: a\rdata: 1\r\ndata: 2\n\r\n: c\rdata: 3\n\r").events).isEqualTo(expected.events);
  }

  // SSE-05
  @Test
  void crAtEndOfOneReadAndLfAtStartOfNextIsOneLineEnd() {
    RecordingHandler h = frame("data: A\r\n", "data: B\r", "\n", "data: C\r\n", "\n");
    assertThat(h.texts()).containsExactly("A\nB\nC");
  }

  @Test
  void loneCrAtEndOfReadFollowedByAnotherLineIsALineEnd() {
    assertThat(frame("data: A\r", "data: B\r", "\r").texts()).containsExactly("A\nB");
  }

  // SSE-06
  @Test
  void blankLineDispatchesTheEvent() {
    RecordingHandler h = frame("data: one\n\ndata: two\n\n");
    assertThat(h.texts()).containsExactly("one", "two");
    assertThat(h.wireSizes).containsExactly(11, 11);
  }

  // SSE-07
  @Test
  void commentsAreIgnoredAndDoNotSplitAnEvent() {
    RecordingHandler h = frame("data: a\n:\n: ping\n:::\ndata: b\n\n");
    assertThat(h.texts()).containsExactly("a\nb");
    assertThat(h.keepAlives).isEmpty();
  }

  @Test
  void commentLinesAndEmptyBlankLinesAreKeepAlives() {
    RecordingHandler h = frame(": ping\n\ndata: x\r\n\r\n");
    assertThat(h.keepAlives).containsExactly(7, 1);
    assertThat(h.texts()).containsExactly("x");
    assertThat(h.wireSizes).containsExactly(11);
  }

  // SSE-08
  @Test
  void fieldNameEndsAtTheFirstColon() {
    assertThat(frame("data: {\"a\":\"b:c\"}\n\n").texts()).containsExactly("{\"a\":\"b:c\"}");
  }

  // SSE-09
  @Test
  void exactlyOneLeadingSpaceIsRemoved() {
    assertThat(frame("data:  x\n\n").texts()).containsExactly(" x");
    assertThat(frame("data:\tx\n\n").texts()).containsExactly("\tx");
    assertThat(frame("data: x  \n\n").texts()).containsExactly("x  ");
    assertThat(frame("data:test\n\n").events).isEqualTo(frame("data: test\n\n").events);
  }

  @Test
  void spaceAfterColonSplitFromTheColonIsStillRemovedOnce() {
    assertThat(frame("data:", " ", " x\n\n").texts()).containsExactly(" x");
  }

  // SSE-10
  @Test
  void lineWithoutColonIsAFieldWithAnEmptyValue() {
    assertThat(frame("data\n\n").texts()).containsExactly("");
    assertThat(frame("data\ndata: x\n\n").texts()).containsExactly("\nx");
    assertThat(frame("event\ndata: x\n\n").types()).containsExactly("message");
  }

  // SSE-11
  @Test
  void fieldNamesAreCaseSensitive() {
    assertThat(frame("Data: x\n\nDATA: y\n\nEvent: e\ndata: z\n\n").events)
        .containsExactly(WireEvent.ofText("z"));
  }

  // SSE-12
  @Test
  void unknownFieldsAreIgnored() {
    RecordingHandler h = frame("foo: bar\ndat: x\ndatas: y\n\n");
    assertThat(h.events).isEmpty();
    assertThat(h.keepAlives).containsExactly(9 + 7 + 9 + 1);
  }

  // SSE-13
  @Test
  void multiLineDataIsJoinedWithLfAndOneTrailingLfRemoved() {
    assertThat(frame("data: a\ndata: b\n\n").texts()).containsExactly("a\nb");
    assertThat(frame("data: a\ndata: b\ndata\n\n").texts()).containsExactly("a\nb\n");
  }

  // SSE-14
  @Test
  void emptyDataFieldGivesAnEventWithEmptyData() {
    assertThat(frame("data:\n\n").texts()).containsExactly("");
    assertThat(frame("data\ndata\n\n").texts()).containsExactly("\n");
  }

  // SSE-15
  @Test
  void blankLineWithEmptyDataBufferDispatchesNothingAndResetsTheType() {
    RecordingHandler h = frame("event: foo\n\ndata: x\n\n");
    assertThat(h.types()).containsExactly("message");
    assertThat(h.keepAlives).containsExactly(12);
  }

  // SSE-16
  @Test
  void eventTypeLastWinsDefaultsToMessageAndResetsAfterDispatch() {
    RecordingHandler h = frame("event: a\nevent: b\ndata: x\n\ndata: y\n\nevent:\ndata: z\n\ndata: w\nevent: late\n\n");
    assertThat(h.types()).containsExactly("b", "message", "message", "late");
  }

  @Test
  void repeatedEventTypeReusesOneString() {
    RecordingHandler h = frame("event: delta\ndata: 1\n\nevent: delta\ndata: 2\n\n");
    assertThat(h.events.get(0).type()).isSameAs(h.events.get(1).type());
  }

  // SSE-17
  @Test
  void idPersistsAcrossEvents() {
    RecordingHandler h = frame("id: 1\ndata: a\n\ndata: b\n\n");
    assertThat(h.events).extracting(WireEvent::id).containsExactly("1", "1");
  }

  @Test
  void idWithNulIsIgnoredAndPreviousIdStays() {
    RecordingHandler h = frame("id: 1\ndata: a\n\nid: 2\u0000x\ndata: b\n\n");
    assertThat(h.events).extracting(WireEvent::id).containsExactly("1", "1");
  }

  @Test
  void emptyIdSetsTheIdToEmpty() {
    RecordingHandler h = frame("id: 1\ndata: a\n\nid:\ndata: b\n\n");
    assertThat(h.events).extracting(WireEvent::id).containsExactly("1", "");
  }

  @Test
  void idOnlyBlockUpdatesTheIdWithoutDispatching() {
    RecordingHandler h = frame("id: 7\n\ndata: a\n\n");
    assertThat(h.events).extracting(WireEvent::id).containsExactly("7");
  }

  @Test
  void idLineAfterTheDataLineStillApplies() {
    RecordingHandler h = frame("data: a\nid: 9\n\n");
    assertThat(h.events).extracting(WireEvent::id).containsExactly("9");
  }

  @Test
  void noIdFieldMeansNullId() {
    assertThat(frame("data: a\n\n").events.get(0).id()).isNull();
  }

  // SSE-18
  @ParameterizedTest
  @ValueSource(strings = {"retry: 50x\n", "retry: -1\n", "retry: +5\n", "retry: 1.5\n", "retry:\n", "retry:  5\n",
      "retry\n", "Retry: 5\n"})
  void retryWithAnythingButAsciiDigitsIsIgnored(String line) {
    SseFramer framer = new SseFramer(FramingLimits.DEFAULT, new RecordingHandler());
    byte[] body = utf8("retry: 1000\n" + line + "\n");
    framer.feed(body, 0, body.length);
    assertThat(framer.retryMillis()).isEqualTo(1000);
  }

  @Test
  void retryWithDigitsSetsTheReconnectionTime() {
    SseFramer framer = new SseFramer(FramingLimits.DEFAULT, new RecordingHandler());
    assertThat(framer.retryMillis()).isEqualTo(-1);
    byte[] body = utf8("retry: 1500\n\nretry:25\n\n");
    framer.feed(body, 0, body.length);
    assertThat(framer.retryMillis()).isEqualTo(25);
  }

  @Test
  void hugeRetryValueDoesNotCrash() {
    SseFramer framer = new SseFramer(FramingLimits.DEFAULT, new RecordingHandler());
    byte[] body = utf8("retry: " + "9".repeat(5000) + "\n\ndata: x\n\n");
    framer.feed(body, 0, body.length);
    assertThat(framer.retryMillis()).isEqualTo(Long.MAX_VALUE);
  }

  // SSE-19
  @Test
  void pendingEventAtEndOfInputIsDiscarded() {
    RecordingHandler h = frame("data: a\n\ndata: x");
    assertThat(h.texts()).containsExactly("a");
    assertThat(frame("data: a\n\ndata: x\n").texts()).containsExactly("a");
  }

  @Test
  void inputAfterEndOfInputIsIgnored() {
    RecordingHandler h = new RecordingHandler();
    Framer framer = Framers.sse(FramingLimits.DEFAULT, h);
    framer.endOfInput();
    byte[] body = utf8("data: x\n\n");
    framer.feed(body, 0, body.length);
    assertThat(h.events).isEmpty();
  }

  // SSE-20
  @Test
  void contentIsKeptVerbatim() {
    RecordingHandler h = frame("data:    \n\ndata: {\"t\":\"a\\r\\nb\"}\n\ndata: a\u0000b\n\n");
    assertThat(h.texts()).containsExactly("   ", "{\"t\":\"a\\r\\nb\"}", "a\u0000b");
  }

  // SSE-21 (the property is in SseFramerPropertiesTest)
  @Test
  void oneByteReadsGiveTheSameEventsAsOneRead() {
    byte[] body = utf8("\uFEFFevent: é\r\ndata: A\r\n: c\rdata: €\r\n\r\nid: 3\ndata\n\n");
    byte[][] reads = new byte[body.length][];
    for (int i = 0; i < body.length; i++) {
      reads[i] = new byte[] {body[i]};
    }
    RecordingHandler whole = frame(FramingLimits.DEFAULT, body);
    assertThat(whole.events).hasSize(2);
    assertThat(frame(FramingLimits.DEFAULT, reads).events).isEqualTo(whole.events);
  }

  // SSE-22
  @Test
  void eventIsDispatchedAsSoonAsItsBlankLineArrives() {
    RecordingHandler h = new RecordingHandler();
    Framer framer = Framers.sse(FramingLimits.DEFAULT, h);
    byte[] first = utf8("data: 1\n\ndata: 2\r\r");
    framer.feed(first, 0, first.length);
    // The CR that ends the read is a complete blank line: no waiting to see whether an LF follows.
    assertThat(h.texts()).containsExactly("1", "2");
    byte[] rest = utf8("\ndata: 3\n\n");
    framer.feed(rest, 0, rest.length);
    assertThat(h.texts()).containsExactly("1", "2", "3");
  }

  @Test
  void handlerReturningFalseStopsFraming() {
    RecordingHandler h = new RecordingHandler(1);
    Framer framer = Framers.sse(FramingLimits.DEFAULT, h);
    byte[] body = utf8("data: 1\n\ndata: 2\n\n");
    framer.feed(body, 0, body.length);
    assertThat(framer.stopped()).isTrue();
    assertThat(h.texts()).containsExactly("1");
  }

  // SSE-23
  @Test
  void lineLongerThanTheLimitIsLimitExceededNamingTheLimit() {
    FramingLimits limits = new FramingLimits(16, 1024);
    assertThat(frame(limits, utf8("data: 0123456789\n\n")).texts()).containsExactly("0123456789");
    assertThatThrownBy(() -> frame(limits, utf8("data: 0123456789A\n\n")))
        .isInstanceOfSatisfying(RillException.class, e -> {
          assertThat(e.kind()).isEqualTo(ErrorKind.LIMIT_EXCEEDED);
          assertThat(e.limit()).contains(dev.rill.api.Limit.EVENT_BYTES);
          assertThat(e.getMessage()).contains("limit of 16 bytes").contains("§W1.13");
        });
    assertThatThrownBy(() -> frame(limits, utf8(": " + "x".repeat(20) + "\n")))
        .isInstanceOf(RillException.class);
    assertThatThrownBy(() -> frame(limits, utf8("x".repeat(20))))
        .isInstanceOf(RillException.class);
  }

  @Test
  void neverEndingEventIsLimitExceededNamingTheLimit() {
    FramingLimits limits = new FramingLimits(64, 100);
    byte[] line = utf8("data: " + "y".repeat(40) + "\n");
    List<byte[]> reads = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      reads.add(line);
    }
    assertThatThrownBy(() -> frame(limits, reads.toArray(new byte[0][])))
        .isInstanceOfSatisfying(RillException.class, e -> {
          assertThat(e.kind()).isEqualTo(ErrorKind.LIMIT_EXCEEDED);
          assertThat(e.limit()).contains(dev.rill.api.Limit.EVENT_BYTES);
          assertThat(e.getMessage()).contains("limit of 100 bytes").contains("§W1.13");
        });
  }

  @Test
  void hugeLineFedOneByteAtATimeTakesLinearTime() {
    int size = 4 << 20;
    byte[] body = new byte[size + 8];
    Arrays.fill(body, (byte) 'z');
    System.arraycopy(utf8("data: "), 0, body, 0, 6);
    body[body.length - 2] = '\n';
    body[body.length - 1] = '\n';
    RecordingHandler h = new RecordingHandler();
    Framer framer = Framers.sse(new FramingLimits(8 << 20, 8 << 20), h);
    // Quadratic copying would move ~8 TB here; linear growth copies a few MB.
    assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
      for (int i = 0; i < body.length; i++) {
        framer.feed(body, i, 1);
      }
    });
    assertThat(h.events).hasSize(1);
    assertThat(h.events.get(0).length()).isEqualTo(size);
  }

  @Test
  void directByteBufferIsFramedLikeAnArray() {
    byte[] body = utf8("event: e\ndata: x\n\n".repeat(2000));
    ByteBuffer direct = ByteBuffer.allocateDirect(body.length);
    direct.put(body).flip();
    RecordingHandler h = new RecordingHandler();
    Framer framer = Framers.sse(FramingLimits.DEFAULT, h);
    framer.feed(direct);
    assertThat(direct.hasRemaining()).isFalse();
    assertThat(h.events).hasSize(2000).allMatch(e -> e.type().equals("e") && e.text().equals("x"));
  }

  @Test
  void dataBufferIsReusedAcrossEvents() {
    List<byte[]> arrays = new ArrayList<>();
    Framer framer = Framers.sse(FramingLimits.DEFAULT, event -> arrays.add(event.array()) || true);
    byte[] body = utf8("data: 1\n\ndata: 2\n\n");
    framer.feed(body, 0, body.length);
    assertThat(arrays).hasSize(2);
    assertThat(arrays.get(0)).isSameAs(arrays.get(1));
  }

  @Test
  void everyByteIsCountedOnceAsEventOrKeepAlive() {
    String body = "\uFEFF: hi\n\nevent: a\ndata: 1\n: mid\n\nid: 4\n\ndata: 2\r\n\r\n";
    RecordingHandler h = frame(body);
    assertThat(h.wireBytes() + h.keepAliveBytes()).isEqualTo(utf8(body).length);
  }
}
