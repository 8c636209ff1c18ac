/**
 * Rill's OpenAI chat-completions plugin: {@code POST /chat/completions} with {@code stream: true}, decoded from
 * server-sent events. One decoder serves OpenAI itself and every OpenAI-compatible server (Groq, DeepSeek, Mistral,
 * OpenRouter, xAI, Ollama, vLLM... 37 in all), which the {@link dev.rill.provider.openai.OpenAiCompatibleProviders} bundle
 * contributes as providers of their own, and Azure OpenAI ({@link dev.rill.provider.openai.AzureOpenAiProvider}).
 */
module dev.rill.provider.openai {
  requires dev.rill.api;
  requires dev.rill.provider.support;
  requires tools.jackson.core;

  exports dev.rill.provider.openai;

  provides dev.rill.api.StreamingProvider with dev.rill.provider.openai.OpenAiProvider,
      dev.rill.provider.openai.AzureOpenAiProvider;
  provides dev.rill.api.ProviderBundle with dev.rill.provider.openai.OpenAiCompatibleProviders;
}
