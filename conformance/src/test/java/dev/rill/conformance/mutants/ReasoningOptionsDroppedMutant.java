package dev.rill.conformance.mutants;

import dev.rill.api.ChatRequest;
import dev.rill.api.HttpCall;
import dev.rill.api.ProviderSettings;
import dev.rill.conformance.reference.ReferenceProvider;

/**
 * Defect: declares REASONING (and ships a golden that shows reasoning), but prepare() drops the request's reasoning
 * options from the body, as Bedrock's encoder once did for models it did not know (rule H0.8).
 */
public class ReasoningOptionsDroppedMutant extends ReferenceProvider {
  @Override
  public HttpCall prepare(ChatRequest request, ProviderSettings settings) {
    return super.prepare(request.toBuilder().reasoning(null).build(), settings);
  }
}
