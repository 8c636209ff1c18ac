package dev.rill.api;

/**
 * What went wrong, the same for every provider. Each kind says whether retrying the same request may help;
 * {@link RillException#retryable()} starts from it.
 *
 * @since 0.1
 */
public enum ErrorKind {
  /** The key is missing, invalid or expired (401). Fix the credential. */
  AUTHENTICATION(false),
  /** The key is valid but may not do this (403). */
  PERMISSION(false),
  /** The model or endpoint does not exist (404). Check the model name and base URL. */
  NOT_FOUND(false),
  /**
   * The provider rejected the request as invalid (400, 422), or answered with a redirect (3xx), which Rill does not
   * follow: then the base URL is probably wrong. Fix the request or the base URL.
   */
  INVALID_REQUEST(false),
  /** The prompt plus output limit exceed the model's context window. Shorten the conversation. */
  CONTEXT_LENGTH_EXCEEDED(false),
  /** The request body is too large (413). */
  REQUEST_TOO_LARGE(false),
  /** A conflicting request is in progress (409). Retry later. */
  CONFLICT(true),
  /** Too many requests (429). Retry after the advertised delay. */
  RATE_LIMITED(true),
  /** The account's quota or credit is exhausted (402, or a 429 with a quota code). Retrying will not help. */
  QUOTA_EXHAUSTED(false),
  /** The provider is overloaded (503, 529). Retry with back-off. */
  OVERLOADED(true),
  /** The provider failed (500, 502, other 5xx). Retry with back-off. */
  SERVER(true),
  /** The connection failed or was refused before a response. Retry with back-off. */
  TRANSPORT(true),
  /** A timeout, with its {@link TimeoutPhase}. Retryable only before output. */
  TIMEOUT(true),
  /** The connection broke after the response started. Output so far is in the partial response. */
  STREAM_INTERRUPTED(false),
  /** The body ended cleanly but without the protocol's terminator: the answer may be incomplete. */
  TRUNCATED(false),
  /** The provider sent something the plugin cannot read; the raw event is attached. */
  MALFORMED_RESPONSE(false),
  /**
   * The stream was cancelled through {@code ChatStream.cancel()} (or a consumer view was closed): every view
   * ends with this, carrying the output received so far.
   */
  CANCELLED(false),
  /**
   * The response exceeded one of the client's limits (an event's size, the bytes of one response, the folded
   * text, the number of choices or tool calls); {@link RillException#limit()} names which. The output received
   * before it is kept. Raise the limit on the client if the provider really sends that much.
   */
  LIMIT_EXCEEDED(false),
  /**
   * Rill or a plugin failed unexpectedly while handling the stream: a bug, or the JVM ran out of memory. The
   * cause says which; other streams of the client are unaffected.
   */
  INTERNAL(false),
  /** The provider refused or filtered the content. */
  CONTENT_FILTERED(false);

  private final boolean retryable;

  ErrorKind(boolean retryable) {
    this.retryable = retryable;
  }

  /** Whether a retry of the same request may succeed, before any output was delivered. */
  public boolean retryableByDefault() {
    return retryable;
  }
}
