package dev.rill.provider.anthropic.internal;

import dev.rill.api.ErrorKind;
import java.util.Locale;

/**
 * Anthropic's error {@code type} values ({@code {"type":"error","error":{"type":...}}}, in an error response body and
 * in a mid-stream {@code error} event) and the {@link ErrorKind} each maps to.
 */
public final class ErrorTypes {

  private ErrorTypes() {}

  /**
   * The kind for an Anthropic error type and message: as {@link #kindOf(String)}, except that an
   * {@code invalid_request_error} whose message says the prompt does not fit the context window is
   * {@link ErrorKind#CONTEXT_LENGTH_EXCEEDED} (see {@link #isContextLengthMessage}). Null for an unknown type.
   */
  public static ErrorKind kindOf(String type, String message) {
    ErrorKind kind = kindOf(type);
    if (kind == ErrorKind.INVALID_REQUEST && isContextLengthMessage(message)) {
      return ErrorKind.CONTEXT_LENGTH_EXCEEDED;
    }
    return kind;
  }

  /**
   * Whether an error message says the prompt does not fit the model's context window: Anthropic's
   * {@code prompt is too long: 208310 tokens > 200000 maximum}, {@code input length and `max_tokens` exceed context
   * limit: ...}, or a message naming the context window or context length. A message about one parameter's own limit,
   * such as {@code max_tokens: 300000 > 64000, which is the maximum allowed...} or
   * {@code max_tokens: ... must be less than ...}, is not: it starts with the parameter's name.
   */
  public static boolean isContextLengthMessage(String message) {
    if (message == null) {
      return false;
    }
    String m = message.toLowerCase(Locale.ROOT).strip();
    if (m.startsWith("max_tokens") || m.startsWith("`max_tokens`")) {
      return false;
    }
    return m.contains("prompt is too long") || m.contains("context limit") || m.contains("context window")
        || m.contains("context length");
  }

  /**
   * The kind for an Anthropic error type, or null for a type this plugin does not know (callers fall back: the
   * stream decoder to {@link ErrorKind#SERVER}, the classifier to the HTTP status).
   */
  public static ErrorKind kindOf(String type) {
    if (type == null) {
      return null;
    }
    return switch (type) {
      case "overloaded_error" -> ErrorKind.OVERLOADED;
      case "rate_limit_error" -> ErrorKind.RATE_LIMITED;
      case "api_error" -> ErrorKind.SERVER;
      case "invalid_request_error" -> ErrorKind.INVALID_REQUEST;
      case "authentication_error" -> ErrorKind.AUTHENTICATION;
      case "permission_error" -> ErrorKind.PERMISSION;
      case "not_found_error" -> ErrorKind.NOT_FOUND;
      case "request_too_large" -> ErrorKind.REQUEST_TOO_LARGE;
      case "billing_error" -> ErrorKind.QUOTA_EXHAUSTED;
      default -> null;
    };
  }
}
