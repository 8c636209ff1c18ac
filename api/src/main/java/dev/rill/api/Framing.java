package dev.rill.api;

/**
 * How a provider frames its response body into {@link WireEvent}s. The runtime owns the framers.
 *
 * @since 0.1
 */
public enum Framing {
  /** Server-sent events ({@code text/event-stream}), parsed by the WHATWG rules. */
  SSE("text/event-stream"),
  /** Newline-delimited JSON: one JSON document per line. */
  NDJSON("application/x-ndjson"),
  /** The AWS binary event-stream ({@code application/vnd.amazon.eventstream}), with prelude and message CRCs. */
  AWS_EVENT_STREAM("application/vnd.amazon.eventstream"),
  /** A JSON array streamed element by element; each element becomes one event. */
  JSON_ARRAY("application/json");

  private final String mediaType;

  Framing(String mediaType) {
    this.mediaType = mediaType;
  }

  /** The media type a successful response is expected to carry. */
  public String mediaType() {
    return mediaType;
  }
}
