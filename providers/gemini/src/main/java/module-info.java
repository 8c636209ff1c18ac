/**
 * Google Gemini providers for Rill: {@code gemini} (Google AI) and {@code vertex} (Vertex AI), one
 * {@code streamGenerateContent} wire protocol.
 */
module dev.rill.provider.gemini {
  requires dev.rill.api;
  requires dev.rill.provider.support;
  requires tools.jackson.core;

  exports dev.rill.provider.gemini;

  provides dev.rill.api.StreamingProvider with
      dev.rill.provider.gemini.GeminiProvider,
      dev.rill.provider.gemini.VertexGeminiProvider;
}
