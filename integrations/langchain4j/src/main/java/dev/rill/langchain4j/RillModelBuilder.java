package dev.rill.langchain4j;

import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.request.DefaultChatRequestParameters;
import dev.rill.api.ReasoningOptions;
import dev.rill.langchain4j.internal.ModelConfig;
import dev.rill.runtime.Rill;
import dev.rill.runtime.StreamOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What {@link RillStreamingChatModel} and {@link RillChatModel} are built from: the {@link Rill} client, the model
 * spec ({@code provider:model}, as Rill names models), default request parameters, the Rill pipeline
 * ({@link StreamOptions}), reasoning and provider-specific body fields.
 *
 * @param <B> the concrete builder
 * @since 0.1
 */
public abstract class RillModelBuilder<B extends RillModelBuilder<B>> {
  private Rill rill;
  private String modelName;
  private ChatRequestParameters parameters = DefaultChatRequestParameters.EMPTY;
  private StreamOptions streamOptions;
  private ReasoningOptions reasoning;
  private dev.rill.api.ProviderOptions options = dev.rill.api.ProviderOptions.none();
  private final List<ChatModelListener> listeners = new ArrayList<>();

  RillModelBuilder() {}

  @SuppressWarnings("unchecked")
  private B self() {
    return (B) this;
  }

  /** The client every call goes through (required). The model does not close it. */
  public B rill(Rill rill) { this.rill = Objects.requireNonNull(rill, "rill"); return self(); }

  /** The default model, a Rill model spec such as {@code anthropic:claude-sonnet-4-5} or {@code ollama:llama3:8b}. */
  public B modelName(String spec) { this.modelName = spec; return self(); }

  /** Default request parameters; a request's own parameters override them field by field. */
  public B defaultRequestParameters(ChatRequestParameters parameters) {
    this.parameters = Objects.requireNonNull(parameters, "parameters");
    return self();
  }

  /**
   * The Rill pipeline for every call ({@link StreamOptions#basic()}, {@link StreamOptions#enhanced()} or a built
   * variant: deadlines, retries, fallbacks, listeners, a delivery executor); default: the client's.
   */
  public B streamOptions(StreamOptions options) { this.streamOptions = options; return self(); }

  /** Reasoning effort or budget for every call, for models that reason. */
  public B reasoning(ReasoningOptions reasoning) { this.reasoning = reasoning; return self(); }

  /**
   * A body field for every call, sent only to the providers {@code scope} names: a provider id ({@code openai}) or a
   * wire family ({@code anthropic-messages}); for example {@code option("openai", "logprobs", true)}. See
   * {@link dev.rill.api.ProviderOptions}.
   */
  public B option(String scope, String name, Object value) {
    options = options.with(scope, Objects.requireNonNull(name), value);
    return self();
  }

  /** LangChain4j listeners, told of every request, response and error. */
  public B listeners(List<ChatModelListener> listeners) { this.listeners.addAll(listeners); return self(); }

  ModelConfig config() {
    if (rill == null) {
      throw new IllegalStateException("a Rill client is required: builder().rill(rill)");
    }
    ChatRequestParameters defaults = modelName == null ? parameters
        : DefaultChatRequestParameters.builder().overrideWith(parameters).modelName(modelName).build();
    return new ModelConfig(rill, defaults, streamOptions, reasoning, options, listeners);
  }
}
