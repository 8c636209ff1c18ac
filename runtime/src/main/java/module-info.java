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
  // HttpClient 5 (an automatic module) loads jdk.net.Sockets for its socket options; nothing else puts jdk.net
  // in the module graph, so a module-path launch would fail with NoClassDefFoundError without this.
  requires jdk.net;
  requires tools.jackson.core;
  // HttpClient 5 logs through SLF4J; without a provider in the application, Rill names its own System.Logger bridge
  // (internal.logging.Slf4jFallback) so a plain application prints no SLF4J warning. HttpClient's own logger levels
  // also decide whether its header log could print a credential (Http1WhileHeaderLogging).
  requires org.slf4j;

  exports dev.rill.runtime;
  exports dev.rill.runtime.internal.logging to org.slf4j;

  uses dev.rill.api.StreamingProvider;
  uses dev.rill.api.ProviderBundle;
  uses dev.rill.runtime.StreamListener;
  uses org.slf4j.spi.SLF4JServiceProvider;
}
