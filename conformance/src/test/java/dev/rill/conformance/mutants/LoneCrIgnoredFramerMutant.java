package dev.rill.conformance.mutants;

import dev.rill.api.Framing;
import dev.rill.conformance.internal.FramerFactory;
import dev.rill.framing.EventHandler;
import dev.rill.framing.Framer;
import dev.rill.framing.Framers;
import dev.rill.framing.FramingLimits;
import java.io.ByteArrayOutputStream;

/** Defect: CR is not a line end (every CR is dropped), so CR-only streams are one long line (rule W1.3). */
public final class LoneCrIgnoredFramerMutant implements FramerFactory {
  @Override
  public Framer create(Framing framing, FramingLimits limits, EventHandler handler) {
    return new ByteRewritingFramer(Framers.of(framing, limits, handler), b -> {
      ByteArrayOutputStream out = new ByteArrayOutputStream(b.length);
      for (byte x : b) {
        if (x != '\r') {
          out.write(x);
        }
      }
      return out.toByteArray();
    });
  }
}
