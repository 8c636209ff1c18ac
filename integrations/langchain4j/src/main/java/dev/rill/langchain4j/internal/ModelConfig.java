package dev.rill.langchain4j.internal;

import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.rill.api.ProviderOptions;
import dev.rill.api.ReasoningOptions;
import dev.rill.runtime.Rill;
import dev.rill.runtime.StreamOptions;
import java.util.List;
import java.util.Objects;

/**
 * What a Rill-backed LangChain4j model is configured with; shared by the streaming and the blocking model.
 *
 * @param rill the client every call goes through (not closed by the model)
 * @param defaults the default request parameters, their model name a Rill model spec ({@code provider:model})
 * @param streamOptions the pipeline for every call, or null for the client's
 * @param reasoning the reasoning effort or budget for every call, or null
 * @param bodyOptions body fields for every request, each addressed to a provider id or a wire family
 * @param listeners LangChain4j listeners
 */
public record ModelConfig(Rill rill, ChatRequestParameters defaults, StreamOptions streamOptions,
    ReasoningOptions reasoning, ProviderOptions bodyOptions, List<ChatModelListener> listeners) {

  public ModelConfig {
    Objects.requireNonNull(rill, "rill");
    Objects.requireNonNull(defaults, "defaults");
    bodyOptions = bodyOptions == null ? ProviderOptions.none() : bodyOptions;
    listeners = List.copyOf(listeners);
  }
}
