package dev.rill.framing;

import static dev.rill.framing.RecordingHandler.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rill.api.WireEvent;
import dev.rill.framing.EventStreamMessages.Header;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.BiFunction;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Rule SSE-21 / W1.2 / W1.10 for every framer: any partition of the bytes (1-byte reads, splits inside CRLF,
 * inside multi-byte UTF-8, inside a prelude) gives the same events as one read.
 */
class FramerPartitionInvarianceTest {

  private static final FramingLimits LIMITS = FramingLimits.DEFAULT;

  // --- harness

  private static RecordingHandler frame(BiFunction<FramingLimits, EventHandler, Framer> factory, byte[] body,
      List<Integer> cuts) {
    RecordingHandler h = new RecordingHandler();
    Framer framer = factory.apply(LIMITS, h);
    RecordingHandler.feedSplit(framer, body, cuts);
    framer.endOfInput();
    return h;
  }

  private static RecordingHandler frameByteByByte(BiFunction<FramingLimits, EventHandler, Framer> factory,
      byte[] body) {
    RecordingHandler h = new RecordingHandler();
    Framer framer = factory.apply(LIMITS, h);
    for (int i = 0; i < body.length; i++) {
      framer.feed(ByteBuffer.wrap(body, i, 1));
    }
    framer.endOfInput();
    return h;
  }

  private static List<Integer> cutsWithin(List<Integer> raw, int length) {
    List<Integer> cuts = new ArrayList<>();
    for (int r : raw) {
      cuts.add(length == 0 ? 0 : r % (length + 1));
    }
    Collections.sort(cuts);
    return cuts;
  }

  private static void assertSameFraming(BiFunction<FramingLimits, EventHandler, Framer> factory, byte[] body,
      List<Integer> rawCuts) {
    RecordingHandler whole = frame(factory, body, List.of());
    RecordingHandler split = frame(factory, body, cutsWithin(rawCuts, body.length));
    RecordingHandler drip = frameByteByByte(factory, body);
    assertThat(split.events).isEqualTo(whole.events);
    assertThat(drip.events).isEqualTo(whole.events);
    assertThat(split.keepAlives).hasSameSizeAs(whole.keepAlives);
    assertThat(drip.keepAlives).hasSameSizeAs(whole.keepAlives);
    // Every byte is counted once, except that an LF split from its CR at the very end of the body stays pending
    // and is discarded with the pending bytes at the end of input: at most one byte of difference.
    int wholeBytes = whole.wireBytes() + whole.keepAliveBytes();
    assertThat(split.wireBytes() + split.keepAliveBytes()).isBetween(wholeBytes - 1, wholeBytes);
  }

  @Provide
  Arbitrary<List<Integer>> cuts() {
    return Arbitraries.integers().between(0, 1 << 20).list().ofMaxSize(12);
  }

  // --- SSE

  @Property(tries = 200)
  void sseAnyPartitionGivesTheSameEvents(@ForAll("sseStreams") byte[] body, @ForAll("cuts") List<Integer> cuts) {
    assertSameFraming(Framers::sse, body, cuts);
  }

  @Provide
  Arbitrary<byte[]> sseStreams() {
    Arbitrary<String> value = Arbitraries.of("a", "b", " ", ":", "é", "€", "😀", "\t", "{\"k\":\"v:w\"}", "\u0000",
        "\u0001", "\u0002", "\uFEFF", "5").list().ofMaxSize(6).map(parts -> String.join("", parts));
    Arbitrary<String> name = Arbitraries.of("data", "data", "data", "event", "id", "retry", "foo", "Data", "", "dat");
    Arbitrary<String> field = Combinators.combine(name, Arbitraries.of(":", ": ", ":  ", ""), value)
        .as((n, colon, v) -> colon.isEmpty() ? n : n + colon + v);
    Arbitrary<String> comment = value.map(v -> ":" + v);
    Arbitrary<String> line = Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(6, field), net.jqwik.api.Tuple.of(1, comment),
        net.jqwik.api.Tuple.of(3, Arbitraries.just("")));
    Arbitrary<String> terminated = Combinators.combine(line, Arbitraries.of("\n", "\r", "\r\n"))
        .as((l, end) -> l + end);
    return Combinators.combine(Arbitraries.of("", "\uFEFF"), terminated.list().ofMaxSize(30),
        Arbitraries.of("", "\n\n", "\r\n\r\n", "data: tail"))
        .as((bom, lines, tail) -> invalidate(utf8(bom + String.join("", lines) + tail)));
  }

  /** Turns the placeholders U+0001 and U+0002 into invalid UTF-8 (a stray 0xFF, a truncated lead byte). */
  private static byte[] invalidate(byte[] b) {
    for (int i = 0; i < b.length; i++) {
      if (b[i] == 1) {
        b[i] = (byte) 0xFF;
      } else if (b[i] == 2) {
        b[i] = (byte) 0xC3;
      }
    }
    return b;
  }

  // --- NDJSON

  @Property(tries = 200)
  void ndjsonAnyPartitionGivesTheSameEvents(@ForAll("ndjsonStreams") byte[] body,
      @ForAll("cuts") List<Integer> cuts) {
    assertSameFraming(Framers::ndjson, body, cuts);
  }

  @Provide
  Arbitrary<byte[]> ndjsonStreams() {
    Arbitrary<String> line = Arbitraries.oneOf(jsonValues(), Arbitraries.of("", " ", "\t"));
    Arbitrary<String> terminated = Combinators.combine(line, Arbitraries.of("\n", "\r\n")).as((l, end) -> l + end);
    return Combinators.combine(terminated.list().ofMaxSize(20), Arbitraries.oneOf(jsonValues(), Arbitraries.just("")))
        .as((lines, last) -> utf8(String.join("", lines) + last));
  }

  // --- JSON array

  @Property(tries = 200)
  void jsonArrayAnyPartitionGivesTheSameEvents(@ForAll("jsonArrays") JsonArrayCase c,
      @ForAll("cuts") List<Integer> cuts) {
    assertSameFraming(Framers::jsonArray, c.body(), cuts);
    RecordingHandler whole = frame(Framers::jsonArray, c.body(), List.of());
    assertThat(whole.texts()).isEqualTo(c.elements());
  }

  record JsonArrayCase(byte[] body, List<String> elements) {
    @Override
    public String toString() {
      return new String(body, java.nio.charset.StandardCharsets.UTF_8);
    }
  }

  @Provide
  Arbitrary<JsonArrayCase> jsonArrays() {
    Arbitrary<String> separator = Arbitraries.of(",", "\n,\r\n", " , ", ",\n", "\r\n,");
    return Combinators.combine(jsonValues().list().ofMaxSize(10), separator.list().ofSize(10),
        Arbitraries.of("", " ", "\n"), Arbitraries.of("", "\n", "\r\n"))
        .as((elements, seps, lead, trail) -> {
          StringBuilder sb = new StringBuilder(lead).append('[');
          for (int i = 0; i < elements.size(); i++) {
            if (i > 0) {
              sb.append(seps.get(i));
            }
            sb.append(elements.get(i));
          }
          sb.append(trail).append(']');
          return new JsonArrayCase(utf8(sb.toString()), elements);
        });
  }

  /** JSON values whose strings hold brackets, braces, escaped quotes and backslashes, and multi-byte text. */
  private static Arbitrary<String> jsonValues() {
    Arbitrary<String> string = Arbitraries.of("a", "]", "}", "{", "[", ",", "\\\"", "\\\\", "é", "😀", " ", "\\n")
        .list().ofMaxSize(5).map(parts -> "\"" + String.join("", parts) + "\"");
    Arbitrary<String> scalar = Arbitraries.oneOf(string, Arbitraries.of("1", "-2.5e3", "true", "null"));
    return Arbitraries.lazyOf(
        () -> scalar.map(s -> "{\"k\":" + s + "}"),
        () -> Combinators.combine(scalar, jsonValues()).as((s, v) -> "{\"a\":" + s + ",\n  \"b\": " + v + "}"),
        () -> jsonValues().list().ofMaxSize(3).map(vs -> "[" + String.join(",", vs) + "]"));
  }

  // --- AWS event-stream

  @Property(tries = 200)
  void eventStreamAnyPartitionGivesTheSameEvents(@ForAll("eventStreams") byte[] body,
      @ForAll("cuts") List<Integer> cuts) {
    assertSameFraming(Framers::awsEventStream, body, cuts);
  }

  @Provide
  Arbitrary<byte[]> eventStreams() {
    Arbitrary<byte[]> message = Combinators.combine(
        Arbitraries.of("messageStart", "contentBlockDelta", "contentBlockStop", "messageStop", "metadata"),
        Arbitraries.strings().ofMaxLength(40), Arbitraries.integers(), Arbitraries.of(true, false))
        .as((type, payload, n, flag) -> EventStreamMessages.message(List.of(
            Header.string(":event-type", type), Header.string(":message-type", "event"),
            new Header("n", 4, ByteBuffer.allocate(4).putInt(n).array()), new Header("flag", flag ? 0 : 1,
                new byte[0])),
            utf8(payload)));
    return message.list().ofMaxSize(12).map(all -> {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      all.forEach(out::writeBytes);
      return out.toByteArray();
    });
  }

  @Property(tries = 50)
  void eventStreamEventsCarryTheirHeaders(@ForAll("eventStreams") byte[] body) {
    RecordingHandler h = frame(Framers::awsEventStream, body, List.of());
    assertThat(h.wireBytes()).isEqualTo(body.length);
    for (WireEvent e : h.events) {
      assertThat(e.headers()).containsKeys(":event-type", ":message-type", "n", "flag");
      assertThat(e.type()).isEqualTo(e.headers().get(":event-type"));
    }
  }
}
