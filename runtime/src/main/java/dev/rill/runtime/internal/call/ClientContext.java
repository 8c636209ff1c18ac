package dev.rill.runtime.internal.call;

import dev.rill.framing.DecodeLimits;

import dev.rill.runtime.internal.transport.HttpTransport;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;

/**
 * What every call of one client shares: provider resolution, the transport, the timer thread, the clock, the
 * limits and guards, and the I/O-thread watch.
 *
 * @param resolver resolves model specs
 * @param transport the HTTP transport
 * @param timer the client's timer thread (deadlines, retries)
 * @param clock the client's clock
 * @param limits the caps every decode session enforces
 * @param guards the checks before a request is sent
 * @param errorBodyCap the most bytes of an error body kept for classification
 * @param errorBodyTimeout how long an error body may take to arrive before it is classified as it is
 * @param drainGrace how long to wait for the body's end after the protocol terminator before closing the exchange
 * @param watch notices consumers that hold an I/O thread
 */
public record ClientContext(ProviderResolver resolver, HttpTransport transport, ScheduledExecutorService timer,
    Clock clock, DecodeLimits limits, RequestGuards guards, int errorBodyCap, Duration errorBodyTimeout,
    Duration drainGrace, IoWatch watch) {}
