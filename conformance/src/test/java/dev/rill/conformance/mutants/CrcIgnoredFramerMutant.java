package dev.rill.conformance.mutants;

import dev.rill.api.Framing;
import dev.rill.conformance.internal.EventStreamMessages;
import dev.rill.conformance.internal.FramerFactory;
import dev.rill.framing.EventHandler;
import dev.rill.framing.Framer;
import dev.rill.framing.Framers;
import dev.rill.framing.FramingLimits;

/**
 * Defect: an AWS event-stream reader that never checks the prelude and message CRCs (rule W1.11). Simulated by
 * recomputing every message's CRCs before the real framer checks them.
 */
public final class CrcIgnoredFramerMutant implements FramerFactory {
  @Override
  public Framer create(Framing framing, FramingLimits limits, EventHandler handler) {
    Framer real = Framers.of(framing, limits, handler);
    return framing == Framing.AWS_EVENT_STREAM ? new ByteRewritingFramer(real, EventStreamMessages::withValidCrcs)
        : real;
  }
}
