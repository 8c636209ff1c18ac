package dev.rill.conformance.mutants;

import dev.rill.api.ChatRequest;
import dev.rill.api.StreamChunk;
import dev.rill.api.StreamDecoder;
import dev.rill.conformance.reference.ReferenceDecoder;
import dev.rill.conformance.reference.ReferenceProvider;

/** Defect: reasoning deltas are dropped, so the fold misses the reasoning (rule S2.8). */
public class DroppedReasoningMutant extends ReferenceProvider {
  @Override
  public StreamDecoder newDecoder(ChatRequest request) {
    return new ReferenceDecoder() {
      @Override
      protected StreamChunk transform(StreamChunk c) {
        return c.toBuilder().reasoning("").build();
      }
    };
  }
}
