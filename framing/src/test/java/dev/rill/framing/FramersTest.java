package dev.rill.framing;

import static dev.rill.framing.RecordingHandler.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rill.api.Framing;
import dev.rill.framing.internal.EventStreamFramer;
import dev.rill.framing.internal.JsonArrayFramer;
import dev.rill.framing.internal.NdjsonFramer;
import dev.rill.framing.internal.SseFramer;
import org.junit.jupiter.api.Test;

class FramersTest {

  @Test
  void ofPicksTheFramerForEachFraming() {
    RecordingHandler h = new RecordingHandler();
    assertThat(Framers.of(Framing.SSE, FramingLimits.DEFAULT, h)).isInstanceOf(SseFramer.class);
    assertThat(Framers.of(Framing.NDJSON, FramingLimits.DEFAULT, h)).isInstanceOf(NdjsonFramer.class);
    assertThat(Framers.of(Framing.AWS_EVENT_STREAM, FramingLimits.DEFAULT, h)).isInstanceOf(EventStreamFramer.class);
    assertThat(Framers.of(Framing.JSON_ARRAY, FramingLimits.DEFAULT, h)).isInstanceOf(JsonArrayFramer.class);
  }

  @Test
  void eachFramingFramesItsOwnFormat() {
    String[] bodies = {"data: {}\n\n", "{}\n", null, "[{}]"};
    for (Framing framing : Framing.values()) {
      byte[] body = framing == Framing.AWS_EVENT_STREAM ? EventStreamMessages.event("e", "{}")
          : utf8(bodies[framing.ordinal()]);
      RecordingHandler h = new RecordingHandler();
      Framer framer = Framers.of(framing, FramingLimits.DEFAULT, h);
      framer.feed(body, 0, body.length);
      framer.endOfInput();
      assertThat(h.texts()).as(framing.name()).containsExactly("{}");
    }
  }
}
