package dev.rill.runtime.internal.call;

import dev.rill.api.ChatRequest;
import dev.rill.api.ProviderSettings;
import dev.rill.api.StreamingProvider;

/**
 * A request's model spec resolved against the client: the plugin, its settings, and the request as the plugin sees
 * it (the bare model name, without the provider prefix).
 *
 * @param provider the plugin
 * @param settings base URL, key, headers and options for it
 * @param request the request with its bare model
 */
public record Resolved(StreamingProvider provider, ProviderSettings settings, ChatRequest request) {

  public String providerId() {
    return settings.providerId();
  }

  public String model() {
    return request.model();
  }
}
