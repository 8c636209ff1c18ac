package dev.rill.cli;

import dev.rill.testkit.server.Response;
import java.time.Duration;
import java.util.List;
import java.util.Random;

/**
 * Paces a transcript's events as a provider sends them: a first-token wait of about 300 ms, then one network
 * write per event, 15 to 40 ms apart, all divided by the speed-up. The same seed gives the same gaps.
 */
final class Replay {
  static final long FIRST_TOKEN_MS = 300;
  static final int MIN_GAP_MS = 15;
  static final int MAX_GAP_MS = 40;

  private final double speed;
  private final long seed;

  Replay(double speed, long seed) {
    this.speed = speed;
    this.seed = seed;
  }

  /** A 200 response of this media type writing {@code events} with realistic pacing; a script may add steps. */
  Response paced(String mediaType, List<byte[]> events) {
    Response r = Response.status(200).header("Content-Type", mediaType).header("Cache-Control", "no-cache");
    Random random = new Random(seed);
    r = r.pause(scaled(FIRST_TOKEN_MS));
    for (int i = 0; i < events.size(); i++) {
      if (i > 0) {
        r = r.pause(scaled(MIN_GAP_MS + random.nextInt(MAX_GAP_MS - MIN_GAP_MS + 1)));
      }
      r = r.write(events.get(i));
    }
    return r;
  }

  private Duration scaled(long millis) {
    return Duration.ofNanos((long) (millis * 1_000_000L / speed));
  }
}
