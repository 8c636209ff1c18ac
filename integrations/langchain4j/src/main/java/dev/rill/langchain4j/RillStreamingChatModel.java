package dev.rill.langchain4j;

import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.rill.api.RillException;
import dev.rill.langchain4j.internal.Errors;
import dev.rill.langchain4j.internal.ModelConfig;
import dev.rill.langchain4j.internal.Providers;
import dev.rill.langchain4j.internal.Requests;
import dev.rill.langchain4j.internal.StreamBridge;
import dev.rill.runtime.ChatStream;
import java.util.List;

/**
 * A LangChain4j {@link StreamingChatModel} backed by Rill: every Rill provider (OpenAI and its compatible servers,
 * Anthropic, Gemini and Vertex, Bedrock, Ollama, Cohere, OpenAI Responses...) behind the interface LangChain4j code
 * already uses, with Rill's back-pressure, deadlines, retries and fallbacks.
 *
 * <pre>{@code
 * StreamingChatModel model = RillStreamingChatModel.builder()
 *     .rill(rill)                                   // shared; the model does not close it
 *     .modelName("anthropic:claude-sonnet-4-5")     // a Rill model spec
 *     .streamOptions(StreamOptions.enhanced())      // optional: retries, deadlines, metadata
 *     .build();
 * model.chat("Hello!", handler);
 * }</pre>
 *
 * <p><b>What the handler hears.</b> Text deltas go to {@code onPartialResponse}, reasoning deltas to
 * {@code onPartialThinking}, each tool-call fragment that carries argument text to {@code onPartialToolCall}, and
 * each call once complete (the next call started, or the finish reason came) to {@code onCompleteToolCall}; then
 * exactly one of {@code onCompleteResponse} (an {@code AiMessage} with text, thinking and tool execution requests,
 * {@link RillTokenUsage}, {@link RillChatResponseMetadata}) or {@code onError}, whose exception is the one LangChain4j
 * users catch ({@code RateLimitException}, {@code AuthenticationException}, {@code TimeoutException}...) with the
 * {@link RillException} as its cause. Reasoning signatures and redacted blocks ride in the {@code AiMessage}'s
 * attributes ({@link RillAttributes}) and go back to the provider when the message is part of a later request.
 *
 * <p><b>Cancel.</b> The {@code StreamingHandle} in each partial callback's context cancels the call: the connection
 * is released at once and the handler hears nothing more, neither an outcome nor chunks already decoded. A callback
 * that throws cancels the call too and is told once, through {@code onError}, with its own exception (LangChain4j's
 * own models report it and carry on; a stream whose consumer failed is better stopped).
 *
 * <p><b>Threads.</b> Callbacks run on the Rill client's I/O thread unless the client or the stream options set a
 * delivery executor; do not block in them. The handler's demand is unbounded: a slow callback slows the socket, as
 * Rill's back-pressure does for any consumer.
 *
 * @since 0.1
 */
public final class RillStreamingChatModel implements StreamingChatModel {
  private final ModelConfig config;

  private RillStreamingChatModel(ModelConfig config) {
    this.config = config;
  }

  /** Starts a builder. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Streams one call. A request that cannot be expressed for Rill (top-k, penalties, a JSON response format,
   * audio or PDF content) throws {@code UnsupportedFeatureException} at once, as LangChain4j's models do; everything
   * that goes wrong later, an unknown provider included, reaches {@code handler.onError}.
   */
  @Override
  public void doChat(ChatRequest request, StreamingChatResponseHandler handler) {
    dev.rill.api.ChatRequest rillRequest = Requests.toRill(request, config);
    ChatStream stream;
    try {
      stream = config.streamOptions() == null ? config.rill().stream(rillRequest)
          : config.rill().stream(rillRequest, config.streamOptions());
    } catch (RillException e) {
      handler.onError(Errors.map(e));
      return;
    }
    StreamBridge.start(stream, handler);
  }

  @Override
  public ChatRequestParameters defaultRequestParameters() {
    return config.defaults();
  }

  @Override
  public List<ChatModelListener> listeners() {
    return config.listeners();
  }

  @Override
  public ModelProvider provider() {
    return Providers.of(config.defaults().modelName());
  }

  @Override
  public String toString() {
    return "RillStreamingChatModel[" + config.defaults().modelName() + "]";
  }

  /** Builds a {@link RillStreamingChatModel}. */
  public static final class Builder extends RillModelBuilder<Builder> {
    private Builder() {}

    /** The model. */
    public RillStreamingChatModel build() {
      return new RillStreamingChatModel(config());
    }
  }
}
