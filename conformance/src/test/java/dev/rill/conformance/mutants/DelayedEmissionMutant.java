package dev.rill.conformance.mutants;

import dev.rill.api.ChatRequest;
import dev.rill.api.ChunkSink;
import dev.rill.api.StreamChunk;
import dev.rill.api.StreamDecoder;
import dev.rill.api.WireEvent;
import dev.rill.conformance.reference.ReferenceDecoder;
import dev.rill.conformance.reference.ReferenceProvider;
import java.util.ArrayList;
import java.util.List;

/**
 * Defect: a look-ahead decoder holds each event's chunks until the next event arrives, so the first chunk waits for
 * more bytes (rule L4.8).
 */
public class DelayedEmissionMutant extends ReferenceProvider {
  @Override
  public StreamDecoder newDecoder(ChatRequest request) {
    return new ReferenceDecoder() {
      private final List<StreamChunk> held = new ArrayList<>();

      @Override
      public Progress decode(WireEvent event, ChunkSink sink) {
        List<StreamChunk> previous = List.copyOf(held);
        held.clear();
        previous.forEach(sink::emit);
        return super.decode(event, new ChunkSink() {
          @Override
          public void emit(StreamChunk chunk) {
            held.add(chunk);
          }

          @Override
          public void responseInfo(String responseId, String model) {
            sink.responseInfo(responseId, model);
          }
        });
      }

      @Override
      public boolean endOfInput(ChunkSink sink) {
        held.forEach(sink::emit);
        held.clear();
        return false;
      }
    };
  }
}
