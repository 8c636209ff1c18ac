package dev.rill.conformance.mutants;

import dev.rill.api.ChatRequest;
import dev.rill.api.ChunkSink;
import dev.rill.api.StreamDecoder;
import dev.rill.api.WireEvent;
import dev.rill.conformance.reference.ReferenceDecoder;
import dev.rill.conformance.reference.ReferenceProvider;

/** Defect: matches the [DONE] sentinel as a substring, so " [DONE]" or "[DONE]x" ends the stream (rule W1.6). */
public class DoneAsSubstringMutant extends ReferenceProvider {
  @Override
  public StreamDecoder newDecoder(ChatRequest request) {
    return new ReferenceDecoder() {
      @Override
      public Progress decode(WireEvent event, ChunkSink sink) {
        return event.text().contains("[DONE]") ? Progress.END : super.decode(event, sink);
      }
    };
  }
}
