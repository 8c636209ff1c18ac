package dev.rill.conformance.mutants;

import dev.rill.api.ChatRequest;
import dev.rill.api.ChunkSink;
import dev.rill.api.StreamDecoder;
import dev.rill.api.WireEvent;
import dev.rill.conformance.reference.ReferenceDecoder;
import dev.rill.conformance.reference.ReferenceProvider;

/**
 * Defect: the decoder re-scans every event byte by byte hundreds of times (a search per field and per pattern, as a
 * regex-based decoder does), without allocating: slow, not wasteful (rule P5.1). Slow enough to land beyond P5.1's
 * regression bound (well under 0.1x the reference), far outside what a loaded machine does to a sound decoder.
 */
public class SlowDecoderMutant extends ReferenceProvider {
  @Override
  public StreamDecoder newDecoder(ChatRequest request) {
    return new ReferenceDecoder() {
      private long hash;

      @Override
      public Progress decode(WireEvent event, ChunkSink sink) {
        long h = hash;
        byte[] a = event.array();
        for (int round = 0; round < 400; round++) {
          for (int i = event.offset(); i < event.offset() + event.length(); i++) {
            h = h * 31 + a[i] + round;
          }
        }
        hash = h;
        return super.decode(event, sink);
      }
    };
  }
}
