package dev.rill.conformance.mutants;

import dev.rill.api.ChatRequest;
import dev.rill.api.ChunkSink;
import dev.rill.api.ErrorKind;
import dev.rill.api.RillException;
import dev.rill.api.StreamDecoder;
import dev.rill.api.WireEvent;
import dev.rill.conformance.reference.ReferenceDecoder;
import dev.rill.conformance.reference.ReferenceProvider;

/** Defect: an SSE event type the plugin does not know is an error instead of being ignored (rule W1.8). */
public class UnknownEventRejectedMutant extends ReferenceProvider {
  @Override
  public StreamDecoder newDecoder(ChatRequest request) {
    return new ReferenceDecoder() {
      @Override
      public Progress decode(WireEvent event, ChunkSink sink) {
        if (!event.type().equals(WireEvent.MESSAGE)) {
          throw RillException.builder(ErrorKind.MALFORMED_RESPONSE).message("unknown event type " + event.type())
              .rawEvent(event.text()).build();
        }
        return super.decode(event, sink);
      }
    };
  }
}
