package dev.rill.conformance.mutants;

import dev.rill.api.Framing;
import dev.rill.conformance.internal.FramerFactory;
import dev.rill.framing.EventHandler;
import dev.rill.framing.Framer;
import dev.rill.framing.Framers;
import dev.rill.framing.FramingLimits;
import java.nio.ByteBuffer;

/** Defect: an NDJSON last line without a newline is dropped at the end of input (rule W1.10). */
public final class LastLineDroppedFramerMutant implements FramerFactory {
  @Override
  public Framer create(Framing framing, FramingLimits limits, EventHandler handler) {
    Framer real = Framers.of(framing, limits, handler);
    return new Framer() {
      @Override
      public void feed(ByteBuffer bytes) {
        real.feed(bytes);
      }

      @Override
      public void endOfInput() {}

      @Override
      public boolean stopped() {
        return real.stopped();
      }
    };
  }
}
