package dev.rill.testkit;

import dev.rill.api.ChatAccumulator;
import dev.rill.api.ChatResponse;
import dev.rill.api.ChunkSink;
import dev.rill.api.StreamChunk;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link ChunkSink} for decoder tests: keeps every chunk, warning and response-info call it is given, in order,
 * and folds the chunks with a {@link ChatAccumulator}. What it recorded is in public fields, for short assertions
 * ({@code sink.chunks}, {@code sink.responseId}). Not thread-safe, like a decoder.
 *
 * @since 0.1
 */
public final class RecordingSink implements ChunkSink {
  /** Every chunk emitted, in order. */
  public final List<StreamChunk> chunks = new ArrayList<>();
  /** Every warning, in order. */
  public final List<String> warnings = new ArrayList<>();
  /** The fold of {@link #chunks}. */
  public final ChatAccumulator accumulator;
  /** The last response id reported (null included), or null. */
  public String responseId;
  /** The last model reported (null included), or null. */
  public String model;
  /** How many times {@link #responseInfo} was called. */
  public int responseInfoCalls;

  /** A sink whose fold names the provider {@code "test"}. */
  public RecordingSink() {
    this("test");
  }

  /** A sink whose fold names {@code provider}. */
  public RecordingSink(String provider) {
    this.accumulator = new ChatAccumulator(provider, null);
  }

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

  /** The response folded so far. */
  public ChatResponse response() {
    return accumulator.response();
  }
}
