package dev.rill.api;

import java.util.List;
import java.util.Objects;

/**
 * One normalised piece of a streamed answer, whichever provider sent it.
 *
 * <p>Text fields are deltas: concatenating every chunk's {@link #content()} gives the answer's text, and
 * likewise {@link #reasoning()} and {@link #refusal()}. They are never null, and empty when the chunk
 * carries none. {@link #finishReason()} is null except on the chunk that ends a choice; {@link #usage()} is
 * null until the provider reports it (often on a chunk after the finish reason). {@link #metadata()} is set
 * only by the runtime's enhanced pipeline.
 *
 * <p>Reasoning blocks: {@link #reasoningSignature()} is the whole signature of the reasoning block that ends with
 * this chunk (later reasoning text starts a new block), and {@link #redactedReasoning()} is one whole redacted
 * block. Both are opaque, never text, and empty when the chunk carries none; {@link ChatAccumulator} folds them
 * into {@link ChatResponse#reasoningBlocks()}.
 *
 * @param choice the choice index, 0 unless the request asked for several choices
 * @param role the author role when the provider states it (usually on the first chunk), else null
 * @param content text delta
 * @param reasoning reasoning ("thinking") delta
 * @param refusal refusal text delta (OpenAI's {@code refusal})
 * @param toolCalls tool-call deltas, in the provider's index order
 * @param finishReason why the choice ended, or null
 * @param usage token usage, or null
 * @param metadata enhanced-mode metadata, or null
 * @param reasoningSignature the signature of the reasoning block this chunk ends (Anthropic's
 *     {@code signature_delta}, Bedrock's {@code reasoningContent.signature}, Gemini's {@code thoughtSignature} on a
 *     thought or text part), empty when none
 * @param redactedReasoning the opaque data of one redacted reasoning block (Anthropic's
 *     {@code redacted_thinking.data}, Bedrock's {@code redactedContent}), empty when none
 * @since 0.1
 */
public record StreamChunk(
    int choice,
    String role,
    String content,
    String reasoning,
    String refusal,
    List<ToolCallDelta> toolCalls,
    FinishReason finishReason,
    Usage usage,
    ChunkMetadata metadata,
    String reasoningSignature,
    String redactedReasoning) {

  public StreamChunk {
    if (choice < 0) {
      throw new IllegalArgumentException("choice must not be negative: " + choice);
    }
    content = content == null ? "" : content;
    reasoning = reasoning == null ? "" : reasoning;
    refusal = refusal == null ? "" : refusal;
    toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
    reasoningSignature = reasoningSignature == null ? "" : reasoningSignature;
    redactedReasoning = redactedReasoning == null ? "" : redactedReasoning;
  }

  /** A chunk without reasoning signature or redacted reasoning. */
  public StreamChunk(int choice, String role, String content, String reasoning, String refusal,
      List<ToolCallDelta> toolCalls, FinishReason finishReason, Usage usage, ChunkMetadata metadata) {
    this(choice, role, content, reasoning, refusal, toolCalls, finishReason, usage, metadata, "", "");
  }

  /** A chunk with a text delta. */
  public static StreamChunk text(String content) {
    return new StreamChunk(0, null, content, "", "", List.of(), null, null, null);
  }

  /** A chunk with a reasoning delta. */
  public static StreamChunk reasoningDelta(String reasoning) {
    return new StreamChunk(0, null, "", reasoning, "", List.of(), null, null, null);
  }

  /** A chunk that ends the current reasoning block with its whole signature. */
  public static StreamChunk ofReasoningSignature(String signature) {
    return builder().reasoningSignature(signature).build();
  }

  /** A chunk with one whole redacted reasoning block. */
  public static StreamChunk ofRedactedReasoning(String data) {
    return builder().redactedReasoning(data).build();
  }

  /** A chunk that carries only a finish reason. */
  public static StreamChunk finish(FinishReason reason) {
    return new StreamChunk(0, null, "", "", "", List.of(), Objects.requireNonNull(reason), null, null);
  }

  /** A chunk that carries only usage. */
  public static StreamChunk ofUsage(Usage usage) {
    return new StreamChunk(0, null, "", "", "", List.of(), null, Objects.requireNonNull(usage), null);
  }

  /** A chunk with tool-call deltas. */
  public static StreamChunk toolCalls(List<ToolCallDelta> deltas) {
    return new StreamChunk(0, null, "", "", "", deltas, null, null, null);
  }

  /** Starts an empty builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** The OpenAI-style view: role and content delta. */
  public Delta delta() {
    return new Delta(role, content);
  }

  /** Whether the chunk carries text, reasoning (text, signature or redacted), refusal or tool-call deltas. */
  public boolean hasOutput() {
    return !content.isEmpty() || !reasoning.isEmpty() || !refusal.isEmpty() || !toolCalls.isEmpty()
        || !reasoningSignature.isEmpty() || !redactedReasoning.isEmpty();
  }

  /** Whether the chunk carries nothing at all (no output, finish, usage or role). */
  public boolean isEmpty() {
    return !hasOutput() && finishReason == null && usage == null && role == null;
  }

  /** A copy with metadata attached. */
  public StreamChunk withMetadata(ChunkMetadata metadata) {
    return new StreamChunk(choice, role, content, reasoning, refusal, toolCalls, finishReason, usage, metadata,
        reasoningSignature, redactedReasoning);
  }

  /** The role and content of a chunk, as OpenAI's {@code delta} shows them. */
  public record Delta(String role, String content) {}

  /** Builds a {@link StreamChunk}. */
  public static final class Builder {
    private int choice;
    private String role;
    private String content = "";
    private String reasoning = "";
    private String refusal = "";
    private List<ToolCallDelta> toolCalls = List.of();
    private FinishReason finishReason;
    private Usage usage;
    private ChunkMetadata metadata;
    private String reasoningSignature = "";
    private String redactedReasoning = "";

    private Builder() {}

    public Builder choice(int choice) { this.choice = choice; return this; }
    public Builder role(String role) { this.role = role; return this; }
    public Builder content(String content) { this.content = content; return this; }
    public Builder reasoning(String reasoning) { this.reasoning = reasoning; return this; }
    public Builder refusal(String refusal) { this.refusal = refusal; return this; }
    public Builder toolCalls(List<ToolCallDelta> toolCalls) { this.toolCalls = toolCalls; return this; }
    public Builder finishReason(FinishReason finishReason) { this.finishReason = finishReason; return this; }
    public Builder usage(Usage usage) { this.usage = usage; return this; }
    public Builder metadata(ChunkMetadata metadata) { this.metadata = metadata; return this; }
    public Builder reasoningSignature(String signature) { this.reasoningSignature = signature; return this; }
    public Builder redactedReasoning(String data) { this.redactedReasoning = data; return this; }

    public StreamChunk build() {
      return new StreamChunk(choice, role, content, reasoning, refusal, toolCalls, finishReason, usage, metadata,
          reasoningSignature, redactedReasoning);
    }
  }
}
