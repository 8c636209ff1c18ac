package dev.rill.runtime.internal.call;

import dev.rill.runtime.MalformedEventPolicy;
import dev.rill.runtime.WireTap;
import java.time.Duration;

/**
 * What the exchange at the end of the chain does per attempt; interceptors change it through the chain's
 * {@code with...} methods.
 *
 * @param firstChunkTimeout from sending to the first chunk with output, or null
 * @param idleTimeout the longest silence once output started, or null
 * @param malformedEvents what to do with an event the plugin cannot read
 * @param metadata whether chunks get metadata
 * @param wireTap the raw-bytes tap, or null
 */
public record ExchangeSettings(Duration firstChunkTimeout, Duration idleTimeout, MalformedEventPolicy malformedEvents,
    boolean metadata, WireTap wireTap) {

  /**
   * The basic pipeline's: the first chunk within 10 minutes (the official SDKs wait 600 s for a read, and a
   * reasoning model may think that long before its first token); the transport's socket timeout guards silence.
   */
  public static final ExchangeSettings DEFAULT =
      new ExchangeSettings(Duration.ofMinutes(10), null, MalformedEventPolicy.FAIL, false, null);

  public ExchangeSettings withFirstChunkTimeout(Duration d) {
    return new ExchangeSettings(d, idleTimeout, malformedEvents, metadata, wireTap);
  }

  public ExchangeSettings withIdleTimeout(Duration d) {
    return new ExchangeSettings(firstChunkTimeout, d, malformedEvents, metadata, wireTap);
  }

  public ExchangeSettings withMalformedEvents(MalformedEventPolicy p) {
    return new ExchangeSettings(firstChunkTimeout, idleTimeout, p, metadata, wireTap);
  }

  public ExchangeSettings withMetadata(boolean on) {
    return new ExchangeSettings(firstChunkTimeout, idleTimeout, malformedEvents, on, wireTap);
  }

  public ExchangeSettings withWireTap(WireTap tap) {
    return new ExchangeSettings(firstChunkTimeout, idleTimeout, malformedEvents, metadata, tap);
  }
}
