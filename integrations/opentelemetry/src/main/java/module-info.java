/**
 * OpenTelemetry for Rill: {@link dev.rill.opentelemetry.RillTelemetry}, a
 * {@link dev.rill.runtime.StreamListener} that records a span and the GenAI client metrics for every call.
 */
module dev.rill.opentelemetry {
  requires transitive dev.rill.runtime;
  requires io.opentelemetry.api;
  requires io.opentelemetry.context;

  exports dev.rill.opentelemetry;
}
