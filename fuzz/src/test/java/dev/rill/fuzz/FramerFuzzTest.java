package dev.rill.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.rill.api.ErrorKind;
import dev.rill.api.Framing;
import dev.rill.api.RillException;
import dev.rill.api.WireEvent;
import dev.rill.framing.EventHandler;
import dev.rill.framing.Framer;
import dev.rill.framing.Framers;
import dev.rill.framing.FramingLimits;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Fuzz targets for the four framers. Each input is framed in one read and again in reads of a size derived from
 * the input, with the default limits and with small ones (so the line and event caps are hit often). Oracles: the
 * only exception is a {@link RillException} of kind MALFORMED_RESPONSE (bad bytes) or LIMIT_EXCEEDED (a cap); both
 * partitions give the same events and the same outcome (the framer contract: any partition of the same bytes gives the same events). A hang (libFuzzer's
 * {@code -timeout}) or an {@code OutOfMemoryError} under the child JVM's heap cap is a finding too.
 */
class FramerFuzzTest {
  static final FramingLimits SMALL = new FramingLimits(256, 1024);

  static Stream<Arguments> sseSeeds() { return Seeds.ofFraming(Framing.SSE); }
  static Stream<Arguments> ndjsonSeeds() { return Seeds.ofFraming(Framing.NDJSON); }
  static Stream<Arguments> eventStreamSeeds() { return Seeds.ofFraming(Framing.AWS_EVENT_STREAM); }
  static Stream<Arguments> jsonArraySeeds() { return Seeds.jsonArrays(); }

  @MethodSource("sseSeeds")
  @FuzzTest(maxDuration = "10s")
  void sse(byte[] data) {
    check(Framing.SSE, data);
  }

  @MethodSource("ndjsonSeeds")
  @FuzzTest(maxDuration = "10s")
  void ndjson(byte[] data) {
    check(Framing.NDJSON, data);
  }

  /** Raw bytes (the CRC checks themselves) and the same bytes with their CRCs repaired (what lies past them). */
  @MethodSource("eventStreamSeeds")
  @FuzzTest(maxDuration = "10s")
  void eventStream(byte[] data) {
    check(Framing.AWS_EVENT_STREAM, data);
    check(Framing.AWS_EVENT_STREAM, EventStreamRepair.repair(data));
  }

  @MethodSource("jsonArraySeeds")
  @FuzzTest(maxDuration = "10s")
  void jsonArray(byte[] data) {
    check(Framing.JSON_ARRAY, data);
  }

  static void check(Framing framing, byte[] data) {
    int step = 1 + Math.floorMod(Arrays.hashCode(data), 61);
    for (FramingLimits limits : List.of(FramingLimits.DEFAULT, SMALL)) {
      Outcome whole = frame(framing, limits, data, data.length);
      Outcome split = frame(framing, limits, data, step);
      if (!whole.equals(split)) {
        throw new AssertionError(framing + " with " + limits + ": one read gave " + whole + " but reads of " + step
            + " bytes gave " + split);
      }
    }
  }

  /** What framing a body gave: the events (copied) and the error kind, if any. */
  record Outcome(List<WireEvent> events, ErrorKind error) {
    @Override
    public String toString() {
      return events.size() + " events" + (error == null ? "" : " then " + error) + " " + events;
    }
  }

  static Outcome frame(Framing framing, FramingLimits limits, byte[] data, int readSize) {
    List<WireEvent> events = new ArrayList<>();
    EventHandler handler = new EventHandler() {
      @Override public boolean onEvent(WireEvent event) {
        events.add(event.copy());
        return true;
      }
    };
    Framer framer = Framers.of(framing, limits, handler);
    try {
      for (int at = 0; at < data.length; at += readSize) {
        framer.feed(data, at, Math.min(readSize, data.length - at));
      }
      framer.endOfInput();
    } catch (RillException e) {
      if (e.kind() != ErrorKind.MALFORMED_RESPONSE && e.kind() != ErrorKind.LIMIT_EXCEEDED) {
        throw new AssertionError("a framer failed with " + e.kind() + ", not MALFORMED_RESPONSE or LIMIT_EXCEEDED", e);
      }
      return new Outcome(events, e.kind());
    }
    return new Outcome(events, null);
  }
}
