package dev.rill.provider.gemini.internal;

import dev.rill.api.ErrorKind;
import dev.rill.api.ProviderError;
import dev.rill.provider.support.RetryDelays;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;

/**
 * Reads and classifies Google's error object, {@code {"error": {"code", "message", "status", "details": [...]}}},
 * whether it is an HTTP error body (also as the one element of a JSON array, as the non-SSE stream sends it) or a
 * payload inside a 200 stream.
 *
 * <p>Kinds, first match wins:
 * <ol>
 *   <li>an {@code ErrorInfo} reason {@code API_KEY_INVALID} or {@code API_KEY_EXPIRED} (Google sends a 400) is
 *       AUTHENTICATION;
 *   <li>an INVALID_ARGUMENT / 400 whose message says the input "exceeds the maximum number of tokens" or speaks of
 *       the "input token count" exceeding a limit is CONTEXT_LENGTH_EXCEEDED;
 *   <li>a 402 (payment required, sometimes sent with RESOURCE_EXHAUSTED) is QUOTA_EXHAUSTED;
 *   <li>the status: RESOURCE_EXHAUSTED rate limited, UNAVAILABLE overloaded, INTERNAL/UNKNOWN/DATA_LOSS server,
 *       INVALID_ARGUMENT/FAILED_PRECONDITION/OUT_OF_RANGE invalid request, PERMISSION_DENIED permission,
 *       UNAUTHENTICATED authentication, NOT_FOUND not found, DEADLINE_EXCEEDED timeout, ABORTED/ALREADY_EXISTS
 *       conflict (numeric {@code google.rpc.Code} values too);
 *   <li>else the HTTP status through {@link ProviderError#kindForStatus}.
 * </ol>
 * A 3xx is {@link ProviderError#redirect}. The provider code is the status (or the API-key reason); the retry delay is {@code RetryInfo.retryDelay}
 * ({@code "30s"}), else the {@code retry-after-ms} or {@code retry-after} (seconds) header.
 */
public final class GeminiErrors {

  private static final String[] RPC_CODES = {
      "OK", "CANCELLED", "UNKNOWN", "INVALID_ARGUMENT", "DEADLINE_EXCEEDED", "NOT_FOUND", "ALREADY_EXISTS",
      "PERMISSION_DENIED", "RESOURCE_EXHAUSTED", "FAILED_PRECONDITION", "ABORTED", "OUT_OF_RANGE", "UNIMPLEMENTED",
      "INTERNAL", "UNAVAILABLE", "DATA_LOSS", "UNAUTHENTICATED"};

  private GeminiErrors() {}

  /**
   * Google's error object, as read.
   *
   * @param code the HTTP status it states, or 0
   * @param message the message, or null
   * @param status the canonical status name, or null
   * @param reason the {@code ErrorInfo.reason}, or null
   * @param retryDelay the {@code RetryInfo.retryDelay}, or null
   */
  public record GoogleError(int code, String message, String status, String reason, Duration retryDelay) {}

  /** Classifies an HTTP error response. */
  public static ProviderError classify(int httpStatus, Map<String, String> headers, byte[] body) {
    if (ProviderError.isRedirect(httpStatus)) {
      return ProviderError.redirect(httpStatus, headers);
    }
    GoogleError error = parseBody(body);
    Duration headerDelay = headerDelay(headers);
    if (error == null) {
      ProviderError plain = ProviderError.fromStatus(httpStatus, new String(body, StandardCharsets.UTF_8));
      return headerDelay == null ? plain : plain.withRetryAfter(headerDelay);
    }
    ProviderError classified = toProviderError(error, httpStatus);
    return classified.retryAfter() == null && headerDelay != null ? classified.withRetryAfter(headerDelay) : classified;
  }

  /** The classified error for a Google error object; {@code httpStatus} is used when the object states none. */
  public static ProviderError toProviderError(GoogleError error, int httpStatus) {
    int status = error.code() > 0 ? error.code() : httpStatus;
    String code = error.status() != null ? error.status() : status > 0 ? String.valueOf(status) : null;
    ErrorKind kind;
    if (error.reason() != null && (error.reason().equals("API_KEY_INVALID") || error.reason().equals("API_KEY_EXPIRED"))) {
      kind = ErrorKind.AUTHENTICATION;
      code = error.reason();
    } else if (isContextLength(error, status)) {
      kind = ErrorKind.CONTEXT_LENGTH_EXCEEDED;
    } else if (status == 402) {
      kind = ErrorKind.QUOTA_EXHAUSTED; // payment required, even when the status name says RESOURCE_EXHAUSTED
    } else {
      ErrorKind byStatus = error.status() == null ? null : kindForStatus(error.status());
      kind = byStatus != null ? byStatus : ProviderError.kindForStatus(status);
    }
    return new ProviderError(kind, code, error.message(), error.retryDelay());
  }

  /** The kind for a canonical status name, or null for one without a fixed kind. */
  static ErrorKind kindForStatus(String status) {
    return switch (status) {
      case "RESOURCE_EXHAUSTED" -> ErrorKind.RATE_LIMITED;
      case "UNAVAILABLE" -> ErrorKind.OVERLOADED;
      case "INTERNAL", "UNKNOWN", "DATA_LOSS" -> ErrorKind.SERVER;
      case "INVALID_ARGUMENT", "FAILED_PRECONDITION", "OUT_OF_RANGE" -> ErrorKind.INVALID_REQUEST;
      case "PERMISSION_DENIED" -> ErrorKind.PERMISSION;
      case "UNAUTHENTICATED" -> ErrorKind.AUTHENTICATION;
      case "NOT_FOUND" -> ErrorKind.NOT_FOUND;
      case "DEADLINE_EXCEEDED" -> ErrorKind.TIMEOUT;
      case "ABORTED", "ALREADY_EXISTS" -> ErrorKind.CONFLICT;
      default -> null;
    };
  }

  private static boolean isContextLength(GoogleError error, int status) {
    boolean invalidArgument = "INVALID_ARGUMENT".equals(error.status()) || (error.status() == null && status == 400);
    if (!invalidArgument || error.message() == null) {
      return false;
    }
    String m = error.message().toLowerCase(Locale.ROOT);
    return m.contains("exceeds the maximum number of tokens")
        || (m.contains("input token count") && m.contains("exceed"));
  }

  /** Reads an error body: {@code {"error": {...}}}, or an array whose first element is that. Null if it is not. */
  static GoogleError parseBody(byte[] body) {
    if (body == null || body.length == 0) {
      return null;
    }
    try (JsonParser p = GeminiJson.FACTORY.createParser(ObjectReadContext.empty(), body)) {
      JsonToken t = p.nextToken();
      if (t == JsonToken.START_ARRAY) {
        t = p.nextToken();
      }
      if (t != JsonToken.START_OBJECT) {
        return null;
      }
      String name;
      while ((name = p.nextName()) != null) {
        JsonToken v = p.nextToken();
        if (name.equals("error") && v == JsonToken.START_OBJECT) {
          return readError(p);
        }
        p.skipChildren();
      }
      return null;
    } catch (JacksonException e) {
      return null;
    }
  }

  /** Reads an error object; the parser is at its START_OBJECT and ends at its END_OBJECT. */
  static GoogleError readError(JsonParser p) {
    int code = 0;
    String message = null;
    String status = null;
    String reason = null;
    Duration delay = null;
    String name;
    while ((name = p.nextName()) != null) {
      JsonToken v = p.nextToken();
      switch (name) {
        case "code" -> {
          if (v == JsonToken.VALUE_NUMBER_INT) {
            code = p.getIntValue();
          } else {
            p.skipChildren();
          }
        }
        case "message" -> message = v == JsonToken.VALUE_STRING ? p.getString() : skip(p);
        case "status" -> {
          if (v == JsonToken.VALUE_STRING) {
            status = p.getString();
          } else if (v == JsonToken.VALUE_NUMBER_INT) {
            int n = p.getIntValue();
            status = n >= 0 && n < RPC_CODES.length ? RPC_CODES[n] : String.valueOf(n);
          } else {
            p.skipChildren();
          }
        }
        case "details" -> {
          if (v == JsonToken.START_ARRAY) {
            while (p.nextToken() == JsonToken.START_OBJECT) {
              String[] found = readDetail(p);
              if (found[0] != null && reason == null) {
                reason = found[0];
              }
              if (found[1] != null && delay == null) {
                delay = parseDelay(found[1]);
              }
            }
          } else {
            p.skipChildren();
          }
        }
        default -> p.skipChildren();
      }
    }
    return new GoogleError(code, message, status, reason, delay);
  }

  /** Reads one detail object: returns {reason, retryDelay} (either null). */
  private static String[] readDetail(JsonParser p) {
    String[] found = new String[2];
    String name;
    while ((name = p.nextName()) != null) {
      JsonToken v = p.nextToken();
      if (name.equals("reason") && v == JsonToken.VALUE_STRING) {
        found[0] = p.getString();
      } else if (name.equals("retryDelay") && v == JsonToken.VALUE_STRING) {
        found[1] = p.getString();
      } else if (name.equals("retryDelay") && v == JsonToken.START_OBJECT) {
        long seconds = 0;
        long nanos = 0;
        String f;
        while ((f = p.nextName()) != null) {
          JsonToken fv = p.nextToken();
          if (f.equals("seconds") && fv.isNumeric()) {
            seconds = p.getLongValue();
          } else if (f.equals("seconds") && fv == JsonToken.VALUE_STRING) {
            seconds = parseLong(p.getString());
          } else if (f.equals("nanos") && fv.isNumeric()) {
            nanos = p.getLongValue();
          } else {
            p.skipChildren();
          }
        }
        found[1] = seconds + "." + String.format("%09d", Math.max(0, Math.min(nanos, 999_999_999))) + "s";
      } else {
        p.skipChildren();
      }
    }
    return found;
  }

  /** Parses a protobuf JSON duration such as {@code "30s"} or {@code "1.5s"}; null when it is not one. */
  static Duration parseDelay(String text) {
    if (text == null) {
      return null;
    }
    String t = text.trim();
    if (!t.endsWith("s") || t.length() < 2) {
      return null;
    }
    try {
      BigDecimal seconds = new BigDecimal(t.substring(0, t.length() - 1));
      if (seconds.signum() < 0 || seconds.compareTo(BigDecimal.valueOf(86_400L * 365)) > 0) {
        return null;
      }
      return Duration.ofNanos(seconds.movePointRight(9).longValue());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static Duration headerDelay(Map<String, String> headers) {
    return RetryDelays.fromHeaders(headers);
  }

  private static long parseLong(String s) {
    String t = s.trim();
    if (t.isEmpty() || t.length() > 12 || !t.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return -1;
    }
    return Long.parseLong(t);
  }

  private static String skip(JsonParser p) {
    p.skipChildren();
    return null;
  }
}
