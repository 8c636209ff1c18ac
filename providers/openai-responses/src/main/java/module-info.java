/**
 * The OpenAI Responses wire protocol family ({@code POST /responses}, streamed as typed server-sent events): OpenAI
 * itself ({@code openai-responses}), xAI ({@code xai-responses}) and Azure OpenAI's v1 surface
 * ({@code azure-openai-responses}). Only the provider classes are exported; the encoder, decoder and error classifier
 * live in the unexported {@code internal} package.
 */
module dev.rill.provider.openairesponses {
  requires transitive dev.rill.api;
  requires dev.rill.provider.support;
  requires tools.jackson.core;

  exports dev.rill.provider.openairesponses;

  provides dev.rill.api.StreamingProvider with
      dev.rill.provider.openairesponses.OpenAiResponsesProvider,
      dev.rill.provider.openairesponses.XaiResponsesProvider,
      dev.rill.provider.openairesponses.AzureOpenAiResponsesProvider;
}
