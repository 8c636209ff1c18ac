/** Framers that cut a streamed response body into {@link dev.rill.api.WireEvent}s. */
module dev.rill.framing {
  requires transitive dev.rill.api;

  exports dev.rill.framing;
}
