package dev.rill.api;

/**
 * Which of the client's limits a stream exceeded, for an {@link ErrorKind#LIMIT_EXCEEDED} error (and
 * {@link #REQUEST_BYTES} for an {@link ErrorKind#REQUEST_TOO_LARGE} one). Each keeps memory bounded on a path
 * where a broken or hostile server could otherwise make the client grow without end.
 *
 * @since 0.1
 */
public enum Limit {
  /** One event (an SSE line or event, an NDJSON line, an event-stream message, a JSON array element). */
  EVENT_BYTES,
  /** The bytes of one response body. */
  RESPONSE_BYTES,
  /** The characters of text, reasoning, refusal and tool arguments folded from one response. */
  FOLD_CHARS,
  /** The number of choices (a choice index at or above the limit). */
  CHOICES,
  /** The number of tool calls of one choice (a tool-call index at or above the limit). */
  TOOL_CALLS,
  /** The body of one request. */
  REQUEST_BYTES
}
