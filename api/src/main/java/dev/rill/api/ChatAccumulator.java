package dev.rill.api;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Folds {@link StreamChunk}s into a {@link ChatResponse}. Not thread-safe: feed it from one thread, as a
 * subscriber receives chunks. Usage reports are merged with {@link Usage#merge}; the last finish reason of
 * a choice wins.
 *
 * <pre>{@code
 * ChatAccumulator acc = new ChatAccumulator("openai", "gpt-4o-mini");
 * chunks.forEach(acc::add);
 * ChatResponse response = acc.response();
 * }</pre>
 *
 * @since 0.1
 */
public final class ChatAccumulator {
  private final String provider;
  private String model;
  private String responseId;
  private Usage usage;
  private long chunkCount;
  private final TreeMap<Integer, ChoiceState> choices = new TreeMap<>();
  private final List<String> warnings = new ArrayList<>();

  /** An accumulator for a stream from {@code provider}; {@code model} is the requested model, or null. */
  public ChatAccumulator(String provider, String model) {
    this.provider = provider;
    this.model = model;
    choices.put(0, new ChoiceState(0));
  }

  /** Adds one chunk. */
  public void add(StreamChunk chunk) {
    chunkCount++;
    if (chunk.usage() != null) {
      usage = usage == null ? chunk.usage() : usage.merge(chunk.usage());
    }
    if (!chunk.hasOutput() && chunk.finishReason() == null) {
      return;
    }
    ChoiceState c = choices.computeIfAbsent(chunk.choice(), ChoiceState::new);
    c.text.append(chunk.content());
    c.reasoning.append(chunk.reasoning());
    c.refusal.append(chunk.refusal());
    for (ToolCallDelta d : chunk.toolCalls()) {
      ToolState t = c.tools.computeIfAbsent(d.index(), i -> new ToolState());
      if (d.id() != null && !d.id().isEmpty()) {
        t.id = d.id();
      }
      if (d.name() != null && !d.name().isEmpty()) {
        t.name = d.name();
      }
      t.arguments.append(d.arguments());
    }
    if (chunk.finishReason() != null) {
      c.finishReason = chunk.finishReason();
    }
  }

  /** Records the response id and actual model, as a decoder's {@link ChunkSink#responseInfo} reports them. */
  public void responseInfo(String responseId, String model) {
    if (responseId != null && !responseId.isEmpty()) {
      this.responseId = responseId;
    }
    if (model != null && !model.isEmpty()) {
      this.model = model;
    }
  }

  /** Adds a warning to the response. */
  public void warning(String message) {
    warnings.add(message);
  }

  /** How many chunks were added. */
  public long chunkCount() {
    return chunkCount;
  }

  /** Whether any chunk carried output. */
  public boolean hasOutput() {
    for (ChoiceState c : choices.values()) {
      if (c.text.length() > 0 || c.reasoning.length() > 0 || c.refusal.length() > 0 || !c.tools.isEmpty()) {
        return true;
      }
    }
    return false;
  }

  /** The response folded so far. */
  public ChatResponse response() {
    List<ChatResponse.Choice> all = new ArrayList<>(choices.size());
    for (ChoiceState c : choices.values()) {
      all.add(c.toChoice());
    }
    ChatResponse.Choice first = all.get(0);
    return new ChatResponse(provider, model, responseId, first.text(), first.reasoning(), first.refusal(),
        first.toolCalls(), usage, first.finishReason(), chunkCount, all, warnings, null);
  }

  private static final class ChoiceState {
    final int index;
    final StringBuilder text = new StringBuilder();
    final StringBuilder reasoning = new StringBuilder();
    final StringBuilder refusal = new StringBuilder();
    final TreeMap<Integer, ToolState> tools = new TreeMap<>();
    FinishReason finishReason;

    ChoiceState(int index) {
      this.index = index;
    }

    ChatResponse.Choice toChoice() {
      List<ToolCall> calls = new ArrayList<>(tools.size());
      for (ToolState t : tools.values()) {
        calls.add(new ToolCall(t.id, t.name == null ? "" : t.name, t.arguments.toString()));
      }
      return new ChatResponse.Choice(index, text.toString(), reasoning.toString(), refusal.toString(), calls,
          finishReason);
    }
  }

  private static final class ToolState {
    String id;
    String name;
    final StringBuilder arguments = new StringBuilder();
  }
}
