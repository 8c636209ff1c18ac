/**
 * The Ollama plugin: streams {@code /api/chat} answers (newline-delimited JSON) from a local or proxied Ollama
 * server. Discovered through {@code provides}; only the provider class is exported.
 */
module dev.rill.provider.ollama {
  requires dev.rill.api;
  requires dev.rill.provider.support;
  requires tools.jackson.core;

  exports dev.rill.provider.ollama;

  provides dev.rill.api.StreamingProvider with dev.rill.provider.ollama.OllamaProvider;
}
