package dev.rill.conformance.mutants;

import dev.rill.api.ChatRequest;
import dev.rill.api.ChunkSink;
import dev.rill.api.StreamChunk;
import dev.rill.api.StreamDecoder;
import dev.rill.api.WireEvent;
import dev.rill.conformance.reference.ReferenceDecoder;
import dev.rill.conformance.reference.ReferenceProvider;

/** Defect: the finish reason is emitted twice (rule S2.1). */
public class DoubleFinishMutant extends ReferenceProvider {
  @Override
  public StreamDecoder newDecoder(ChatRequest request) {
    return new ReferenceDecoder() {
      @Override
      public Progress decode(WireEvent event, ChunkSink sink) {
        return super.decode(event, new ChunkSink() {
          @Override
          public void emit(StreamChunk chunk) {
            sink.emit(chunk);
            if (chunk.finishReason() != null) {
              sink.emit(StreamChunk.finish(chunk.finishReason()));
            }
          }

          @Override
          public void responseInfo(String responseId, String model) {
            sink.responseInfo(responseId, model);
          }
        });
      }
    };
  }
}
