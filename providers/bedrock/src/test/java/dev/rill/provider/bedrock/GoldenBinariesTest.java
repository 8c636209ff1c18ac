package dev.rill.provider.bedrock;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rill.api.WireEvent;
import dev.rill.framing.Framer;
import dev.rill.framing.Framers;
import dev.rill.framing.FramingLimits;
import dev.rill.testkit.golden.Golden;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** The shipped {@code .bin} goldens are exactly what {@link GoldenSources} encodes, with valid CRCs. */
class GoldenBinariesTest {

  @TestFactory
  Stream<DynamicTest> theShippedBinariesMatchTheirSources() {
    Map<String, Golden> shipped = new java.util.HashMap<>();
    GoldenTranscriptTest.goldens().forEach(g -> shipped.put(g.name(), g));
    assertThat(shipped.keySet()).containsExactlyInAnyOrderElementsOf(
        GoldenSources.all().stream().map(GoldenSources.Source::name).toList());
    return GoldenSources.all().stream().map(source -> DynamicTest.dynamicTest(source.name(), () ->
        assertThat(shipped.get(source.name()).wire())
            .as(source.name() + ".bin drifted from GoldenSources: regenerate it with GoldenSources.main")
            .isEqualTo(source.bytes())));
  }

  @Test
  void theEncoderWritesFramesTheFramerAccepts() {
    byte[] message = EventStreamEncoder.event("messageStart", "{\"role\":\"assistant\"}");
    List<WireEvent> events = new ArrayList<>();
    Framer framer = Framers.awsEventStream(FramingLimits.DEFAULT, e -> events.add(e.copy()));
    framer.feed(message, 0, message.length);
    assertThat(events).singleElement().satisfies(e -> {
      assertThat(e.type()).isEqualTo("messageStart");
      assertThat(e.headers()).containsEntry(":message-type", "event").containsEntry(":content-type",
          "application/json");
      assertThat(e.text()).isEqualTo("{\"role\":\"assistant\"}");
    });
  }
}
