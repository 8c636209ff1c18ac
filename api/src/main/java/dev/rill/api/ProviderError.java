package dev.rill.api;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A provider's error, classified: the {@link ErrorKind}, the provider's own code and message, and a retry
 * delay when the provider gave one. Returned by {@link StreamingProvider#classifyError}.
 *
 * @param kind the normalised kind
 * @param code the provider's code or type (e.g. {@code rate_limit_exceeded}), or null
 * @param message the provider's message, or null
 * @param retryAfter how long the provider asked to wait, or null; a negative delay is taken as none (the caller's
 *     back-off applies), never as "retry at once"
 * @since 0.1
 */
public record ProviderError(ErrorKind kind, String code, String message, Duration retryAfter) {

  /** The longest provider message kept; longer ones are cut. */
  public static final int MAX_MESSAGE = 2_000;

  /** Checks and normalises the components (see the class comment). */
  public ProviderError {
    Objects.requireNonNull(kind, "kind");
    if (message != null && message.length() > MAX_MESSAGE) {
      message = message.substring(0, MAX_MESSAGE) + "...";
    }
    if (retryAfter != null && retryAfter.isNegative()) {
      retryAfter = null;
    }
  }

  /** An error of this kind, with the provider's own code and message. */
  public static ProviderError of(ErrorKind kind, String code, String message) {
    return new ProviderError(kind, code, message, null);
  }

  /**
   * The shared fallback table, from the HTTP status alone: 400/422 invalid request, 401 authentication,
   * 402 quota exhausted (payment required: credit or balance used up), 403 permission, 404 not found, 408/504
   * timeout, 409 conflict, 413 request too large, 429 rate limited, 503/529 overloaded, other 5xx server, anything
   * else (a 3xx redirect included, see {@link #redirect}) invalid request.
   */
  public static ErrorKind kindForStatus(int status) {
    return switch (status) {
      case 400, 422 -> ErrorKind.INVALID_REQUEST;
      case 401 -> ErrorKind.AUTHENTICATION;
      case 402 -> ErrorKind.QUOTA_EXHAUSTED;
      case 403 -> ErrorKind.PERMISSION;
      case 404 -> ErrorKind.NOT_FOUND;
      case 408, 504 -> ErrorKind.TIMEOUT;
      case 409 -> ErrorKind.CONFLICT;
      case 413 -> ErrorKind.REQUEST_TOO_LARGE;
      case 429 -> ErrorKind.RATE_LIMITED;
      case 503, 529 -> ErrorKind.OVERLOADED;
      default -> status >= 500 ? ErrorKind.SERVER : ErrorKind.INVALID_REQUEST;
    };
  }

  /** Whether {@code status} is a redirect (3xx). Rill never follows one: see {@link #redirect}. */
  public static boolean isRedirect(int status) {
    return status >= 300 && status < 400;
  }

  /**
   * The error for a 3xx response, the same in every plugin: {@link ErrorKind#INVALID_REQUEST} (not retryable),
   * with a message saying that the redirect was not followed and that the base URL is probably wrong, naming the
   * {@code Location} header when there is one (its credentials redacted as {@link HttpCall#toString()} does). Rill
   * does not follow redirects: a POST with a credential must not be re-sent to another address on a server's word.
   *
   * @param status the 3xx status
   * @param headers the response headers (names in any case), or null
   */
  public static ProviderError redirect(int status, Map<String, String> headers) {
    String location = header(headers, "location");
    String where = "";
    if (location != null && !location.isBlank()) {
      String shown = location.strip();
      try {
        URI uri = URI.create(shown);
        shown = (uri.isAbsolute() ? HttpCall.redactUri(uri) : uri).toString();
      } catch (IllegalArgumentException e) {
        shown = "an unreadable address";
      }
      where = " to " + (shown.length() > 300 ? shown.substring(0, 300) + "..." : shown);
    }
    return new ProviderError(ErrorKind.INVALID_REQUEST, null, "a redirect (HTTP " + status + ")" + where
        + ", which Rill does not follow: the base URL is probably wrong"
        + (where.isEmpty() ? "" : "; set it to the address the server points to"), null);
  }

  private static String header(Map<String, String> headers, String name) {
    if (headers == null) {
      return null;
    }
    String v = headers.get(name);
    if (v != null) {
      return v;
    }
    for (Map.Entry<String, String> e : headers.entrySet()) {
      if (e.getKey() != null && e.getKey().toLowerCase(Locale.ROOT).equals(name)) {
        return e.getValue();
      }
    }
    return null;
  }

  /** An error from the status alone, with the body text as message. */
  public static ProviderError fromStatus(int status, String body) {
    String message = body == null || body.isBlank() ? null : body.strip();
    return new ProviderError(kindForStatus(status), null, message, null);
  }

  /** A copy with a retry delay. */
  public ProviderError withRetryAfter(Duration delay) {
    return new ProviderError(kind, code, message, delay);
  }
}
