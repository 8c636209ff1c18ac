package dev.rill.conformance.mutants;

import dev.rill.api.ChatRequest;
import dev.rill.api.StreamChunk;
import dev.rill.api.StreamDecoder;
import dev.rill.api.ToolCallDelta;
import dev.rill.conformance.reference.ReferenceDecoder;
import dev.rill.conformance.reference.ReferenceProvider;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Defect: a tool call's id changes mid-call (the second fragment states another id; later ones the first again,
 * so the fold still looks right) (rule S2.4).
 */
public class ChangingIdMutant extends ReferenceProvider {
  @Override
  public StreamDecoder newDecoder(ChatRequest request) {
    return new ReferenceDecoder() {
      private final Map<Integer, Integer> fragments = new HashMap<>();
      private final Map<Integer, String> ids = new HashMap<>();

      @Override
      protected StreamChunk transform(StreamChunk chunk) {
        if (chunk.toolCalls().isEmpty()) {
          return chunk;
        }
        List<ToolCallDelta> out = new ArrayList<>();
        for (ToolCallDelta d : chunk.toolCalls()) {
          int n = fragments.merge(d.index(), 1, Integer::sum);
          if (d.id() != null) {
            ids.putIfAbsent(d.index(), d.id());
          }
          String id = n == 2 ? "call_changed" : n > 2 ? ids.get(d.index()) : d.id();
          out.add(new ToolCallDelta(d.index(), id, d.name(), d.arguments(), d.signature()));
        }
        return chunk.toBuilder().toolCalls(out).build();
      }
    };
  }
}
