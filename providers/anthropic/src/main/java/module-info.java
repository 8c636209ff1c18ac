/**
 * The Anthropic Messages wire protocol family: Claude through Anthropic's API ({@code anthropic}) and through
 * Google Vertex AI ({@code vertex-anthropic}). Only the provider classes are exported; the encoder, decoder and
 * error classifier live in the unexported {@code internal} package.
 */
module dev.rill.provider.anthropic {
  requires transitive dev.rill.api;
  requires dev.rill.provider.support;
  requires tools.jackson.core;

  exports dev.rill.provider.anthropic;

  provides dev.rill.api.StreamingProvider with
      dev.rill.provider.anthropic.AnthropicProvider,
      dev.rill.provider.anthropic.VertexAnthropicProvider;
}
