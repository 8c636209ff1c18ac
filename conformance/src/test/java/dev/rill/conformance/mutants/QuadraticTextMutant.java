package dev.rill.conformance.mutants;

import dev.rill.api.ChatRequest;
import dev.rill.api.StreamChunk;
import dev.rill.api.StreamDecoder;
import dev.rill.conformance.reference.ReferenceDecoder;
import dev.rill.conformance.reference.ReferenceProvider;

/**
 * Defect: for each character of a delta the decoder re-scans the text before it (as a decoder that re-checks its
 * whole pending buffer on every append does), so its cost grows with the square of the delta's length (rule P5.3).
 * The quadratic term dominates the framing's linear cost by far, so the ratio lands near 16x, beyond P5.3's regression
 * bound (8x), where noise on a shared machine does not take a linear decoder.
 */
public class QuadraticTextMutant extends ReferenceProvider {
  @Override
  public StreamDecoder newDecoder(ChatRequest request) {
    return new ReferenceDecoder() {
      private long scanned;

      @Override
      protected StreamChunk transform(StreamChunk chunk) {
        String text = chunk.content();
        long h = 0;
        for (int i = 0; i < text.length(); i += 4) {
          for (int j = 0; j <= i; j++) {
            h = h * 31 + text.charAt(j);
          }
        }
        scanned = h;
        return chunk;
      }
    };
  }
}
