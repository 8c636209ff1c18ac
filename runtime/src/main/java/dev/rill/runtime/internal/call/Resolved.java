package dev.rill.runtime.internal.call;

import dev.rill.api.ChatRequest;
import dev.rill.api.Credential;
import dev.rill.api.ProviderSettings;
import dev.rill.api.StreamingProvider;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * A request's model spec resolved against the client: the plugin, its settings, and the request as the plugin sees
 * it (the bare model name, without the provider prefix).
 *
 * @param provider the plugin
 * @param settings base URL, key, headers and options for it
 * @param request the request with its bare model
 * @param pendingCredential the credential still to come from a source (set into the settings when it comes), or
 *     null when the settings hold the credential already
 * @param rejected told the credential a source gave when the provider rejected it (so the source's cache drops it),
 *     or null when the credential did not come from a source
 */
public record Resolved(StreamingProvider provider, ProviderSettings settings, ChatRequest request,
    CompletableFuture<Credential> pendingCredential, Consumer<Credential> rejected) {

  public Resolved(StreamingProvider provider, ProviderSettings settings, ChatRequest request) {
    this(provider, settings, request, null, null);
  }

  /** This resolution with the credential that came. */
  public Resolved withCredential(Credential credential) {
    return new Resolved(provider, settings.withCredential(credential), request, null, rejected);
  }

  /**
   * The provider answered AUTHENTICATION to a request with this resolution's credential: when it came from a source,
   * the source's cache drops it, so the next request fetches a fresh one.
   */
  public void credentialRejected() {
    if (rejected != null && settings.credential() != null) {
      rejected.accept(settings.credential());
    }
  }

  public String providerId() {
    return settings.providerId();
  }

  public String model() {
    return request.model();
  }
}
