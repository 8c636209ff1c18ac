package dev.rill.conformance.mutants;

import dev.rill.framing.Framer;
import java.nio.ByteBuffer;
import java.util.function.UnaryOperator;

/**
 * A framer that collects the whole body, rewrites it, and only then lets the real framer cut it: the base of the
 * framer mutants. Collecting first keeps a mutant's defect independent of read boundaries (so only the rule it
 * targets sees it).
 */
final class ByteRewritingFramer implements Framer {
  private final Framer delegate;
  private final UnaryOperator<byte[]> rewrite;
  private final java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();

  ByteRewritingFramer(Framer delegate, UnaryOperator<byte[]> rewrite) {
    this.delegate = delegate;
    this.rewrite = rewrite;
  }

  @Override
  public void feed(ByteBuffer bytes) {
    byte[] b = new byte[bytes.remaining()];
    bytes.get(b);
    body.writeBytes(b);
  }

  @Override
  public void endOfInput() {
    byte[] out = rewrite.apply(body.toByteArray());
    delegate.feed(out, 0, out.length);
    if (!delegate.stopped()) {
      delegate.endOfInput();
    }
  }

  @Override
  public boolean stopped() {
    return delegate.stopped();
  }
}
