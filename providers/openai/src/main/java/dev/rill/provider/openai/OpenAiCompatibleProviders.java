package dev.rill.provider.openai;

import dev.rill.api.ProviderBundle;
import dev.rill.api.StreamingProvider;
import dev.rill.provider.openai.internal.CompatibleCatalogue;
import dev.rill.provider.openai.internal.CompatibleEndpoint;
import java.util.ArrayList;
import java.util.List;

/**
 * The servers that speak OpenAI chat completions at their own address, one {@link OpenAiProvider} each: the rows
 * of the catalogue listed in {@code CATALOGUE.md} (Groq, DeepSeek, Mistral, OpenRouter, xAI, Together, Fireworks,
 * Cerebras, DeepInfra, NVIDIA NIM, Moonshot, Qwen on Model Studio, Z.ai, Hugging Face, Cloudflare Workers AI...), and
 * the local servers {@code openai-compatible}, {@code vllm}, {@code lm-studio}, {@code llama-cpp} and
 * {@code ollama-openai}, which need no key. They share OpenAI's decoder and differ in base URL, key variable and a
 * few request fields; each row was checked against the provider's own documentation, which the row cites.
 *
 * <p>Discovered through {@code META-INF/services/dev.rill.api.ProviderBundle}. The constructor does no I/O and
 * {@link #providers()} returns the same instances every time.
 *
 * @since 0.1
 */
public final class OpenAiCompatibleProviders implements ProviderBundle {

  private final List<StreamingProvider> providers;

  /** Builds one provider per catalogue row. */
  public OpenAiCompatibleProviders() {
    List<StreamingProvider> all = new ArrayList<>(CompatibleCatalogue.ENDPOINTS.size());
    for (CompatibleEndpoint endpoint : CompatibleCatalogue.ENDPOINTS) {
      all.add(new OpenAiProvider(endpoint.info(), endpoint.dialect()));
    }
    this.providers = List.copyOf(all);
  }

  @Override
  public List<StreamingProvider> providers() {
    return providers;
  }
}
