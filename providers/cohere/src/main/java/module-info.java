/**
 * The Cohere plugin: streams Cohere v2 chat answers ({@code POST /v2/chat}, typed server-sent events). Discovered
 * through {@code provides}; only the provider class is exported.
 */
module dev.rill.provider.cohere {
  requires dev.rill.api;
  requires dev.rill.provider.support;
  requires tools.jackson.core;

  exports dev.rill.provider.cohere;

  provides dev.rill.api.StreamingProvider with dev.rill.provider.cohere.CohereProvider;
}
