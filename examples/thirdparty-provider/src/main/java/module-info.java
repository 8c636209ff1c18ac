/** The Acme provider for Rill: one public class, registered for the module path too. */
module dev.acme.rill {
  requires dev.rill.api;
  requires tools.jackson.core;

  exports dev.acme.rill;

  provides dev.rill.api.StreamingProvider with dev.acme.rill.AcmeProvider;
}
