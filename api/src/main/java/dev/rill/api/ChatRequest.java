package dev.rill.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A chat request, independent of any provider.
 *
 * <p>{@link #model()} is a model spec: {@code provider:model} (split at the first colon, so
 * {@code ollama:llama3:8b} is provider {@code ollama}, model {@code llama3:8b}), or a bare model name when
 * the client has a default provider. A plugin's {@link StreamingProvider#prepare} always receives the bare
 * model name.
 *
 * <p>Optional values are null when unset, and the provider's default applies. The typed sampling settings
 * ({@link #seed()}, {@link #topK()}, the penalties, {@link #parallelToolCalls()}) and {@link #responseFormat()}
 * are mapped to each family's own field; a family that has no such field rejects the request with
 * {@link ErrorKind#INVALID_REQUEST} naming the provider and the setting, before anything is sent (the table in
 * {@code docs/providers.md} says which family has which). {@link #options()} carries body fields Rill has no
 * typed setting for, each addressed to a provider id or a wire family, so that a fallback chain sends each
 * vendor only its own.
 *
 * <pre>{@code
 * ChatRequest request = ChatRequest.builder("openai:gpt-4o-mini")
 *     .system("Answer briefly.")
 *     .user("Why is the sky blue?")
 *     .maxTokens(200)
 *     .seed(7)
 *     .option("openai", "logprobs", true)
 *     .build();
 * }</pre>
 *
 * @param model the model spec
 * @param messages the conversation, oldest first; at least one message
 * @param tools the functions the model may call
 * @param toolChoice whether and which tool must be called, or null for the provider default
 * @param temperature sampling temperature, or null
 * @param topP nucleus sampling, or null
 * @param maxTokens the output token limit, or null
 * @param stop stop sequences
 * @param reasoning reasoning effort or budget, or null
 * @param seed a seed for repeatable sampling, or null
 * @param topK sample from the k most likely tokens (positive), or null
 * @param presencePenalty penalty for tokens already present, or null
 * @param frequencyPenalty penalty by how often a token already appeared, or null
 * @param parallelToolCalls whether the model may call several tools in one turn, or null; sent only when the
 *     request has tools
 * @param responseFormat JSON or JSON-schema output, or null for text
 * @param options body fields addressed to a provider id or a wire family
 * @since 0.1
 */
public record ChatRequest(
    String model,
    List<Message> messages,
    List<Tool> tools,
    ToolChoice toolChoice,
    Double temperature,
    Double topP,
    Integer maxTokens,
    List<String> stop,
    ReasoningOptions reasoning,
    Integer seed,
    Integer topK,
    Double presencePenalty,
    Double frequencyPenalty,
    Boolean parallelToolCalls,
    ResponseFormat responseFormat,
    ProviderOptions options) {

  /** Checks and normalises the components (see the class comment). */
  public ChatRequest {
    Objects.requireNonNull(model, "model");
    if (model.isBlank()) {
      throw new IllegalArgumentException("a request needs a model");
    }
    messages = List.copyOf(messages);
    if (messages.isEmpty()) {
      throw new IllegalArgumentException("a request needs at least one message");
    }
    tools = List.copyOf(tools);
    stop = List.copyOf(stop);
    options = options == null ? ProviderOptions.none() : options;
    if (maxTokens != null && maxTokens <= 0) {
      throw new IllegalArgumentException("maxTokens must be positive: " + maxTokens);
    }
    if (topK != null && topK <= 0) {
      throw new IllegalArgumentException("topK must be positive: " + topK);
    }
    requireFinite("presencePenalty", presencePenalty);
    requireFinite("frequencyPenalty", frequencyPenalty);
  }

  private static void requireFinite(String name, Double value) {
    if (value != null && (value.isNaN() || value.isInfinite())) {
      throw new IllegalArgumentException(name + " must be a finite number: " + value);
    }
  }

  /** A builder for a request to {@code model}. */
  public static Builder builder(String model) {
    return new Builder(model);
  }

  /** A builder seeded with this request. */
  public Builder toBuilder() {
    Builder b = new Builder(model);
    b.messages.addAll(messages);
    b.tools.addAll(tools);
    b.toolChoice = toolChoice;
    b.temperature = temperature;
    b.topP = topP;
    b.maxTokens = maxTokens;
    b.stop.addAll(stop);
    b.reasoning = reasoning;
    b.seed = seed;
    b.topK = topK;
    b.presencePenalty = presencePenalty;
    b.frequencyPenalty = frequencyPenalty;
    b.parallelToolCalls = parallelToolCalls;
    b.responseFormat = responseFormat;
    b.options = options;
    return b;
  }

  /** A copy asking for another model (spec or bare name). */
  public ChatRequest withModel(String otherModel) {
    return new ChatRequest(otherModel, messages, tools, toolChoice, temperature, topP, maxTokens, stop, reasoning,
        seed, topK, presencePenalty, frequencyPenalty, parallelToolCalls, responseFormat, options);
  }

  /** A copy with these options instead (the runtime narrows a request to one attempt's options this way). */
  public ChatRequest withOptions(ProviderOptions otherOptions) {
    return new ChatRequest(model, messages, tools, toolChoice, temperature, topP, maxTokens, stop, reasoning,
        seed, topK, presencePenalty, frequencyPenalty, parallelToolCalls, responseFormat, otherOptions);
  }

  /** Builds a {@link ChatRequest}. */
  public static final class Builder {
    private final String model;
    private final List<Message> messages = new ArrayList<>();
    private final List<Tool> tools = new ArrayList<>();
    private ToolChoice toolChoice;
    private Double temperature;
    private Double topP;
    private Integer maxTokens;
    private final List<String> stop = new ArrayList<>();
    private ReasoningOptions reasoning;
    private Integer seed;
    private Integer topK;
    private Double presencePenalty;
    private Double frequencyPenalty;
    private Boolean parallelToolCalls;
    private ResponseFormat responseFormat;
    private ProviderOptions options = ProviderOptions.none();

    private Builder(String model) {
      this.model = model;
    }

    /** Adds a system message. */
    public Builder system(String text) { messages.add(Message.system(text)); return this; }
    /** Adds a user message. */
    public Builder user(String text) { messages.add(Message.user(text)); return this; }
    /** Adds an assistant message: an earlier answer of the model. */
    public Builder assistant(String text) { messages.add(Message.assistant(text)); return this; }
    /** Adds a message. */
    public Builder message(Message message) { messages.add(message); return this; }
    /** Adds these messages, in order. */
    public Builder messages(List<Message> all) { messages.addAll(all); return this; }
    /** Declares a tool the model may call. */
    public Builder tool(Tool tool) { tools.add(tool); return this; }
    /** Whether and which tool the model must call. */
    public Builder toolChoice(ToolChoice choice) { this.toolChoice = choice; return this; }
    /** The sampling temperature. */
    public Builder temperature(double value) { this.temperature = value; return this; }
    /** Nucleus sampling. */
    public Builder topP(double value) { this.topP = value; return this; }
    /** The output token limit. */
    public Builder maxTokens(int value) { this.maxTokens = value; return this; }
    /** Adds stop sequences. */
    public Builder stop(String... sequences) { stop.addAll(List.of(sequences)); return this; }
    /** Reasoning effort or budget. */
    public Builder reasoning(ReasoningOptions value) { this.reasoning = value; return this; }
    /** A seed for repeatable sampling. */
    public Builder seed(int value) { this.seed = value; return this; }
    /** Sample from the {@code value} most likely tokens (positive). */
    public Builder topK(int value) { this.topK = value; return this; }
    /** A penalty for tokens already present in the text. */
    public Builder presencePenalty(double value) { this.presencePenalty = value; return this; }
    /** A penalty by how often a token already appeared. */
    public Builder frequencyPenalty(double value) { this.frequencyPenalty = value; return this; }
    /** Whether the model may call several tools in one turn (sent only with tools). */
    public Builder parallelToolCalls(boolean value) { this.parallelToolCalls = value; return this; }
    /** The shape of the answer: JSON, or JSON following a schema. */
    public Builder responseFormat(ResponseFormat value) { this.responseFormat = value; return this; }

    /**
     * Adds a body field for the providers {@code scope} names: a provider id ({@code openai}) or a wire family
     * ({@code openai-chat}). See {@link ProviderOptions}.
     */
    public Builder option(String scope, String name, Object value) {
      options = options.with(scope, name, value);
      return this;
    }

    /** Replaces every option with {@code all}. */
    public Builder options(ProviderOptions all) { this.options = all; return this; }

    /** The request. */
    public ChatRequest build() {
      return new ChatRequest(model, messages, tools, toolChoice, temperature, topP, maxTokens, stop, reasoning,
          seed, topK, presencePenalty, frequencyPenalty, parallelToolCalls, responseFormat, options);
    }
  }
}
