package dev.rill.runtime.internal.stream;

import dev.rill.api.ChatRequest;
import dev.rill.api.ProviderSettings;
import dev.rill.api.StreamingProvider;
import dev.rill.framing.FramingLimits;
import dev.rill.runtime.internal.transport.HttpTransport;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Everything one stream needs: the provider, the request with its bare model name, the resolved settings,
 * and the client's shared transport and scheduler.
 *
 * @param provider the plugin
 * @param request the request, model already stripped of its provider prefix
 * @param settings base URL, key and options
 * @param transport the client's HTTP transport
 * @param limits framing caps
 * @param scheduler the client's timer thread
 * @param clock the client's clock
 * @param errorBodyCap the most bytes of an error body kept for classification
 * @param drainGrace how long to wait for the body's end after the protocol terminator before closing the exchange
 * @param enhancements the enhanced pipeline's per-attempt features, or null in basic mode
 */
public record CallSpec(
    StreamingProvider provider,
    ChatRequest request,
    ProviderSettings settings,
    HttpTransport transport,
    FramingLimits limits,
    ScheduledExecutorService scheduler,
    Clock clock,
    int errorBodyCap,
    Duration drainGrace,
    Enhancements enhancements) {

  public String providerId() {
    return settings.providerId();
  }
}
