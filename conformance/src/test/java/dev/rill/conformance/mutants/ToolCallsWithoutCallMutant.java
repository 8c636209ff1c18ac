package dev.rill.conformance.mutants;

import dev.rill.api.ChatRequest;
import dev.rill.api.FinishReason;
import dev.rill.api.StreamDecoder;
import dev.rill.conformance.reference.ReferenceDecoder;
import dev.rill.conformance.reference.ReferenceProvider;

/** Defect: "length" is mapped to TOOL_CALLS, so a text answer reports tool calls it never made (rule S2.6). */
public class ToolCallsWithoutCallMutant extends ReferenceProvider {
  @Override
  public StreamDecoder newDecoder(ChatRequest request) {
    return new ReferenceDecoder() {
      @Override
      protected FinishReason finishReason(String raw) {
        FinishReason r = super.finishReason(raw);
        return r.kind() == FinishReason.Kind.LENGTH ? r.as(FinishReason.Kind.TOOL_CALLS) : r;
      }
    };
  }
}
