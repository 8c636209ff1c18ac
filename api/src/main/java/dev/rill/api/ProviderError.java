package dev.rill.api;

import java.time.Duration;
import java.util.Objects;

/**
 * A provider's error, classified: the {@link ErrorKind}, the provider's own code and message, and a retry
 * delay when the provider gave one. Returned by {@link StreamingProvider#classifyError}.
 *
 * @param kind the normalised kind
 * @param code the provider's code or type (e.g. {@code rate_limit_exceeded}), or null
 * @param message the provider's message, or null
 * @param retryAfter how long the provider asked to wait, or null
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
      retryAfter = Duration.ZERO;
    }
  }

  /** An error of this kind, with the provider's own code and message. */
  public static ProviderError of(ErrorKind kind, String code, String message) {
    return new ProviderError(kind, code, message, null);
  }

  /**
   * The shared fallback table, from the HTTP status alone: 400/422 invalid request, 401 authentication,
   * 403 permission, 404 not found, 408/504 timeout, 409 conflict, 413 request too large, 429 rate limited,
   * 503/529 overloaded, other 5xx server, anything else invalid request.
   */
  public static ErrorKind kindForStatus(int status) {
    return switch (status) {
      case 400, 422 -> ErrorKind.INVALID_REQUEST;
      case 401 -> ErrorKind.AUTHENTICATION;
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
