package dev.rill.conformance.mutants;

import dev.rill.api.ChatRequest;
import dev.rill.api.HttpCall;
import dev.rill.api.ProviderSettings;
import dev.rill.conformance.reference.ReferenceProvider;
import java.net.URI;

/** Defect: the key also travels in a query parameter named {@code token}, which logged URLs keep (rule H0.6). */
public class KeyInQueryMutant extends ReferenceProvider {
  @Override
  public HttpCall prepare(ChatRequest request, ProviderSettings settings) {
    HttpCall call = super.prepare(request, settings);
    String key = settings.requireKey(info().apiKeyEnv()).reveal();
    return HttpCall.post(URI.create(call.uri() + "?token=" + key), call.headers(), call.body());
  }
}
