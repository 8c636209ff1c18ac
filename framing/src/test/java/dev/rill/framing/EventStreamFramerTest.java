package dev.rill.framing;

import static dev.rill.framing.RecordingHandler.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rill.api.ErrorKind;
import dev.rill.api.RillException;
import dev.rill.api.WireEvent;
import dev.rill.framing.EventStreamMessages.Header;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The AWS event-stream framer: CRCs, headers, event types, limits, and the recorded Bedrock streams. */
class EventStreamFramerTest {

  private static RecordingHandler frame(FramingLimits limits, byte[]... reads) {
    RecordingHandler h = new RecordingHandler();
    Framer framer = Framers.awsEventStream(limits, h);
    for (byte[] read : reads) {
      framer.feed(read, 0, read.length);
    }
    framer.endOfInput();
    return h;
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }

  @Test
  void messagesWithCorrectCrcsBecomeEventsTypedByEventType() {
    byte[] body = concat(EventStreamMessages.event("messageStart", "{\"role\":\"assistant\"}"),
        EventStreamMessages.event("contentBlockDelta", "{\"delta\":{\"text\":\"Hi\"}}"));
    RecordingHandler h = frame(FramingLimits.DEFAULT, body);
    assertThat(h.types()).containsExactly("messageStart", "contentBlockDelta");
    assertThat(h.texts()).containsExactly("{\"role\":\"assistant\"}", "{\"delta\":{\"text\":\"Hi\"}}");
    assertThat(h.events.get(0).headers()).containsEntry(":content-type", "application/json")
        .containsEntry(":message-type", "event");
    assertThat(h.wireBytes()).isEqualTo(body.length);
  }

  @Test
  void corruptedPreludeCrcIsMalformedResponseNamingThePreludeCrc() {
    byte[] message = EventStreamMessages.event("messageStart", "{}");
    message[9] ^= 0x01;
    assertThatThrownBy(() -> frame(FramingLimits.DEFAULT, message))
        .isInstanceOfSatisfying(RillException.class, e -> {
          assertThat(e.kind()).isEqualTo(ErrorKind.MALFORMED_RESPONSE);
          assertThat(e.getMessage()).contains("prelude CRC");
        });
  }

  @Test
  void corruptedLengthIsCaughtByThePreludeCrcBeforeItIsTrusted() {
    byte[] message = EventStreamMessages.event("messageStart", "{}");
    message[0] = 0x7F; // a 2 GB total length: must not wait for it nor allocate it
    assertThatThrownBy(() -> frame(FramingLimits.DEFAULT, message))
        .isInstanceOfSatisfying(RillException.class, e -> assertThat(e.getMessage()).contains("prelude CRC"));
  }

  @Test
  void corruptedPayloadIsMalformedResponseNamingTheMessageCrc() {
    byte[] good = EventStreamMessages.event("contentBlockDelta", "{\"delta\":{\"text\":\"Hi\"}}");
    byte[] bad = good.clone();
    bad[bad.length - 8] ^= 0x20;
    RecordingHandler h = new RecordingHandler();
    Framer framer = Framers.awsEventStream(FramingLimits.DEFAULT, h);
    byte[] body = concat(good, bad);
    assertThatThrownBy(() -> framer.feed(body, 0, body.length))
        .isInstanceOfSatisfying(RillException.class, e -> {
          assertThat(e.kind()).isEqualTo(ErrorKind.MALFORMED_RESPONSE);
          assertThat(e.getMessage()).contains("message CRC");
        });
    assertThat(h.events).hasSize(1); // events before the error stay dispatched
  }

  @Test
  void corruptedMessageCrcIsDetectedWhenTheMessageArrivesInPieces() {
    byte[] bad = EventStreamMessages.event("metadata", "{\"usage\":{}}");
    bad[bad.length - 1] ^= 0x01;
    byte[][] drip = new byte[bad.length][];
    for (int i = 0; i < bad.length; i++) {
      drip[i] = new byte[] {bad[i]};
    }
    assertThatThrownBy(() -> frame(FramingLimits.DEFAULT, drip))
        .isInstanceOfSatisfying(RillException.class, e -> assertThat(e.getMessage()).contains("message CRC"));
  }

  @Test
  void exceptionMessageIsTypedByExceptionType() {
    byte[] message = EventStreamMessages.message(List.of(Header.string(":message-type", "exception"),
        Header.string(":exception-type", "throttlingException"), Header.string(":content-type", "application/json")),
        utf8("{\"message\":\"Too many requests\"}"));
    RecordingHandler h = frame(FramingLimits.DEFAULT, message);
    assertThat(h.types()).containsExactly("throttlingException");
    assertThat(h.texts()).containsExactly("{\"message\":\"Too many requests\"}");
  }

  @Test
  void errorMessageIsTypedByErrorCode() {
    byte[] message = EventStreamMessages.message(List.of(Header.string(":message-type", "error"),
        Header.string(":error-code", "InternalFailure"), Header.string(":error-message", "boom")), new byte[0]);
    RecordingHandler h = frame(FramingLimits.DEFAULT, message);
    assertThat(h.types()).containsExactly("InternalFailure");
    assertThat(h.events.get(0).headers()).containsEntry(":error-message", "boom");
    assertThat(h.events.get(0).length()).isZero();
  }

  @Test
  void everyHeaderValueTypeIsReadAndRenderedAsAString() {
    UUID uuid = UUID.fromString("123e4567-e89b-12d3-a456-426614174000");
    byte[] message = EventStreamMessages.message(List.of(
        new Header("t", 0, new byte[0]), new Header("f", 1, new byte[0]),
        new Header("b", 2, new byte[] {-5}), new Header("s", 3, ByteBuffer.allocate(2).putShort((short) -300).array()),
        new Header("i", 4, ByteBuffer.allocate(4).putInt(70000).array()),
        new Header("l", 5, ByteBuffer.allocate(8).putLong(-1L << 40).array()),
        new Header("bytes", 6, new byte[] {0, 3, 1, 2, 3}), Header.string("str", "é"),
        new Header("ts", 8, ByteBuffer.allocate(8).putLong(0L).array()),
        new Header("uuid", 9, ByteBuffer.allocate(16).putLong(uuid.getMostSignificantBits())
            .putLong(uuid.getLeastSignificantBits()).array()),
        Header.string(":event-type", "x")), utf8("p"));
    WireEvent e = frame(FramingLimits.DEFAULT, message).events.get(0);
    assertThat(e.headers()).containsEntry("t", "true").containsEntry("f", "false").containsEntry("b", "-5")
        .containsEntry("s", "-300").containsEntry("i", "70000").containsEntry("l", Long.toString(-1L << 40))
        .containsEntry("bytes", "AQID").containsEntry("str", "é").containsEntry("ts", "1970-01-01T00:00:00Z")
        .containsEntry("uuid", uuid.toString()).containsEntry(":event-type", "x");
    assertThat(e.type()).isEqualTo("x");
    assertThat(e.text()).isEqualTo("p");
  }

  @Test
  void unknownHeaderTypeAndTruncatedHeaderAreMalformedResponse() {
    byte[] unknownType = EventStreamMessages.message(List.of(new Header("x", 42, new byte[0])), new byte[0]);
    assertThatThrownBy(() -> frame(FramingLimits.DEFAULT, unknownType))
        .isInstanceOfSatisfying(RillException.class, e -> assertThat(e.getMessage()).contains("unknown value type"));
    byte[] truncated = EventStreamMessages.message(List.of(new Header("x", 4, new byte[] {0, 1})), new byte[0]);
    assertThatThrownBy(() -> frame(FramingLimits.DEFAULT, truncated))
        .isInstanceOfSatisfying(RillException.class, e -> assertThat(e.getMessage()).contains("truncated"));
  }

  @Test
  void messageLongerThanTheLimitIsRefusedFromItsPrelude() {
    byte[] message = EventStreamMessages.event("contentBlockDelta", "x".repeat(200));
    FramingLimits limits = new FramingLimits(1024, message.length - 1);
    // Only the prelude arrives: the error comes before the rest is awaited or buffered.
    assertThatThrownBy(() -> frame(limits, java.util.Arrays.copyOf(message, 12)))
        .isInstanceOfSatisfying(RillException.class, e -> {
          assertThat(e.kind()).isEqualTo(ErrorKind.LIMIT_EXCEEDED);
          assertThat(e.limit()).contains(dev.rill.api.Limit.EVENT_BYTES);
          assertThat(e.getMessage()).contains("limit of " + (message.length - 1) + " bytes").contains("§W1.13");
        });
    assertThat(frame(new FramingLimits(1024, message.length), message).events).hasSize(1);
  }

  @Test
  void partialMessageAtEndOfInputIsDiscarded() {
    byte[] one = EventStreamMessages.event("messageStart", "{}");
    byte[] two = EventStreamMessages.event("messageStop", "{}");
    RecordingHandler h = frame(FramingLimits.DEFAULT, concat(one, java.util.Arrays.copyOf(two, two.length - 3)));
    assertThat(h.types()).containsExactly("messageStart");
  }

  @Test
  void everyRecordedBedrockStreamPassesEveryCrc() throws IOException {
    String shared = System.getProperty("rill.shared.dir");
    Path dir = shared == null ? null : Path.of(shared, "fixtures/wire/bedrock-eventstream");
    Assumptions.assumeTrue(dir != null && Files.isDirectory(dir),
        "shared fixtures absent (rill.shared.dir=" + shared + "): skipping the recorded Bedrock event streams");
    List<Path> files;
    try (Stream<Path> list = Files.list(dir)) {
      files = list.filter(p -> p.getFileName().toString().endsWith(".bin")).sorted().toList();
    }
    assertThat(files).isNotEmpty();
    for (Path file : files) {
      byte[] body = Files.readAllBytes(file);
      RecordingHandler h = frame(FramingLimits.DEFAULT, body);
      assertThat(h.wireBytes()).as(file + ": every byte in a checked message").isEqualTo(body.length);
      assertThat(h.types()).as(file.toString()).startsWith("messageStart").endsWith("messageStop", "metadata")
          .contains("contentBlockDelta", "contentBlockStop")
          .isSubsetOf("messageStart", "contentBlockStart", "contentBlockDelta", "contentBlockStop", "messageStop",
              "metadata");
      assertThat(h.events).allSatisfy(e -> {
        assertThat(e.headers()).containsEntry(":message-type", "event").containsEntry(":content-type",
            "application/json");
        assertThat(e.text()).startsWith("{").endsWith("}");
      });
      // Split at every 7th byte: same events.
      RecordingHandler split = new RecordingHandler();
      Framer framer = Framers.awsEventStream(FramingLimits.DEFAULT, split);
      for (int i = 0; i < body.length; i += 7) {
        framer.feed(body, i, Math.min(7, body.length - i));
      }
      assertThat(split.events).as(file.toString()).isEqualTo(h.events);
    }
  }
}
