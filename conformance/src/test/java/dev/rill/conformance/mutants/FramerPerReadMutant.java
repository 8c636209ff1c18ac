package dev.rill.conformance.mutants;

import dev.rill.api.Framing;
import dev.rill.conformance.internal.FramerFactory;
import dev.rill.framing.EventHandler;
import dev.rill.framing.Framer;
import dev.rill.framing.Framers;
import dev.rill.framing.FramingLimits;
import java.nio.ByteBuffer;

/** Defect: the framing state is lost at every read boundary (a new parser per read) (rule W1.1). */
public final class FramerPerReadMutant implements FramerFactory {
  @Override
  public Framer create(Framing framing, FramingLimits limits, EventHandler handler) {
    return new Framer() {
      private boolean stopped;

      @Override
      public void feed(ByteBuffer bytes) {
        Framer fresh = Framers.of(framing, limits, handler);
        fresh.feed(bytes);
        stopped |= fresh.stopped();
      }

      @Override
      public void endOfInput() {}

      @Override
      public boolean stopped() {
        return stopped;
      }
    };
  }
}
