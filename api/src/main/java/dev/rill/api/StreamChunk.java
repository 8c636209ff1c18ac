package dev.rill.api;

import dev.rill.api.internal.RuntimeAccess;
import java.util.List;
import java.util.Objects;

/**
 * One normalised piece of a streamed answer, whichever provider sent it. An immutable value: two chunks with the
 * same fields are equal.
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
 * <p>Decoders build chunks through the named factories ({@link #text}, {@link #reasoningDelta},
 * {@link #refusalDelta}, {@link #toolCall}, {@link #finish}, {@link #ofUsage}, {@link #ofRole},
 * {@link #ofReasoningSignature}, {@link #ofRedactedReasoning}) or, for a chunk that carries several things or
 * belongs to another choice than 0, through {@link #builder()}. There is no public constructor, and no way for a
 * plugin to set {@link #metadata()}: the runtime attaches it.
 *
 * <pre>{@code
 * sink.emit(StreamChunk.text(delta));
 * sink.emit(StreamChunk.toolCall(ToolCallDelta.start(0, "call_1", "get_weather")));
 * sink.emit(StreamChunk.builder().choice(1).finishReason(stop).usage(usage).build());
 * }</pre>
 *
 * @since 0.1
 */
public final class StreamChunk {
  private static final List<ToolCallDelta> NO_TOOL_CALLS = List.of();

  static {
    RuntimeAccess.setChunkAccess(StreamChunk::copyWithMetadata);
  }

  private final int choice;
  private final Role role;
  private final String content;
  private final String reasoning;
  private final String refusal;
  private final List<ToolCallDelta> toolCalls;
  private final FinishReason finishReason;
  private final Usage usage;
  private final ChunkMetadata metadata;
  private final String reasoningSignature;
  private final String redactedReasoning;

  private StreamChunk(int choice, Role role, String content, String reasoning, String refusal,
      List<ToolCallDelta> toolCalls, FinishReason finishReason, Usage usage, ChunkMetadata metadata,
      String reasoningSignature, String redactedReasoning) {
    if (choice < 0) {
      throw new IllegalArgumentException("choice must not be negative: " + choice);
    }
    this.choice = choice;
    this.role = role;
    this.content = content == null ? "" : content;
    this.reasoning = reasoning == null ? "" : reasoning;
    this.refusal = refusal == null ? "" : refusal;
    this.toolCalls = toolCalls == null ? NO_TOOL_CALLS : List.copyOf(toolCalls);
    this.finishReason = finishReason;
    this.usage = usage;
    this.metadata = metadata;
    this.reasoningSignature = reasoningSignature == null ? "" : reasoningSignature;
    this.redactedReasoning = redactedReasoning == null ? "" : redactedReasoning;
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Factories: each makes a chunk of choice 0 that carries one thing.

  /** A chunk with a text delta. */
  public static StreamChunk text(String content) {
    return new StreamChunk(0, null, content, "", "", NO_TOOL_CALLS, null, null, null, "", "");
  }

  /** A chunk with a reasoning ("thinking") delta. */
  public static StreamChunk reasoningDelta(String reasoning) {
    return new StreamChunk(0, null, "", reasoning, "", NO_TOOL_CALLS, null, null, null, "", "");
  }

  /** A chunk with a refusal delta (OpenAI's {@code refusal}). */
  public static StreamChunk refusalDelta(String refusal) {
    return new StreamChunk(0, null, "", "", refusal, NO_TOOL_CALLS, null, null, null, "", "");
  }

  /** A chunk with one tool-call delta, e.g. {@link ToolCallDelta#start} or {@link ToolCallDelta#arguments}. */
  public static StreamChunk toolCall(ToolCallDelta delta) {
    return new StreamChunk(0, null, "", "", "", List.of(delta), null, null, null, "", "");
  }

  /** A chunk with several tool-call deltas, in the provider's index order. */
  public static StreamChunk toolCalls(List<ToolCallDelta> deltas) {
    return new StreamChunk(0, null, "", "", "", deltas, null, null, null, "", "");
  }

  /** A chunk that carries only a finish reason. */
  public static StreamChunk finish(FinishReason reason) {
    return new StreamChunk(0, null, "", "", "", NO_TOOL_CALLS, Objects.requireNonNull(reason, "reason"), null,
        null, "", "");
  }

  /** A chunk that carries only usage. */
  public static StreamChunk ofUsage(Usage usage) {
    return new StreamChunk(0, null, "", "", "", NO_TOOL_CALLS, null, Objects.requireNonNull(usage, "usage"), null,
        "", "");
  }

  /** A chunk that carries only the author's role, as a stream states it at its start. */
  public static StreamChunk ofRole(Role role) {
    return new StreamChunk(0, Objects.requireNonNull(role, "role"), "", "", "", NO_TOOL_CALLS, null, null, null,
        "", "");
  }

  /** A chunk that ends the current reasoning block with its whole signature. */
  public static StreamChunk ofReasoningSignature(String signature) {
    return new StreamChunk(0, null, "", "", "", NO_TOOL_CALLS, null, null, null, signature, "");
  }

  /** A chunk with one whole redacted reasoning block. */
  public static StreamChunk ofRedactedReasoning(String data) {
    return new StreamChunk(0, null, "", "", "", NO_TOOL_CALLS, null, null, null, "", data);
  }

  /** Starts an empty builder: choice 0, nothing set. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder seeded with every field of this chunk (its metadata too, which a builder cannot otherwise set). */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.choice = choice;
    b.role = role;
    b.content = content;
    b.reasoning = reasoning;
    b.refusal = refusal;
    b.toolCalls = toolCalls;
    b.finishReason = finishReason;
    b.usage = usage;
    b.metadata = metadata;
    b.reasoningSignature = reasoningSignature;
    b.redactedReasoning = redactedReasoning;
    return b;
  }

  /** The runtime's way to attach metadata, reached through {@link RuntimeAccess#withMetadata}. */
  private static StreamChunk copyWithMetadata(StreamChunk c, ChunkMetadata metadata) {
    return new StreamChunk(c.choice, c.role, c.content, c.reasoning, c.refusal, c.toolCalls, c.finishReason, c.usage,
        metadata, c.reasoningSignature, c.redactedReasoning);
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Accessors.

  /** The choice index, 0 unless the request asked for several choices. */
  public int choice() {
    return choice;
  }

  /** The author role when the provider states it (usually on the first chunk, {@link Role#ASSISTANT}), else null. */
  public Role role() {
    return role;
  }

  /** The text delta; empty, never null. */
  public String content() {
    return content;
  }

  /** The reasoning ("thinking") delta; empty, never null. */
  public String reasoning() {
    return reasoning;
  }

  /** The refusal text delta (OpenAI's {@code refusal}); empty, never null. */
  public String refusal() {
    return refusal;
  }

  /** The tool-call deltas, in the provider's index order; an immutable list, empty when none. */
  public List<ToolCallDelta> toolCalls() {
    return toolCalls;
  }

  /** Why the choice ended, or null. */
  public FinishReason finishReason() {
    return finishReason;
  }

  /** Token usage, or null. */
  public Usage usage() {
    return usage;
  }

  /** Enhanced-mode metadata attached by the runtime, or null. */
  public ChunkMetadata metadata() {
    return metadata;
  }

  /**
   * The signature of the reasoning block this chunk ends (Anthropic's {@code signature_delta}, Bedrock's
   * {@code reasoningContent.signature}, Gemini's {@code thoughtSignature} on a thought or text part); empty when
   * none.
   */
  public String reasoningSignature() {
    return reasoningSignature;
  }

  /**
   * The opaque data of one redacted reasoning block (Anthropic's {@code redacted_thinking.data}, Bedrock's
   * {@code redactedContent}); empty when none.
   */
  public String redactedReasoning() {
    return redactedReasoning;
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

  // ---------------------------------------------------------------------------------------------------------------
  // Value semantics.

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    return o instanceof StreamChunk c
        && choice == c.choice
        && role == c.role
        && content.equals(c.content)
        && reasoning.equals(c.reasoning)
        && refusal.equals(c.refusal)
        && toolCalls.equals(c.toolCalls)
        && Objects.equals(finishReason, c.finishReason)
        && Objects.equals(usage, c.usage)
        && Objects.equals(metadata, c.metadata)
        && reasoningSignature.equals(c.reasoningSignature)
        && redactedReasoning.equals(c.redactedReasoning);
  }

  @Override
  public int hashCode() {
    int h = choice;
    h = 31 * h + Objects.hashCode(role);
    h = 31 * h + content.hashCode();
    h = 31 * h + reasoning.hashCode();
    h = 31 * h + refusal.hashCode();
    h = 31 * h + toolCalls.hashCode();
    h = 31 * h + Objects.hashCode(finishReason);
    h = 31 * h + Objects.hashCode(usage);
    h = 31 * h + Objects.hashCode(metadata);
    h = 31 * h + reasoningSignature.hashCode();
    return 31 * h + redactedReasoning.hashCode();
  }

  /**
   * The fields the chunk carries, and only those: {@code StreamChunk{content="Hello"}},
   * {@code StreamChunk{choice=1, finishReason=..., usage=...}}. Texts are quoted with Java escapes; signatures and
   * redacted data, opaque, show only their length.
   */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("StreamChunk{");
    int start = sb.length();
    if (choice != 0) {
      sb.append("choice=").append(choice);
    }
    if (role != null) {
      field(sb, start, "role").append(role);
    }
    if (!content.isEmpty()) {
      quoted(field(sb, start, "content"), content);
    }
    if (!reasoning.isEmpty()) {
      quoted(field(sb, start, "reasoning"), reasoning);
    }
    if (!refusal.isEmpty()) {
      quoted(field(sb, start, "refusal"), refusal);
    }
    if (!toolCalls.isEmpty()) {
      field(sb, start, "toolCalls").append(toolCalls);
    }
    if (finishReason != null) {
      field(sb, start, "finishReason").append(finishReason);
    }
    if (usage != null) {
      field(sb, start, "usage").append(usage);
    }
    if (!reasoningSignature.isEmpty()) {
      field(sb, start, "reasoningSignature").append('(').append(reasoningSignature.length()).append(" chars)");
    }
    if (!redactedReasoning.isEmpty()) {
      field(sb, start, "redactedReasoning").append('(').append(redactedReasoning.length()).append(" chars)");
    }
    if (metadata != null) {
      field(sb, start, "metadata").append(metadata);
    }
    return sb.append('}').toString();
  }

  private static StringBuilder field(StringBuilder sb, int start, String name) {
    if (sb.length() > start) {
      sb.append(", ");
    }
    return sb.append(name).append('=');
  }

  private static void quoted(StringBuilder sb, String s) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (c < 0x20) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    sb.append('"');
  }

  /**
   * The role and content of a chunk, as OpenAI's {@code delta} shows them.
   *
   * @param role the author role, or null
   * @param content the text delta
   */
  public record Delta(Role role, String content) {}

  /**
   * Builds a {@link StreamChunk}: every field starts empty (choice 0, no role, empty texts, no tool calls, finish
   * reason or usage). Not thread-safe; {@link #build()} may be called more than once.
   */
  public static final class Builder {
    private int choice;
    private Role role;
    private String content = "";
    private String reasoning = "";
    private String refusal = "";
    private List<ToolCallDelta> toolCalls = NO_TOOL_CALLS;
    private FinishReason finishReason;
    private Usage usage;
    private ChunkMetadata metadata;
    private String reasoningSignature = "";
    private String redactedReasoning = "";

    private Builder() {}

    /** The choice index (default 0). */
    public Builder choice(int choice) { this.choice = choice; return this; }
    /** The author role, or null. */
    public Builder role(Role role) { this.role = role; return this; }
    /** The text delta; null is empty. */
    public Builder content(String content) { this.content = content; return this; }
    /** The reasoning delta; null is empty. */
    public Builder reasoning(String reasoning) { this.reasoning = reasoning; return this; }
    /** The refusal delta; null is empty. */
    public Builder refusal(String refusal) { this.refusal = refusal; return this; }
    /** The tool-call deltas (copied); null is none. */
    public Builder toolCalls(List<ToolCallDelta> toolCalls) { this.toolCalls = toolCalls; return this; }
    /** Why the choice ended, or null. */
    public Builder finishReason(FinishReason finishReason) { this.finishReason = finishReason; return this; }
    /** Token usage, or null. */
    public Builder usage(Usage usage) { this.usage = usage; return this; }
    /** The whole signature of the reasoning block this chunk ends; null is none. */
    public Builder reasoningSignature(String signature) { this.reasoningSignature = signature; return this; }
    /** One whole redacted reasoning block; null is none. */
    public Builder redactedReasoning(String data) { this.redactedReasoning = data; return this; }
    /** The chunk. */
    public StreamChunk build() {
      return new StreamChunk(choice, role, content, reasoning, refusal, toolCalls, finishReason, usage, metadata,
          reasoningSignature, redactedReasoning);
    }
  }
}
