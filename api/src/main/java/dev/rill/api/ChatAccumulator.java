package dev.rill.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.TreeMap;

/**
 * Folds {@link StreamChunk}s into a {@link ChatResponse}. Not thread-safe: feed it from one thread, as a
 * subscriber receives chunks. Usage reports are merged with {@link Usage#merge}; the last finish reason of
 * a choice wins.
 *
 * <p>Reasoning is kept twice: as flat text ({@link ChatResponse#reasoning()}) and as ordered
 * {@link ReasoningBlock}s. Reasoning text goes to the open block, or starts one; a
 * {@link StreamChunk#reasoningSignature()} signs and closes the open block (or, when none is open, is a block of its
 * own without text); a {@link StreamChunk#redactedReasoning()} is a redacted block of its own. Within one chunk the
 * reasoning text comes first, then the signature, then the redacted block. Tool calls are folded by
 * {@link ToolCallDelta#index()} and listed in the order the wire opened them (the order {@link ToolCallAssembler}
 * tells them complete); a tool call keeps the last non-empty {@link ToolCallDelta#signature()} of its index.
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
    c.addReasoning(chunk.reasoning(), chunk.reasoningSignature(), chunk.redactedReasoning());
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
      if (!d.signature().isEmpty()) {
        t.signature = d.signature();
      }
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
      if (c.text.length() > 0 || c.reasoning.length() > 0 || c.refusal.length() > 0 || !c.tools.isEmpty()
          || !c.blocks.isEmpty()) {
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
        first.toolCalls(), usage, first.finishReason(), chunkCount, all, warnings, null, first.reasoningBlocks());
  }

  private static final class ChoiceState {
    final int index;
    final StringBuilder text = new StringBuilder();
    final StringBuilder reasoning = new StringBuilder();
    final StringBuilder refusal = new StringBuilder();
    final LinkedHashMap<Integer, ToolState> tools = new LinkedHashMap<>(); // in wire order
    final List<BlockState> blocks = new ArrayList<>(0);
    FinishReason finishReason;

    ChoiceState(int index) {
      this.index = index;
    }

    void addReasoning(String text, String signature, String redacted) {
      BlockState open = blocks.isEmpty() ? null : blocks.get(blocks.size() - 1);
      if (open != null && open.closed) {
        open = null;
      }
      if (!text.isEmpty()) {
        if (open == null) {
          open = new BlockState();
          blocks.add(open);
        }
        open.text.append(text);
      }
      if (!signature.isEmpty()) {
        if (open == null) {
          open = new BlockState();
          blocks.add(open);
        }
        open.signature = signature;
        open.closed = true;
      }
      if (!redacted.isEmpty()) {
        BlockState block = new BlockState();
        block.redactedData = redacted;
        block.closed = true;
        blocks.add(block);
      }
    }

    ChatResponse.Choice toChoice() {
      List<ToolCall> calls = new ArrayList<>(tools.size());
      for (ToolState t : tools.values()) {
        calls.add(new ToolCall(t.id, t.name == null ? "" : t.name, t.arguments.toString(), t.signature));
      }
      List<ReasoningBlock> folded = new ArrayList<>(blocks.size());
      for (BlockState b : blocks) {
        folded.add(b.redactedData != null ? ReasoningBlock.ofRedacted(b.redactedData)
            : ReasoningBlock.of(b.text.toString(), b.signature));
      }
      return new ChatResponse.Choice(index, text.toString(), reasoning.toString(), refusal.toString(), calls,
          finishReason, folded);
    }
  }

  private static final class BlockState {
    final StringBuilder text = new StringBuilder();
    String signature = "";
    String redactedData;
    boolean closed;
  }

  private static final class ToolState {
    String id;
    String name;
    String signature = "";
    final StringBuilder arguments = new StringBuilder();
  }
}
