/**
 * Rill's API: the {@link dev.rill.api.StreamingProvider} SPI that provider plugins implement, and the
 * immutable values that flow through a stream. Depends on nothing but {@code java.base}.
 */
module dev.rill.api {
  exports dev.rill.api;

  uses dev.rill.api.StreamingProvider;
  uses dev.rill.api.ProviderBundle;
}
