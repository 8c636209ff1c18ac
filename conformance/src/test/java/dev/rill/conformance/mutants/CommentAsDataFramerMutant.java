package dev.rill.conformance.mutants;

import dev.rill.api.Framing;
import dev.rill.conformance.internal.FramerFactory;
import dev.rill.framing.EventHandler;
import dev.rill.framing.Framer;
import dev.rill.framing.Framers;
import dev.rill.framing.FramingLimits;
import java.nio.charset.StandardCharsets;

/** Defect: SSE comment lines are treated as data lines (rule W1.2). */
public final class CommentAsDataFramerMutant implements FramerFactory {
  @Override
  public Framer create(Framing framing, FramingLimits limits, EventHandler handler) {
    return new ByteRewritingFramer(Framers.of(framing, limits, handler), b -> {
      String s = new String(b, StandardCharsets.UTF_8);
      s = (s.startsWith(":") ? "data" + s : s).replace("\n:", "\ndata:");
      return s.getBytes(StandardCharsets.UTF_8);
    });
  }
}
