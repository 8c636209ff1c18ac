package dev.rill.conformance.mutants;

import dev.rill.api.ChatRequest;
import dev.rill.api.StreamChunk;
import dev.rill.api.StreamDecoder;
import dev.rill.conformance.reference.ReferenceDecoder;
import dev.rill.conformance.reference.ReferenceProvider;

/** Defect: trailing whitespace of each text delta is trimmed (rule W1.9). */
public class TrimmingMutant extends ReferenceProvider {
  @Override
  public StreamDecoder newDecoder(ChatRequest request) {
    return new ReferenceDecoder() {
      @Override
      protected StreamChunk transform(StreamChunk c) {
        return c.toBuilder().content(c.content().stripTrailing()).build();
      }
    };
  }
}
