package dev.rill.conformance.mutants;

import dev.rill.api.Framing;
import dev.rill.conformance.internal.FramerFactory;
import dev.rill.framing.EventHandler;
import dev.rill.framing.Framer;
import dev.rill.framing.Framers;
import dev.rill.framing.FramingLimits;
import java.nio.charset.StandardCharsets;

/** Defect: the value starts six characters after "data" (substring(6)), eating a character of "data:x" (W1.5). */
public final class FixedOffsetFramerMutant implements FramerFactory {
  @Override
  public Framer create(Framing framing, FramingLimits limits, EventHandler handler) {
    return new ByteRewritingFramer(Framers.of(framing, limits, handler), b -> new String(b, StandardCharsets.UTF_8)
        .replaceAll("(?m)^data:([^ \\r\\n])", "data:").getBytes(StandardCharsets.UTF_8));
  }
}
