package dev.rill.provider.openairesponses.internal;

import dev.rill.api.ErrorKind;
import dev.rill.api.ProviderError;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;

/**
 * Reads OpenAI-style errors, {@code {"error": {"message", "type", "code", "param"}}}, from an error response body, and
 * classifies them and the error objects the Responses stream carries ({@code response.failed}'s
 * {@code response.error {code, message}} and the {@code error} event).
 *
 * <p>HTTP errors start from the shared status table ({@link ProviderError#kindForStatus}) and are refined by the
 * body: {@code insufficient_quota} is {@link ErrorKind#QUOTA_EXHAUSTED}; a 4xx whose code is
 * {@code context_length_exceeded} or whose message speaks of the model's maximum context length is
 * {@link ErrorKind#CONTEXT_LENGTH_EXCEEDED} (a parameter's maximum length is not); {@code content_filter} and
 * {@code content_policy...} codes are {@link ErrorKind#CONTENT_FILTERED}. A rate limit is recognised by status 429
 * only, never by text in a body. Retry delays come from {@code retry-after-ms}, then {@code retry-after} (seconds or
 * an HTTP date), then, for a 429, OpenAI's {@code x-ratelimit-reset-requests} / {@code -tokens} ({@code 1s},
 * {@code 6m0s}, {@code 20ms}).
 *
 * <p>Stream errors ({@link #streamKind}) go by code, then message, then type: {@code rate_limit_exceeded} is
 * RATE_LIMITED, {@code insufficient_quota} QUOTA_EXHAUSTED, {@code server_error} SERVER, {@code invalid_prompt} and
 * the image codes ({@code invalid_image...}, {@code image_too_large}...) INVALID_REQUEST, an image content policy
 * violation CONTENT_FILTERED; anything else (such as {@code vector_store_timeout}) is SERVER.
 */
public final class ResponsesErrors {

  private static final Pattern GO_DURATION_PART = Pattern.compile("(\\d+(?:\\.\\d*)?|\\.\\d+)(ns|us|µs|ms|h|m|s)");

  private ResponsesErrors() {}

  /**
   * An error object as providers send it.
   *
   * @param message the human-readable message, or null
   * @param type OpenAI's {@code type} (e.g. {@code invalid_request_error}), or null
   * @param code the {@code code}, a string or a number written as text, or null
   * @param status a numeric status found in the object ({@code status_code}, {@code status} or a numeric code), or 0
   */
  public record ErrorBody(String message, String type, String code, int status) {

    /** The code if there is one, else the type: what {@code providerCode} reports. */
    public String codeOrType() {
      return code != null ? code : type;
    }
  }

  /** Classifies an HTTP error response. */
  public static ProviderError classify(int status, Map<String, String> headers, byte[] body) {
    ErrorBody error = parseBody(body == null ? new byte[0] : body);
    ErrorKind kind;
    if (status < 400) {
      // a 2xx with the wrong content type (or a 3xx) that still carries an error object: read it like a stream error
      kind = error.code() != null || error.type() != null || error.status() > 0 ? streamKind(error)
          : ErrorKind.SERVER;
    } else {
      kind = refine(status, error);
    }
    return new ProviderError(kind, error.codeOrType(), error.message(), retryAfter(status, headers));
  }

  private static ErrorKind refine(int status, ErrorBody error) {
    ErrorKind kind = ProviderError.kindForStatus(status);
    String code = lower(error.code());
    String type = lower(error.type());
    if (code.contains("insufficient_quota") || type.contains("insufficient_quota")) {
      return ErrorKind.QUOTA_EXHAUSTED;
    }
    boolean clientError = status >= 400 && status < 500 && status != 401 && status != 403 && status != 404
        && status != 429;
    if (clientError && (code.contains("context_length_exceeded") || mentionsContextLength(error.message()))) {
      return ErrorKind.CONTEXT_LENGTH_EXCEEDED;
    }
    if (clientError && (isContentFilter(code) || isContentFilter(type))) {
      return ErrorKind.CONTENT_FILTERED;
    }
    return kind;
  }

  /**
   * The kind of an error object found inside a stream (OpenAI and OpenRouter in-chunk errors, Groq's
   * {@code event: error}): from its code, then its message, then its type, then a numeric status; else SERVER.
   */
  public static ErrorKind streamKind(ErrorBody error) {
    ErrorKind byCode = kindFromText(lower(error.code()));
    if (byCode != null) {
      return byCode;
    }
    if (mentionsContextLength(error.message())) {
      return ErrorKind.CONTEXT_LENGTH_EXCEEDED;
    }
    ErrorKind byType = kindFromText(lower(error.type()));
    if (byType != null) {
      return byType;
    }
    int status = error.status();
    if (status >= 400) {
      return ProviderError.kindForStatus(status);
    }
    return ErrorKind.SERVER;
  }

  private static ErrorKind kindFromText(String text) {
    if (text.isEmpty()) {
      return null;
    }
    if (text.contains("context_length_exceeded")) {
      return ErrorKind.CONTEXT_LENGTH_EXCEEDED;
    }
    if (text.contains("insufficient_quota")) {
      return ErrorKind.QUOTA_EXHAUSTED;
    }
    if (text.contains("rate_limit")) {
      return ErrorKind.RATE_LIMITED;
    }
    if (text.contains("overloaded")) {
      return ErrorKind.OVERLOADED;
    }
    if (isContentFilter(text)) {
      return ErrorKind.CONTENT_FILTERED;
    }
    if (text.equals("server_error") || text.equals("internal_error") || text.equals("api_error")) {
      return ErrorKind.SERVER;
    }
    if (text.equals("invalid_request_error") || text.equals("invalid_prompt") || text.startsWith("invalid_image")
        || text.startsWith("image_") || text.equals("invalid_base64_image") || text.equals("empty_image_file")
        || text.equals("failed_to_download_image") || text.equals("unsupported_image_media_type")) {
      return ErrorKind.INVALID_REQUEST;
    }
    if (text.equals("authentication_error") || text.equals("invalid_api_key")) {
      return ErrorKind.AUTHENTICATION;
    }
    if (text.chars().allMatch(Character::isDigit) && text.length() == 3) {
      int status = Integer.parseInt(text);
      return status >= 400 ? ProviderError.kindForStatus(status) : null;
    }
    return null;
  }

  private static boolean isContentFilter(String text) {
    return text.contains("content_filter") || text.contains("content_policy");
  }

  /** Whether a message says the prompt exceeds the model's context window (not a parameter's maximum length). */
  static boolean mentionsContextLength(String message) {
    if (message == null) {
      return false;
    }
    String m = message.toLowerCase(Locale.ROOT);
    return m.contains("maximum context length") || m.contains("context_length_exceeded")
        || m.contains("context length exceeded") || m.contains("context window");
  }

  private static String lower(String s) {
    return s == null ? "" : s.toLowerCase(Locale.ROOT);
  }

  /** Parses an error response body; a body that is not JSON becomes the message. */
  static ErrorBody parseBody(byte[] body) {
    String text = new String(body, StandardCharsets.UTF_8).strip();
    if (text.isEmpty()) {
      return new ErrorBody(null, null, null, 0);
    }
    try (JsonParser p = Responses.JSON.createParser(ObjectReadContext.empty(), body, 0, body.length)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return new ErrorBody(text, null, null, 0);
      }
      ErrorBody nested = null;
      String message = null;
      String type = null;
      String code = null;
      int status = 0;
      while (p.nextToken() == JsonToken.PROPERTY_NAME) {
        String name = p.currentName();
        JsonToken t = p.nextToken();
        switch (name) {
          case "error" -> {
            if (t == JsonToken.START_OBJECT) {
              nested = readErrorObject(p);
            } else if (t == JsonToken.VALUE_STRING) {
              message = p.getString();
            } else {
              p.skipChildren();
            }
          }
          case "message", "detail" -> {
            if (t == JsonToken.VALUE_STRING && message == null) {
              message = p.getString();
            } else {
              p.skipChildren();
            }
          }
          case "type" -> type = scalar(p, t);
          case "code" -> {
            code = scalar(p, t);
            status = status == 0 ? statusOf(p, t) : status;
          }
          case "status", "status_code" -> status = statusOf(p, t);
          default -> p.skipChildren();
        }
      }
      if (nested != null) {
        return nested;
      }
      if (message == null && type == null && code == null) {
        return new ErrorBody(text, null, null, status);
      }
      return new ErrorBody(message, type, code, status);
    } catch (JacksonException e) {
      return new ErrorBody(text, null, null, 0);
    }
  }

  /** Reads an error object; the parser is on its START_OBJECT and is left on its END_OBJECT. */
  public static ErrorBody readErrorObject(JsonParser p) {
    String message = null;
    String type = null;
    String code = null;
    int status = 0;
    while (p.nextToken() == JsonToken.PROPERTY_NAME) {
      String name = p.currentName();
      JsonToken t = p.nextToken();
      switch (name) {
        case "message" -> message = scalar(p, t);
        case "type" -> type = scalar(p, t);
        case "code" -> {
          code = scalar(p, t);
          if (status == 0) {
            status = statusOf(p, t);
          }
        }
        case "status_code", "status" -> status = statusOf(p, t);
        default -> p.skipChildren();
      }
    }
    return new ErrorBody(message, type, code, status);
  }

  private static String scalar(JsonParser p, JsonToken t) {
    if (t == JsonToken.VALUE_STRING || t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT
        || t == JsonToken.VALUE_TRUE || t == JsonToken.VALUE_FALSE) {
      return p.getString();
    }
    p.skipChildren();
    return null;
  }

  private static int statusOf(JsonParser p, JsonToken t) {
    if (t == JsonToken.VALUE_NUMBER_INT) {
      long v = p.getLongValue();
      return v >= 100 && v <= 599 ? (int) v : 0;
    }
    if (t == JsonToken.VALUE_STRING) {
      String s = p.getString();
      if (s.length() == 3 && s.chars().allMatch(Character::isDigit)) {
        int v = Integer.parseInt(s);
        return v >= 100 && v <= 599 ? v : 0;
      }
    }
    return 0;
  }

  /** The delay the response asks for, or null. */
  static Duration retryAfter(int status, Map<String, String> headers) {
    if (headers == null || headers.isEmpty()) {
      return null;
    }
    Duration ms = millis(header(headers, "retry-after-ms"));
    if (ms != null) {
      return ms;
    }
    Duration after = retryAfterHeader(header(headers, "retry-after"), header(headers, "date"));
    if (after != null) {
      return after;
    }
    if (status == 429) {
      Duration requests = goDuration(header(headers, "x-ratelimit-reset-requests"));
      Duration tokens = goDuration(header(headers, "x-ratelimit-reset-tokens"));
      boolean requestsExhausted = "0".equals(header(headers, "x-ratelimit-remaining-requests"));
      boolean tokensExhausted = "0".equals(header(headers, "x-ratelimit-remaining-tokens"));
      if (requestsExhausted && !tokensExhausted && requests != null) {
        return requests;
      }
      if (tokensExhausted && !requestsExhausted && tokens != null) {
        return tokens;
      }
      if (requests == null) {
        return tokens;
      }
      return tokens == null || requests.compareTo(tokens) >= 0 ? requests : tokens;
    }
    return null;
  }

  private static String header(Map<String, String> headers, String name) {
    String v = headers.get(name);
    if (v == null) {
      for (Map.Entry<String, String> e : headers.entrySet()) {
        if (e.getKey() != null && e.getKey().equalsIgnoreCase(name)) {
          return e.getValue() == null ? null : e.getValue().strip();
        }
      }
    }
    return v == null ? null : v.strip();
  }

  private static Duration millis(String value) {
    if (value == null || value.isEmpty()) {
      return null;
    }
    try {
      double ms = Double.parseDouble(value);
      if (Double.isNaN(ms) || Double.isInfinite(ms) || ms < 0 || ms > 86_400_000d * 365) {
        return null;
      }
      return Duration.ofNanos(Math.round(ms * 1_000_000d));
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static Duration retryAfterHeader(String value, String date) {
    if (value == null || value.isEmpty()) {
      return null;
    }
    if (value.chars().allMatch(c -> Character.isDigit(c) || c == '.')) {
      Duration ms = millis(value + "e3");
      return ms;
    }
    try {
      Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      Instant now = Instant.now();
      if (date != null) {
        try {
          now = ZonedDateTime.parse(date, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (DateTimeParseException ignored) {
          // keep the local clock
        }
      }
      Duration d = Duration.between(now, at);
      return d.isNegative() ? Duration.ZERO : d;
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /** Parses a Go duration such as {@code 1s}, {@code 6m0s}, {@code 20ms} or {@code 1h2m3.5s}; null if it is not one. */
  static Duration goDuration(String value) {
    if (value == null || value.isEmpty()) {
      return null;
    }
    Matcher m = GO_DURATION_PART.matcher(value);
    int at = 0;
    double nanos = 0;
    while (at < value.length()) {
      if (!m.find(at) || m.start() != at) {
        return null;
      }
      double n = Double.parseDouble(m.group(1));
      nanos += n * switch (m.group(2)) {
        case "h" -> 3_600e9;
        case "m" -> 60e9;
        case "s" -> 1e9;
        case "ms" -> 1e6;
        case "us", "µs" -> 1e3;
        default -> 1;
      };
      at = m.end();
    }
    if (nanos > 86_400e9 * 365) {
      return null;
    }
    return Duration.ofNanos(Math.round(nanos));
  }
}
