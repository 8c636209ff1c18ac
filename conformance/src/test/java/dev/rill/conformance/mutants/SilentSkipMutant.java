package dev.rill.conformance.mutants;

import dev.rill.api.ChatRequest;
import dev.rill.api.ChunkSink;
import dev.rill.api.ErrorKind;
import dev.rill.api.RillException;
import dev.rill.api.StreamDecoder;
import dev.rill.api.WireEvent;
import dev.rill.conformance.reference.ReferenceDecoder;
import dev.rill.conformance.reference.ReferenceProvider;

/** Defect: a malformed event is skipped silently instead of raising MALFORMED_RESPONSE (rule E3.6). */
public class SilentSkipMutant extends ReferenceProvider {
  @Override
  public StreamDecoder newDecoder(ChatRequest request) {
    return new ReferenceDecoder() {
      @Override
      public Progress decode(WireEvent event, ChunkSink sink) {
        try {
          return super.decode(event, sink);
        } catch (RillException e) {
          if (e.kind() == ErrorKind.MALFORMED_RESPONSE) {
            return Progress.CONTINUE;
          }
          throw e;
        }
      }
    };
  }
}
