package dev.rill.framing;

import dev.rill.api.WireEvent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** An {@link EventHandler} for tests: keeps a copy of every event and counts keep-alive bytes. */
final class RecordingHandler implements EventHandler {
  final List<WireEvent> events = new ArrayList<>();
  final List<Integer> wireSizes = new ArrayList<>();
  final List<Integer> keepAlives = new ArrayList<>();
  private final int stopAfter;

  RecordingHandler() {
    this(Integer.MAX_VALUE);
  }

  /** A handler that returns {@code false} from the {@code stopAfter}-th event. */
  RecordingHandler(int stopAfter) {
    this.stopAfter = stopAfter;
  }

  @Override
  public boolean onEvent(WireEvent event) {
    events.add(event.copy());
    wireSizes.add(event.wireSize());
    return events.size() < stopAfter;
  }

  @Override
  public void onKeepAlive(int bytes) {
    keepAlives.add(bytes);
  }

  List<String> texts() {
    return events.stream().map(WireEvent::text).toList();
  }

  List<String> types() {
    return events.stream().map(WireEvent::type).toList();
  }

  int keepAliveBytes() {
    return keepAlives.stream().mapToInt(Integer::intValue).sum();
  }

  int wireBytes() {
    return wireSizes.stream().mapToInt(Integer::intValue).sum();
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** Feeds {@code body} to {@code framer} in reads of the given sizes (the rest in one last read). */
  static void feedSplit(Framer framer, byte[] body, List<Integer> cuts) {
    int prev = 0;
    for (int cut : cuts) {
      int at = Math.max(prev, Math.min(cut, body.length));
      framer.feed(body, prev, at - prev);
      prev = at;
    }
    framer.feed(body, prev, body.length - prev);
  }
}
