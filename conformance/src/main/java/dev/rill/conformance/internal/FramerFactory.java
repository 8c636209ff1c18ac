package dev.rill.conformance.internal;

import dev.rill.api.Framing;
import dev.rill.framing.EventHandler;
import dev.rill.framing.Framer;
import dev.rill.framing.Framers;
import dev.rill.framing.FramingLimits;

/**
 * Makes the framer a replay cuts a body with. The kit uses {@link Framers#of}, the framers the runtime uses; the
 * kit's own tests substitute broken framers to prove the wire rules can fail.
 */
@FunctionalInterface
public interface FramerFactory extends Framers.Factory {
  /** The runtime's framers. */
  FramerFactory STANDARD = Framers::of;

  /** A new framer for one body. */
  @Override
  Framer create(Framing framing, FramingLimits limits, EventHandler handler);
}
