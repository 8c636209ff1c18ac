package dev.rill.conformance.mutants;

import dev.rill.api.ChatRequest;
import dev.rill.api.ChunkSink;
import dev.rill.api.StreamDecoder;
import dev.rill.api.WireEvent;
import dev.rill.conformance.reference.ReferenceDecoder;
import dev.rill.conformance.reference.ReferenceProvider;

/** Defect: invalid UTF-8 makes an IllegalStateException escape instead of a RillException (rule E3.7). */
public class UncheckedExceptionMutant extends ReferenceProvider {
  @Override
  public StreamDecoder newDecoder(ChatRequest request) {
    return new ReferenceDecoder() {
      @Override
      public Progress decode(WireEvent event, ChunkSink sink) {
        if (event.text().indexOf('\uFFFD') >= 0) {
          throw new IllegalStateException("unexpected character in event");
        }
        return super.decode(event, sink);
      }
    };
  }
}
