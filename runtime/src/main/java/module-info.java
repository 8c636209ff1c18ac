/**
 * Rill's runtime: provider discovery, the HTTP transport on Apache HttpClient 5 async with demand-driven
 * back-pressure, and the streaming pipeline behind {@link dev.rill.runtime.Rill} and
 * {@link dev.rill.runtime.ChatStream}.
 */
module dev.rill.runtime {
  requires transitive dev.rill.api;
  requires dev.rill.framing;
  requires org.apache.httpcomponents.client5.httpclient5;
  requires org.apache.httpcomponents.core5.httpcore5;
  requires org.apache.httpcomponents.core5.httpcore5.h2;
  requires tools.jackson.core;

  exports dev.rill.runtime;

  uses dev.rill.api.StreamingProvider;
  uses dev.rill.api.ProviderBundle;
}
