package dev.rill.provider.cohere.internal;

import dev.rill.api.ErrorKind;
import dev.rill.api.ProviderError;
import dev.rill.provider.support.RetryDelays;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * Classifies Cohere error responses, whose bodies are {@code {"id": "...", "message": "..."}}
 * (https://docs.cohere.com/reference/errors).
 *
 * <p>Status table: the shared one ({@link ProviderError#kindForStatus}: 402, payment required, is QUOTA_EXHAUSTED for
 * every provider) plus Cohere's own codes: 498 (invalid token) is AUTHENTICATION; 499 (request
 * cancelled: Cohere's side dropped the request while it was running, and its docs advise retrying) is SERVER, which is
 * retryable; it is not CANCELLED, which Rill reserves for the consumer's own cancel. From the message: "too many
 * tokens" about the prompt or its size is CONTEXT_LENGTH_EXCEEDED (but "max tokens must be ..." is a parameter error
 * and stays INVALID_REQUEST); a 429 about a trial key's monthly limit is QUOTA_EXHAUSTED. A {@code Retry-After}
 * header in seconds is kept. A 3xx is {@link ProviderError#redirect}.
 */
public final class CohereErrors {

  private CohereErrors() {}

  /** Classifies an error response. */
  public static ProviderError classify(int status, Map<String, String> headers, byte[] body) {
    if (ProviderError.isRedirect(status)) {
      return ProviderError.redirect(status, headers);
    }
    String message = message(body);
    if (message == null) {
      String text = new String(body, StandardCharsets.UTF_8).strip();
      message = text.isEmpty() ? null : text;
    }
    ErrorKind kind = switch (status) {
      case 498 -> ErrorKind.AUTHENTICATION;
      case 499 -> ErrorKind.SERVER;
      default -> ProviderError.kindForStatus(status);
    };
    if (message != null && (kind == ErrorKind.INVALID_REQUEST || kind == ErrorKind.RATE_LIMITED)) {
      kind = kindForMessage(message, kind);
    }
    return new ProviderError(kind, null, message, retryAfter(headers));
  }

  /** The finer kind a message names, else {@code fallback}. */
  static ErrorKind kindForMessage(String message, ErrorKind fallback) {
    String m = message.toLowerCase(Locale.ROOT);
    if (m.contains("too many tokens") && !m.contains("max tokens must")
        && (m.contains("prompt") || m.contains("size limit") || m.contains("context"))) {
      return ErrorKind.CONTEXT_LENGTH_EXCEEDED;
    }
    if (m.contains("trial key") && m.contains("month")) {
      return ErrorKind.QUOTA_EXHAUSTED;
    }
    return fallback;
  }

  /** The {@code message} string of a JSON error body, or null. */
  static String message(byte[] body) {
    try (JsonParser p = JsonBodies.parser(body, 0, body.length)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return null;
      }
      while (p.nextToken() == JsonToken.PROPERTY_NAME) {
        String name = p.currentName();
        JsonToken t = p.nextToken();
        if (name.equals("message") && t == JsonToken.VALUE_STRING) {
          return p.getString();
        }
        p.skipChildren();
      }
    } catch (JacksonException e) {
      return null;
    }
    return null;
  }

  /** {@code retry-after-ms}, else {@code retry-after} (seconds or an HTTP date); see {@link RetryDelays}. */
  static Duration retryAfter(Map<String, String> headers) {
    return RetryDelays.fromHeaders(headers);
  }
}
