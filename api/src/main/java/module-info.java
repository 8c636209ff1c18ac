/**
 * Rill's API: the {@link dev.rill.api.StreamingProvider} SPI that provider plugins implement, and the
 * immutable values that flow through a stream. Depends on nothing but {@code java.base}.
 *
 * <p>{@code dev.rill.api.internal} is not API: it is exported to the runtime alone, which attaches chunk metadata
 * through it. (The runtime is built after this module, hence the suppressed "module not found".)
 */
@SuppressWarnings("module")
module dev.rill.api {
  exports dev.rill.api;
  exports dev.rill.api.internal to dev.rill.runtime;

  uses dev.rill.api.StreamingProvider;
  uses dev.rill.api.ProviderBundle;
}
