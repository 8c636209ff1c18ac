package dev.rill.framing;

import static dev.rill.framing.RecordingHandler.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rill.api.WireEvent;
import dev.rill.framing.EventStreamMessages.Header;
import dev.rill.testkit.property.Gen;
import dev.rill.testkit.property.Gens;
import dev.rill.testkit.property.Partition;
import dev.rill.testkit.property.Partitions;
import dev.rill.testkit.property.Property;
import dev.rill.testkit.property.Show;
import dev.rill.testkit.property.Split;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

/**
 * Rule SSE-21 / W1.2 / W1.10 for every framer: any partition of the bytes (1-byte reads, empty reads, splits inside
 * CRLF, inside multi-byte UTF-8, inside a prelude) gives the same events as one read. Each property draws a body and
 * a partition of it ({@link Partitions}: up to 12 cuts anywhere, cuts at the body's interesting points, reads of 1 to
 * 64 bytes, one byte per read; empty reads included) and also feeds the body one byte per read.
 */
class FramerPartitionInvarianceTest {

  private static final FramingLimits LIMITS = FramingLimits.DEFAULT;

  // --- harness

  /** {@code bodies}, each with one of its partitions (up to 12 cuts in the sparse ones; empty reads included). */
  private static Gen<Split<byte[]>> splits(Gen<byte[]> bodies) {
    return c -> {
      byte[] body = bodies.generate(c);
      return new Split<>(body, Partitions.of(body).emptyReads(true).maxCuts(12).generate(c));
    };
  }

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

  private static void assertSameFraming(BiFunction<FramingLimits, EventHandler, Framer> factory,
      Split<byte[]> s) {
    byte[] body = s.body();
    RecordingHandler whole = frame(factory, body, List.of());
    RecordingHandler split = frame(factory, body, Arrays.stream(s.partition().cuts()).boxed().toList());
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

  // --- SSE

  @Test
  void sseAnyPartitionGivesTheSameEvents() {
    Property.forAll(splits(sseStreams())).tries(200).check(s -> assertSameFraming(Framers::sse, s));
  }

  static Gen<byte[]> sseStreams() {
    Gen<String> value = Gens.elements("a", "b", " ", ":", "é", "€", "\uD83D\uDE00", "\t", "{\"k\":\"v:w\"}",
        "\u0000", "\u0001", "\u0002", "\uFEFF", "5").list(0, 6).map(parts -> String.join("", parts));
    Gen<String> name = Gens.elements("data", "data", "data", "event", "id", "retry", "foo", "Data", "", "dat");
    Gen<String> colons = Gens.elements(":", ": ", ":  ", "");
    Gen<String> field = c -> {
      String n = name.generate(c);
      String colon = colons.generate(c);
      String v = value.generate(c);
      return colon.isEmpty() ? n : n + colon + v;
    };
    Gen<String> comment = value.map(v -> ":" + v);
    Gen<String> line = Gens.frequency(Gens.weight(6, field), Gens.weight(1, comment),
        Gens.weight(3, Gens.constant("")));
    Gen<String> ends = Gens.elements("\n", "\r", "\r\n");
    Gen<String> terminated = c -> line.generate(c) + ends.generate(c);
    Gen<String> bom = Gens.elements("", "\uFEFF");
    Gen<List<String>> lines = terminated.list(0, 30);
    Gen<String> tail = Gens.elements("", "\n\n", "\r\n\r\n", "data: tail");
    return c -> invalidate(utf8(bom.generate(c) + String.join("", lines.generate(c)) + tail.generate(c)));
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

  @Test
  void ndjsonAnyPartitionGivesTheSameEvents() {
    Property.forAll(splits(ndjsonStreams())).tries(200).check(s -> assertSameFraming(Framers::ndjson, s));
  }

  static Gen<byte[]> ndjsonStreams() {
    Gen<String> line = Gens.oneOf(jsonValues(), Gens.elements("", " ", "\t"));
    Gen<String> ends = Gens.elements("\n", "\r\n");
    Gen<String> terminated = c -> line.generate(c) + ends.generate(c);
    Gen<List<String>> lines = terminated.list(0, 20);
    Gen<String> last = Gens.oneOf(jsonValues(), Gens.constant(""));
    return c -> utf8(String.join("", lines.generate(c)) + last.generate(c));
  }

  // --- JSON array

  @Test
  void jsonArrayAnyPartitionGivesTheSameEvents() {
    Gen<JsonArrayCase> arrays = jsonArrays();
    Gen<ArraySplit> splits = c -> {
      JsonArrayCase a = arrays.generate(c);
      return new ArraySplit(a, Partitions.of(a.body()).emptyReads(true).maxCuts(12).generate(c));
    };
    Property.forAll(splits).tries(200).check(s -> {
      assertSameFraming(Framers::jsonArray, new Split<>(s.array().body(), s.partition()));
      RecordingHandler whole = frame(Framers::jsonArray, s.array().body(), List.of());
      assertThat(whole.texts()).isEqualTo(s.array().elements());
    });
  }

  record JsonArrayCase(byte[] body, List<String> elements) {
    @Override
    public String toString() {
      return Show.bytes(body);
    }
  }

  record ArraySplit(JsonArrayCase array, Partition partition) {}

  static Gen<JsonArrayCase> jsonArrays() {
    Gen<List<String>> elementLists = jsonValues().list(0, 10);
    Gen<List<String>> separators = Gens.elements(",", "\n,\r\n", " , ", ",\n", "\r\n,").list(10, 10);
    Gen<String> leads = Gens.elements("", " ", "\n");
    Gen<String> trails = Gens.elements("", "\n", "\r\n");
    return c -> {
      List<String> elements = elementLists.generate(c);
      List<String> seps = separators.generate(c);
      StringBuilder sb = new StringBuilder(leads.generate(c)).append('[');
      for (int i = 0; i < elements.size(); i++) {
        if (i > 0) {
          sb.append(seps.get(i));
        }
        sb.append(elements.get(i));
      }
      sb.append(trails.generate(c)).append(']');
      return new JsonArrayCase(utf8(sb.toString()), elements);
    };
  }

  /** JSON values whose strings hold brackets, braces, escaped quotes and backslashes, and multi-byte text. */
  private static Gen<String> jsonValues() {
    return jsonValues(4);
  }

  /** JSON values nested at most {@code depth} levels below the top. */
  private static Gen<String> jsonValues(int depth) {
    Gen<String> string = Gens.elements("a", "]", "}", "{", "[", ",", "\\\"", "\\\\", "\u00e9", "\uD83D\uDE00", " ",
        "\\n").list(0, 5).map(parts -> "\"" + String.join("", parts) + "\"");
    Gen<String> scalar = Gens.oneOf(string, Gens.elements("1", "-2.5e3", "true", "null"));
    Gen<String> leaf = scalar.map(s -> "{\"k\":" + s + "}");
    if (depth == 0) {
      return leaf;
    }
    Gen<String> inner = Gens.lazy(() -> jsonValues(depth - 1));
    Gen<String> object = c -> "{\"a\":" + scalar.generate(c) + ",\n  \"b\": " + inner.generate(c) + "}";
    Gen<String> array = inner.list(0, 3).map(vs -> "[" + String.join(",", vs) + "]");
    return Gens.oneOf(leaf, object, array);
  }

  // --- AWS event-stream

  @Test
  void eventStreamAnyPartitionGivesTheSameEvents() {
    Property.forAll(splits(eventStreams())).tries(200).check(s -> assertSameFraming(Framers::awsEventStream, s));
  }

  static Gen<byte[]> eventStreams() {
    Gen<String> types = Gens.elements("messageStart", "contentBlockDelta", "contentBlockStop", "messageStop",
        "metadata");
    Gen<String> payloads = Gens.strings(Gens.codePoints(), 0, 40);
    Gen<Integer> numbers = Gens.ints();
    Gen<Boolean> flags = Gens.booleans();
    Gen<byte[]> message = c -> {
      String type = types.generate(c);
      String payload = payloads.generate(c);
      int n = numbers.generate(c);
      boolean flag = flags.generate(c);
      return EventStreamMessages.message(List.of(
          Header.string(":event-type", type), Header.string(":message-type", "event"),
          new Header("n", 4, ByteBuffer.allocate(4).putInt(n).array()), new Header("flag", flag ? 0 : 1,
              new byte[0])),
          utf8(payload));
    };
    return message.list(0, 12).map(all -> {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      all.forEach(out::writeBytes);
      return out.toByteArray();
    });
  }

  @Test
  void eventStreamEventsCarryTheirHeaders() {
    Property.forAll(eventStreams()).tries(50).check(body -> {
      RecordingHandler h = frame(Framers::awsEventStream, body, List.of());
      assertThat(h.wireBytes()).isEqualTo(body.length);
      for (WireEvent e : h.events) {
        assertThat(e.headers()).containsKeys(":event-type", ":message-type", "n", "flag");
        assertThat(e.type()).isEqualTo(e.headers().get(":event-type"));
      }
    });
  }
}
