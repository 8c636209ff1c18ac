package dev.rill.conformance.mutants;

import dev.rill.api.ChatRequest;
import dev.rill.api.StreamChunk;
import dev.rill.api.StreamDecoder;
import dev.rill.api.ToolCallDelta;
import dev.rill.conformance.reference.ReferenceDecoder;
import dev.rill.conformance.reference.ReferenceProvider;
import java.util.ArrayList;
import java.util.List;

/** Defect: each argument fragment is emitted twice, so the arguments are not JSON (rule S2.3). */
public class ArgumentsRepeatedMutant extends ReferenceProvider {
  @Override
  public StreamDecoder newDecoder(ChatRequest request) {
    return new ReferenceDecoder() {
      @Override
      protected StreamChunk transform(StreamChunk c) {
        List<ToolCallDelta> out = new ArrayList<>();
        for (ToolCallDelta d : c.toolCalls()) {
          out.add(new ToolCallDelta(d.index(), d.id(), d.name(), d.arguments() + d.arguments(), d.signature()));
        }
        return c.toBuilder().toolCalls(out).build();
      }
    };
  }
}
