/**
 * Test support: a loopback wire server with fault injection, recorded-transcript loaders, seeded property checks
 * with shrinking, and the sizing and fit check of the reports' SVG charts.
 */
module dev.rill.testkit {
  requires transitive dev.rill.api;
  requires tools.jackson.core;
  requires java.xml;

  exports dev.rill.testkit;
  exports dev.rill.testkit.server;
  exports dev.rill.testkit.fixtures;
  exports dev.rill.testkit.golden;
  exports dev.rill.testkit.property;
  exports dev.rill.testkit.svg;
}
