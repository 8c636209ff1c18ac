/**
 * Test support: a loopback wire server with fault injection, an HTTP/2 and TLS stream server, recorded-transcript
 * loaders, seeded property checks with shrinking, and the sizing and fit check of the reports' SVG charts.
 */
module dev.rill.testkit {
  requires transitive dev.rill.api;
  requires tools.jackson.core;
  requires java.xml;
  requires org.apache.httpcomponents.core5.httpcore5;
  requires org.apache.httpcomponents.core5.httpcore5.h2;

  exports dev.rill.testkit;
  exports dev.rill.testkit.server;
  exports dev.rill.testkit.h2;
  exports dev.rill.testkit.fixtures;
  exports dev.rill.testkit.golden;
  exports dev.rill.testkit.property;
  exports dev.rill.testkit.svg;
}
