package dev.rill.conformance.mutants;

import dev.rill.api.ChatRequest;
import dev.rill.api.ChunkSink;
import dev.rill.api.StreamDecoder;
import dev.rill.api.WireEvent;
import dev.rill.conformance.reference.ReferenceDecoder;
import dev.rill.conformance.reference.ReferenceProvider;

/** Defect: the decoder copies every event into a fresh 4 KiB buffer it then keeps (rule P5.2). */
public class AllocatingMutant extends ReferenceProvider {
  @Override
  public StreamDecoder newDecoder(ChatRequest request) {
    return new ReferenceDecoder() {
      private byte[] last;

      @Override
      public Progress decode(WireEvent event, ChunkSink sink) {
        byte[] copy = new byte[4096 + event.length()];
        System.arraycopy(event.array(), event.offset(), copy, 0, event.length());
        last = copy;
        return super.decode(event, sink);
      }
    };
  }
}
