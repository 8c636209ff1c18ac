package dev.rill.runtime;

import dev.rill.api.ChatRequest;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Future;

/**
 * One layer of a call: observes, changes, retries or short-circuits the call below it. Interceptors form a chain,
 * OkHttp's model: the user's interceptors first (the client's, then the call's), then the built-in ones the call's
 * {@link StreamOptions} ask for ({@link Interceptors}: listeners, response checks, total deadline, fallback, retry,
 * metadata, the first-chunk and idle deadlines, the malformed-event policy), and last the exchange: one HTTP call,
 * decoded. {@link StreamOptions#basic()} is the shortest chain; {@link StreamOptions#enhanced()} is a preset of
 * built-ins.
 *
 * <p>{@link #intercept} runs once per call (per attempt, below a retry), on the thread that first requested chunks
 * (or the client's timer thread for a retry). It must call {@link Chain#proceed} at most once per attempt it makes
 * and return what the layer above may use to ask for chunks and to stop: usually the {@link Upstream} that
 * {@code proceed} returned. Signals come back through the {@link Downstream} it passes to {@code proceed}, wrapped
 * in a {@link ForwardingDownstream} to observe or change them.
 *
 * <pre>{@code
 * Interceptor logging = (chain, downstream) -> {
 *   log.info("-> {}", chain.request().model());
 *   return chain.proceed(chain.request(), new ForwardingDownstream(downstream) {
 *     @Override public void onComplete(ChatResponse response) {
 *       log.info("<- {} {}", response.finishReason(), response.usage());
 *       super.onComplete(response);
 *     }
 *     @Override public void onError(RillException error) {
 *       log.warn("<- {}", error.getMessage());
 *       super.onError(error);
 *     }
 *   });
 * };
 * Rill rill = Rill.builder().interceptor(logging).build();
 * }</pre>
 *
 * <p>The response passed to {@code onComplete}, and the partial response of an error, is the fold of what the
 * provider's decoder emitted: an interceptor that changes chunks changes the response too if the two must agree.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface Interceptor {

  /** Runs this layer of the call; returns the handle the layer above uses for demand and cancellation. */
  Upstream intercept(Chain chain, Downstream downstream);

  /**
   * The rest of the chain, as one layer sees it: the request, the call, the settings of the exchange at its end, and
   * {@link #proceed}. Immutable: the {@code with...} methods return a chain whose layers below see the new value.
   */
  interface Chain {

    /** The request as this layer received it (its model spec names the provider: {@code provider:model}). */
    ChatRequest request();

    /** The call: its id, and the provider, model and attempt below this layer. */
    CallInfo call();

    /** The call's listeners as one (a no-op when there are none); built-ins report retries and fallbacks here. */
    StreamListener listener();

    /** The client's clock. */
    Clock clock();

    /**
     * Runs {@code task} on the client's timer thread after {@code delay}; cancel the returned future to drop it.
     * Keep the task short: it shares one thread with every deadline of the client.
     */
    Future<?> schedule(Duration delay, Runnable task);

    /** From sending the request to the first chunk with output; null for none. */
    Duration firstChunkTimeout();

    /** A chain whose exchange fails with {@code TIMEOUT} ({@code FIRST_CHUNK}) after {@code timeout}; null for none. */
    Chain withFirstChunkTimeout(Duration timeout);

    /** The longest silence on the wire once output started (comments and pings count); null for none. */
    Duration idleTimeout();

    /** A chain whose exchange fails with {@code TIMEOUT} ({@code IDLE}) after {@code timeout} of silence. */
    Chain withIdleTimeout(Duration timeout);

    /** What the exchange does with an event the plugin cannot read. */
    MalformedEventPolicy malformedEvents();

    /** A chain whose exchange applies {@code policy} to malformed events. */
    Chain withMalformedEvents(MalformedEventPolicy policy);

    /** Whether chunks get {@link dev.rill.api.ChunkMetadata}. */
    boolean metadata();

    /** A chain whose exchange attaches chunk metadata (index, arrival time, wire bytes, provider, model). */
    Chain withMetadata(boolean on);

    /** The tap that sees the exchange's raw bytes, or null. */
    WireTap wireTap();

    /** A chain whose exchange shows its request and response bytes to {@code tap} (null for none). */
    Chain withWireTap(WireTap tap);

    /**
     * Runs the rest of the chain for {@code request} (usually {@link #request()}, possibly changed: another model
     * spec, more messages). Cold: nothing is sent before the returned upstream's first {@code request(n)}. Never
     * throws for a failure of the call: it arrives as {@link Downstream#onError}.
     */
    Upstream proceed(ChatRequest request, Downstream downstream);
  }
}
