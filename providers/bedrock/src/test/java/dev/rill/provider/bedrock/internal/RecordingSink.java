package dev.rill.provider.bedrock.internal;

import dev.rill.api.ChatAccumulator;
import dev.rill.api.ChatResponse;
import dev.rill.api.ChunkSink;
import dev.rill.api.StreamChunk;
import java.util.ArrayList;
import java.util.List;

/** A {@link ChunkSink} that keeps everything it is given, and folds the chunks. */
final class RecordingSink implements ChunkSink {
  final List<StreamChunk> chunks = new ArrayList<>();
  final List<String> warnings = new ArrayList<>();
  final ChatAccumulator accumulator = new ChatAccumulator("bedrock", null);
  String responseId;
  String model;
  int responseInfoCalls;

  @Override
  public void emit(StreamChunk chunk) {
    chunks.add(chunk);
    accumulator.add(chunk);
  }

  @Override
  public void responseInfo(String responseId, String model) {
    responseInfoCalls++;
    this.responseId = responseId;
    this.model = model;
    accumulator.responseInfo(responseId, model);
  }

  @Override
  public void warning(String message) {
    warnings.add(message);
  }

  ChatResponse response() {
    return accumulator.response();
  }
}
