package dev.rill.langchain4j;

import dev.langchain4j.exception.LangChain4jException;
import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.rill.api.RillException;
import dev.rill.langchain4j.internal.Errors;
import dev.rill.langchain4j.internal.ModelConfig;
import dev.rill.langchain4j.internal.Providers;
import dev.rill.langchain4j.internal.Requests;
import dev.rill.langchain4j.internal.Responses;
import dev.rill.runtime.ChatStream;
import java.util.List;
import java.util.concurrent.ExecutionException;

/**
 * A LangChain4j {@link ChatModel} backed by Rill: the call streams underneath (so Rill's deadlines, idle detection
 * and retries apply) and returns the folded answer. Errors are thrown as the LangChain4j exception users catch,
 * with the {@link RillException} as cause; see {@link RillStreamingChatModel} for the mapping and the builder. An
 * interrupted caller cancels the call, which releases its connection.
 *
 * <pre>{@code
 * ChatModel model = RillChatModel.builder().rill(rill).modelName("openai:gpt-4o-mini").build();
 * String answer = model.chat("Why is the sky blue?");
 * }</pre>
 *
 * @since 0.1
 */
public final class RillChatModel implements ChatModel {
  private final ModelConfig config;

  private RillChatModel(ModelConfig config) {
    this.config = config;
  }

  /** Starts a builder. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public ChatResponse doChat(ChatRequest request) {
    dev.rill.api.ChatRequest rillRequest = Requests.toRill(request, config);
    ChatStream stream;
    try {
      stream = config.streamOptions() == null ? config.rill().stream(rillRequest)
          : config.rill().stream(rillRequest, config.streamOptions());
    } catch (RillException e) {
      throw Errors.map(e);
    }
    try {
      return Responses.toLangChain4j(stream.collect().get());
    } catch (ExecutionException e) {
      throw Errors.map(e);
    } catch (InterruptedException e) {
      stream.cancel();
      Thread.currentThread().interrupt();
      throw new LangChain4jException("interrupted while waiting for " + request.modelName(), e);
    }
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
    return "RillChatModel[" + config.defaults().modelName() + "]";
  }

  /** Builds a {@link RillChatModel}. */
  public static final class Builder extends RillModelBuilder<Builder> {
    private Builder() {}

    /** The model. */
    public RillChatModel build() {
      return new RillChatModel(config());
    }
  }
}
