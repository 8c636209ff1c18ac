/**
 * Test support: a loopback wire server with fault injection, recorded-transcript loaders, and seeded property checks
 * with shrinking.
 */
module dev.rill.testkit {
  requires transitive dev.rill.api;
  requires tools.jackson.core;

  exports dev.rill.testkit;
  exports dev.rill.testkit.server;
  exports dev.rill.testkit.fixtures;
  exports dev.rill.testkit.golden;
  exports dev.rill.testkit.property;
}
