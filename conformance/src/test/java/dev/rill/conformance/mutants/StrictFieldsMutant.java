package dev.rill.conformance.mutants;

import dev.rill.api.ChatRequest;
import dev.rill.api.ErrorKind;
import dev.rill.api.RillException;
import dev.rill.api.StreamDecoder;
import dev.rill.api.WireEvent;
import dev.rill.conformance.reference.ReferenceDecoder;
import dev.rill.conformance.reference.ReferenceProvider;
import java.util.Set;

/** Defect: an unknown member in a message event is rejected instead of skipped (rule W1.7). */
public class StrictFieldsMutant extends ReferenceProvider {
  private static final Set<String> KNOWN =
      Set.of("id", "model", "text", "reasoning", "tool", "finish", "usage", "error", "done");

  @Override
  public StreamDecoder newDecoder(ChatRequest request) {
    return new ReferenceDecoder() {
      @Override
      protected void onMember(String name, WireEvent event) {
        if (event.type().equals(WireEvent.MESSAGE) && !KNOWN.contains(name)) {
          throw RillException.builder(ErrorKind.MALFORMED_RESPONSE).message("unknown member " + name)
              .rawEvent(event.text()).build();
        }
      }

      @Override
      public Progress decode(WireEvent event, dev.rill.api.ChunkSink sink) {
        // this decoder dispatches on the event type first: only message events are read
        return event.type().equals(WireEvent.MESSAGE) ? super.decode(event, sink) : Progress.CONTINUE;
      }
    };
  }
}
