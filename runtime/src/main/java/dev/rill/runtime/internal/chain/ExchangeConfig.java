package dev.rill.runtime.internal.chain;

import dev.rill.runtime.Downstream;
import dev.rill.runtime.Interceptor;
import dev.rill.runtime.Upstream;
import dev.rill.runtime.internal.call.ExchangeSettings;

/**
 * Sets what the exchange does (deadlines, malformed-event policy, metadata, wire tap) for every layer below:
 * the one built-in the options add for all five, so a call pays one step for them.
 *
 * @param settings the exchange settings
 */
public record ExchangeConfig(ExchangeSettings settings) implements Interceptor {

  @Override
  public Upstream intercept(Chain chain, Downstream downstream) {
    return chain.withFirstChunkTimeout(settings.firstChunkTimeout()).withIdleTimeout(settings.idleTimeout())
        .withMalformedEvents(settings.malformedEvents()).withMetadata(settings.metadata())
        .withWireTap(settings.wireTap()).proceed(chain.request(), downstream);
  }
}
