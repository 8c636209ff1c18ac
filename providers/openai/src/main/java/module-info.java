/**
 * Rill's OpenAI chat-completions plugin: {@code POST /chat/completions} with {@code stream: true}, decoded from
 * server-sent events. One decoder serves OpenAI itself and every OpenAI-compatible server (Groq, DeepSeek, Mistral,
 * OpenRouter, xAI, Ollama, vLLM...), which the {@link dev.rill.provider.openai.OpenAiCompatibleProviders} bundle
 * contributes as providers of their own.
 */
module dev.rill.provider.openai {
  requires dev.rill.api;
  requires tools.jackson.core;

  exports dev.rill.provider.openai;

  provides dev.rill.api.StreamingProvider with dev.rill.provider.openai.OpenAiProvider;
  provides dev.rill.api.ProviderBundle with dev.rill.provider.openai.OpenAiCompatibleProviders;
}
