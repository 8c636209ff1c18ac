package dev.rill.conformance.mutants;

import dev.rill.api.Framing;
import dev.rill.conformance.internal.FramerFactory;
import dev.rill.framing.EventHandler;
import dev.rill.framing.Framer;
import dev.rill.framing.Framers;
import dev.rill.framing.FramingLimits;

/**
 * Defect: a leading BOM is kept, so the first field name reads "\uFEFFdata" and the first event is lost (rule W1.4).
 * Simulated by doubling a leading BOM before the real framer strips one.
 */
public final class BomKeptFramerMutant implements FramerFactory {
  @Override
  public Framer create(Framing framing, FramingLimits limits, EventHandler handler) {
    boolean[] first = {true};
    return new ByteRewritingFramer(Framers.of(framing, limits, handler), b -> {
      boolean bom = first[0] && b.length >= 3 && (b[0] & 0xFF) == 0xEF && (b[1] & 0xFF) == 0xBB
          && (b[2] & 0xFF) == 0xBF;
      first[0] = false;
      if (!bom) {
        return b;
      }
      byte[] out = new byte[b.length + 3];
      System.arraycopy(b, 0, out, 0, 3);
      System.arraycopy(b, 0, out, 3, b.length);
      return out;
    });
  }
}
