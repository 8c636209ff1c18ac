package dev.rill.langchain4j;

import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.request.DefaultChatRequestParameters;
import dev.rill.api.ReasoningOptions;
import dev.rill.langchain4j.internal.ModelConfig;
import dev.rill.runtime.Rill;
import dev.rill.runtime.StreamOptions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
  private final Map<String, Object> options = new LinkedHashMap<>();
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
   * A provider-specific body field for every call (for example {@code frequency_penalty} for OpenAI, {@code top_k}
   * for Anthropic), merged into the request body as given.
   */
  public B option(String name, Object value) { options.put(Objects.requireNonNull(name), value); return self(); }

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
