package dev.rill.provider.anthropic.internal;

import dev.rill.api.ErrorKind;
import dev.rill.api.ProviderError;
import dev.rill.provider.support.RetryDelays;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;

/**
 * Classifies an Anthropic (or Vertex AI) error response.
 *
 * <p>The body is Anthropic's {@code {"type":"error","error":{"type":"rate_limit_error","message":"..."}}}; the kind
 * comes from {@code error.type} ({@link ErrorTypes}: {@code invalid_request_error} whose message says the prompt is
 * too long becomes {@link ErrorKind#CONTEXT_LENGTH_EXCEEDED}), and the provider code is that type. Vertex AI answers
 * some errors itself in Google's shape ({@code {"error":{"code":429,"status":"RESOURCE_EXHAUSTED","message":...}}},
 * sometimes wrapped in an array), whose {@code status} is mapped too. Without a known type the HTTP status decides
 * ({@link ProviderError#kindForStatus}: 529 is {@link ErrorKind#OVERLOADED}). A 402 without a known type is
 * {@link ErrorKind#QUOTA_EXHAUSTED}, as Anthropic's {@code billing_error} is; a 3xx is {@link ProviderError#redirect}.
 *
 * <p>The retry delay comes from {@code retry-after-ms}, else {@code retry-after} (seconds or an HTTP date), else
 * Anthropic's {@code anthropic-ratelimit-<limit>-reset} headers (RFC 3339 times): the latest reset among the limits
 * whose {@code -remaining} header is 0, or, when none says so, the earliest reset. Times are measured from the
 * response's {@code date} header when present (the server's clock), else from this classifier's clock.
 *
 * <p>Stateless apart from the clock; thread-safe.
 */
public final class MessagesErrorClassifier {

  private static final String RATE_LIMIT_PREFIX = "anthropic-ratelimit-";
  private static final String RESET_SUFFIX = "-reset";

  private final Clock clock;

  /** A classifier measuring reset times against {@code clock} when a response has no {@code date} header. */
  public MessagesErrorClassifier(Clock clock) {
    this.clock = clock;
  }

  /** Classifies a response; never throws. */
  public ProviderError classify(int status, Map<String, String> headers, byte[] body) {
    if (ProviderError.isRedirect(status)) {
      return ProviderError.redirect(status, headers);
    }
    BodyFields fields = new BodyFields();
    boolean parsed = fields.parse(body);
    ErrorKind kind = ErrorTypes.kindOf(fields.type, fields.message);
    if (kind == null && status == 402) {
      kind = ErrorKind.QUOTA_EXHAUSTED; // payment required, whatever Google's status says (RESOURCE_EXHAUSTED)
    }
    if (kind == null) {
      kind = googleStatusKind(fields.googleStatus);
    }
    if (kind == null) {
      kind = ProviderError.kindForStatus(status);
      if (kind == ErrorKind.INVALID_REQUEST && ErrorTypes.isContextLengthMessage(fields.message)) {
        kind = ErrorKind.CONTEXT_LENGTH_EXCEEDED;
      }
    }
    String code = fields.type != null ? fields.type : fields.googleStatus;
    String message = fields.message;
    if (message == null && !parsed && body != null && body.length > 0) {
      String text = new String(body, StandardCharsets.UTF_8).strip();
      message = text.isEmpty() ? null : text;
    }
    return new ProviderError(kind, code, message, retryAfter(headers == null ? Map.of() : headers));
  }

  private static ErrorKind googleStatusKind(String status) {
    if (status == null) {
      return null;
    }
    return switch (status) {
      case "INVALID_ARGUMENT", "FAILED_PRECONDITION", "OUT_OF_RANGE" -> ErrorKind.INVALID_REQUEST;
      case "UNAUTHENTICATED" -> ErrorKind.AUTHENTICATION;
      case "PERMISSION_DENIED" -> ErrorKind.PERMISSION;
      case "NOT_FOUND" -> ErrorKind.NOT_FOUND;
      case "RESOURCE_EXHAUSTED" -> ErrorKind.RATE_LIMITED;
      case "UNAVAILABLE" -> ErrorKind.OVERLOADED;
      case "DEADLINE_EXCEEDED" -> ErrorKind.TIMEOUT;
      case "ABORTED", "ALREADY_EXISTS" -> ErrorKind.CONFLICT;
      case "INTERNAL", "UNKNOWN", "DATA_LOSS" -> ErrorKind.SERVER;
      default -> null;
    };
  }

  // ---- retry delay

  Duration retryAfter(Map<String, String> headers) {
    Duration after = RetryDelays.fromHeaders(headers, clock);
    return after != null ? after : rateLimitReset(headers);
  }

  private Duration rateLimitReset(Map<String, String> headers) {
    Instant latestExhausted = null;
    Instant earliest = null;
    for (Map.Entry<String, String> e : headers.entrySet()) {
      String name = e.getKey();
      if (!name.startsWith(RATE_LIMIT_PREFIX) || !name.endsWith(RESET_SUFFIX)) {
        continue;
      }
      Instant reset = rfc3339(e.getValue());
      if (reset == null) {
        continue;
      }
      String limit = name.substring(0, name.length() - RESET_SUFFIX.length());
      String remaining = headers.get(limit + "-remaining");
      if (remaining != null && remaining.strip().equals("0")
          && (latestExhausted == null || reset.isAfter(latestExhausted))) {
        latestExhausted = reset;
      }
      if (earliest == null || reset.isBefore(earliest)) {
        earliest = reset;
      }
    }
    Instant at = latestExhausted != null ? latestExhausted : earliest;
    return at == null ? null : RetryDelays.until(now(headers), at);
  }

  private Instant now(Map<String, String> headers) {
    return RetryDelays.responseTime(headers, clock);
  }





  private static Instant rfc3339(String value) {
    try {
      return OffsetDateTime.parse(value.strip(), DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }


  // ---- body

  /** {@code error.type}, {@code error.message} and Google's {@code error.status} of an error body. */
  private static final class BodyFields {
    String type;
    String message;
    String googleStatus;

    /** Reads the body; false when it is not JSON. */
    boolean parse(byte[] body) {
      if (body == null || body.length == 0) {
        return false;
      }
      try (JsonParser p = AnthropicJson.FACTORY.createParser(ObjectReadContext.empty(), body)) {
        JsonToken t = p.nextToken();
        if (t == JsonToken.START_ARRAY) {
          t = p.nextToken();
        }
        if (t != JsonToken.START_OBJECT) {
          return false;
        }
        String name;
        while ((name = p.nextName()) != null) {
          JsonToken v = p.nextToken();
          if (name.equals("error") && v == JsonToken.START_OBJECT) {
            readError(p);
          } else if (name.equals("message") && v == JsonToken.VALUE_STRING && message == null) {
            message = p.getString();
          } else {
            p.skipChildren();
          }
        }
        return true;
      } catch (JacksonException e) {
        return false;
      }
    }

    private void readError(JsonParser p) {
      String name;
      while ((name = p.nextName()) != null) {
        JsonToken v = p.nextToken();
        if (v != JsonToken.VALUE_STRING) {
          p.skipChildren();
          continue;
        }
        switch (name) {
          case "type" -> type = p.getString();
          case "message" -> message = p.getString();
          case "status" -> googleStatus = p.getString();
          default -> { }
        }
      }
    }
  }
}
