/**
 * Micrometer for Rill: {@link dev.rill.micrometer.RillObservation}, a {@link dev.rill.runtime.StreamListener} that
 * runs every call as a Micrometer {@code Observation} named {@code gen_ai.client.operation}.
 */
module dev.rill.micrometer {
  requires transitive dev.rill.runtime;
  requires micrometer.observation;
  requires micrometer.commons;

  exports dev.rill.micrometer;
}
