package dev.rill.framing;

import static dev.rill.framing.RecordingHandler.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rill.api.ErrorKind;
import dev.rill.api.RillException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** Gemini's streamed JSON array: one event per top-level element, split anywhere. */
class JsonArrayFramerTest {

  private static final String GEMINI = "[{\n  \"candidates\": [{\"content\": {\"parts\": [{\"text\": \"a]}\\\"{\"}]}}]\n}"
      + "\n,\r\n{\n  \"candidates\": [],\n  \"usageMetadata\": {\"promptTokenCount\": 3}\n}\n]";

  private static RecordingHandler frame(FramingLimits limits, byte[]... reads) {
    RecordingHandler h = new RecordingHandler();
    Framer framer = Framers.jsonArray(limits, h);
    for (byte[] read : reads) {
      framer.feed(read, 0, read.length);
    }
    framer.endOfInput();
    return h;
  }

  private static RecordingHandler frame(String... reads) {
    return frame(FramingLimits.DEFAULT, Arrays.stream(reads).map(RecordingHandler::utf8).toArray(byte[][]::new));
  }

  @Test
  void eachTopLevelElementIsOneEventWithItsExactBytes() {
    RecordingHandler h = frame(GEMINI);
    assertThat(h.texts()).containsExactly(
        "{\n  \"candidates\": [{\"content\": {\"parts\": [{\"text\": \"a]}\\\"{\"}]}}]\n}",
        "{\n  \"candidates\": [],\n  \"usageMetadata\": {\"promptTokenCount\": 3}\n}");
    assertThat(h.wireBytes() + h.keepAliveBytes()).isEqualTo(utf8(GEMINI).length);
  }

  @Test
  void splitAtEveryPositionGivesTheSameEvents() {
    byte[] body = utf8(GEMINI);
    List<String> expected = frame(GEMINI).texts();
    for (int cut = 0; cut <= body.length; cut++) {
      RecordingHandler h = frame(FramingLimits.DEFAULT, Arrays.copyOfRange(body, 0, cut),
          Arrays.copyOfRange(body, cut, body.length));
      assertThat(h.texts()).as("split at %d", cut).isEqualTo(expected);
    }
  }

  @Test
  void elementIsDispatchedAsSoonAsItCloses() {
    RecordingHandler h = new RecordingHandler();
    Framer framer = Framers.jsonArray(FramingLimits.DEFAULT, h);
    byte[] b = utf8("[{\"a\":1}");
    framer.feed(b, 0, b.length);
    assertThat(h.texts()).containsExactly("{\"a\":1}");
  }

  @Test
  void scalarAndStringElementsAreEvents() {
    assertThat(frame("[1, \"x,]\\\"\" ,true,null,-2.5,[3]]").texts())
        .containsExactly("1", "\"x,]\\\"\"", "true", "null", "-2.5", "[3]");
  }

  @Test
  void emptyArrayGivesNoEvents() {
    assertThat(frame(" [ \n ] \n").events).isEmpty();
  }

  @Test
  void topLevelObjectIsOneEvent() {
    assertThat(frame("{\"error\": {\"code\": 429}}\n").texts()).containsExactly("{\"error\": {\"code\": 429}}");
  }

  @Test
  void incompleteElementAtEndOfInputIsDiscarded() {
    assertThat(frame("[{\"a\":1},{\"b\":").texts()).containsExactly("{\"a\":1}");
  }

  @Test
  void garbageIsMalformedResponse() {
    assertThatThrownBy(() -> frame("data: {}"))
        .isInstanceOfSatisfying(RillException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.MALFORMED_RESPONSE));
    assertThatThrownBy(() -> frame("[{}, )"))
        .isInstanceOfSatisfying(RillException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.MALFORMED_RESPONSE));
  }

  @Test
  void elementLargerThanTheLimitIsLimitExceededNamingTheLimit() {
    FramingLimits limits = new FramingLimits(1024, 18);
    assertThat(frame(limits, utf8("[{\"k\":\"0123456789\"}]")).events).hasSize(1);
    for (byte[][] reads : List.of(new byte[][] {utf8("[{\"k\":\"0123456789A\"}]")},
        new byte[][] {utf8("[{\"k\":\"01234"), utf8("56789AB\"}]")}, new byte[][] {utf8("[{\"k\":\"0123456789ABCDEF")})) {
      assertThatThrownBy(() -> frame(limits, reads)).isInstanceOfSatisfying(RillException.class, e -> {
        assertThat(e.kind()).isEqualTo(ErrorKind.LIMIT_EXCEEDED);
        assertThat(e.limit()).contains(dev.rill.api.Limit.EVENT_BYTES);
        assertThat(e.getMessage()).contains("limit of 18 bytes").contains("§W1.13");
      });
    }
  }

  @Test
  void recordedGeminiStreamFramesIntoItsElements() throws IOException {
    String shared = System.getProperty("rill.shared.dir");
    Path file = shared == null ? null : Path.of(shared, "fixtures/wire/gemini/langchaingo.json-array-stream.httprr");
    Assumptions.assumeTrue(file != null && Files.isRegularFile(file),
        "shared fixtures absent (rill.shared.dir=" + shared + "): skipping the recorded Gemini JSON array");
    byte[] all = Files.readAllBytes(file);
    // httprr: "httprr trace v1\n<req> <resp>\n" then the request bytes, then the response (HTTP/2: plain body).
    String text = new String(all, StandardCharsets.ISO_8859_1);
    int firstNl = text.indexOf('\n');
    int secondNl = text.indexOf('\n', firstNl + 1);
    String[] sizes = text.substring(firstNl + 1, secondNl).split(" ");
    int responseStart = secondNl + 1 + Integer.parseInt(sizes[0]);
    String response = text.substring(responseStart, responseStart + Integer.parseInt(sizes[1]));
    byte[] body = response.substring(response.indexOf("\r\n\r\n") + 4).getBytes(StandardCharsets.ISO_8859_1);
    int separators = response.split("\n,\r\n", -1).length - 1;

    RecordingHandler whole = frame(FramingLimits.DEFAULT, body);
    assertThat(whole.events).hasSize(separators + 1);
    assertThat(whole.texts()).allSatisfy(t -> assertThat(t).startsWith("{").endsWith("}").contains("\"candidates\""));
    byte[][] drip = new byte[body.length][];
    for (int i = 0; i < body.length; i++) {
      drip[i] = new byte[] {body[i]};
    }
    assertThat(frame(FramingLimits.DEFAULT, drip).events).isEqualTo(whole.events);
  }
}
