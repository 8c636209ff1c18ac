package dev.rill.conformance.mutants;

import dev.rill.api.ChatRequest;
import dev.rill.api.FinishReason;
import dev.rill.api.StreamDecoder;
import dev.rill.conformance.reference.ReferenceDecoder;
import dev.rill.conformance.reference.ReferenceProvider;

/** Defect: an unknown raw finish value maps to STOP (rule S2.5). */
public class UnknownFinishAsStopMutant extends ReferenceProvider {
  @Override
  public StreamDecoder newDecoder(ChatRequest request) {
    return new ReferenceDecoder() {
      @Override
      protected FinishReason finishReason(String raw) {
        FinishReason r = super.finishReason(raw);
        return r.kind() == FinishReason.Kind.OTHER ? r.as(FinishReason.Kind.STOP) : r;
      }
    };
  }
}
