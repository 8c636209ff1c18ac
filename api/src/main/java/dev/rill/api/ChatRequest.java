package dev.rill.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A chat request, independent of any provider.
 *
 * <p>{@link #model()} is a model spec: {@code provider:model} (split at the first colon, so
 * {@code ollama:llama3:8b} is provider {@code ollama}, model {@code llama3:8b}), or a bare model name when
 * the client has a default provider. A plugin's {@link StreamingProvider#prepare} always receives the bare
 * model name.
 *
 * <p>Optional numbers are null when unset, and the provider's default applies. {@link #options()} carries
 * provider-specific body fields (values: strings, numbers, booleans, lists and maps of those) that the
 * provider merges into its request body as given.
 *
 * <pre>{@code
 * ChatRequest request = ChatRequest.builder("openai:gpt-4o-mini")
 *     .system("Answer briefly.")
 *     .user("Why is the sky blue?")
 *     .maxTokens(200)
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
 * @param options provider-specific fields
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
    Map<String, Object> options) {

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
    options = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(options));
    if (maxTokens != null && maxTokens <= 0) {
      throw new IllegalArgumentException("maxTokens must be positive: " + maxTokens);
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
    b.options.putAll(options);
    return b;
  }

  /** A copy asking for another model (spec or bare name). */
  public ChatRequest withModel(String otherModel) {
    return new ChatRequest(otherModel, messages, tools, toolChoice, temperature, topP, maxTokens, stop, reasoning,
        options);
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
    private final Map<String, Object> options = new LinkedHashMap<>();

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
    /** A provider-specific body field, merged into the request body as given. */
    public Builder option(String name, Object value) { options.put(name, value); return this; }

    /** The request. */
    public ChatRequest build() {
      return new ChatRequest(model, messages, tools, toolChoice, temperature, topP, maxTokens, stop, reasoning,
          options);
    }
  }
}
