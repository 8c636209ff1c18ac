package dev.rill.conformance.mutants;

import dev.rill.api.ChatRequest;
import dev.rill.api.ChunkSink;
import dev.rill.api.StreamDecoder;
import dev.rill.conformance.reference.ReferenceDecoder;
import dev.rill.conformance.reference.ReferenceProvider;

/** Defect: a body that ends without the terminator is accepted as complete (rule L4.7). */
public class EofAcceptedMutant extends ReferenceProvider {
  @Override
  public StreamDecoder newDecoder(ChatRequest request) {
    return new ReferenceDecoder() {
      @Override
      public boolean endOfInput(ChunkSink sink) {
        return true;
      }
    };
  }
}
