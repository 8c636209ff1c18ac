package dev.rill.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rill.api.Redaction;
import dev.rill.api.Secret;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Redacting a binary event-stream body re-frames the messages that held a credential, and only those. */
class EventStreamRedactionTest {
  private static final String KEY = "bedrock-api-key-canary-0123456789";
  private static final Redaction R = Redaction.of(Secret.of(KEY));

  private static byte[] event(String type, String json) {
    Map<String, String> h = new LinkedHashMap<>();
    h.put(":event-type", type);
    h.put(":content-type", "application/json");
    h.put(":message-type", "event");
    return RecordRoundTripTest.TestEventStream.message(h, json.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void aMessageHoldingTheKeyInAHeaderAndThePayloadIsReframedWhereverTheReadsCutIt() {
    byte[] first = event("messageStart", "{\"role\":\"assistant\"}");
    Map<String, String> h = new LinkedHashMap<>();
    h.put(":exception-type", "accessDeniedException " + KEY);
    h.put(":message-type", "exception");
    byte[] leaking = RecordRoundTripTest.TestEventStream.message(h, ("{\"message\":\"bad key " + KEY + "\"}")
        .getBytes(StandardCharsets.UTF_8));
    byte[] body = concat(first, leaking);
    int cut1 = first.length - 3; // the first message ends in the second read
    int cut2 = first.length + 40; // inside the leaking message's header value
    List<byte[]> reads = List.of(Arrays.copyOfRange(body, 0, cut1), Arrays.copyOfRange(body, cut1, cut2),
        Arrays.copyOfRange(body, cut2, body.length));

    List<byte[]> out = EventStreamRedaction.apply(R, reads);

    Map<String, String> safe = new LinkedHashMap<>();
    safe.put(":exception-type", "accessDeniedException ***");
    safe.put(":message-type", "exception");
    byte[] expected = RecordRoundTripTest.TestEventStream.message(safe, "{\"message\":\"bad key ***\"}"
        .getBytes(StandardCharsets.UTF_8));
    assertThat(out).hasSize(3);
    assertThat(out.get(0)).isEqualTo(reads.get(0));
    assertThat(out.get(1)).as("the rest of the first message, then the re-framed one where it started")
        .isEqualTo(concat(Arrays.copyOfRange(first, cut1, first.length), expected));
    assertThat(out.get(2)).isEmpty();
    assertThat(concat(out.toArray(byte[][]::new))).isEqualTo(concat(first, expected));
  }

  @Test
  void aBodyWithoutTheKeyIsLeftAsItIs() {
    List<byte[]> reads = List.of(event("messageStart", "{\"role\":\"assistant\"}"),
        event("messageStop", "{\"stopReason\":\"end_turn\"}"));
    assertThat(EventStreamRedaction.apply(R, reads)).isSameAs(reads);
  }

  @Test
  void aTruncatedTailIsRedactedAsBytes() {
    byte[] whole = event("contentBlockDelta", "{\"delta\":{\"text\":\"" + KEY + "\"}}");
    byte[] cut = Arrays.copyOf(whole, whole.length - 6);
    List<byte[]> out = EventStreamRedaction.apply(R, List.of(cut));
    assertThat(new String(out.get(0), StandardCharsets.ISO_8859_1)).doesNotContain(KEY).contains("***");
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      b.writeBytes(p);
    }
    return b.toByteArray();
  }
}
