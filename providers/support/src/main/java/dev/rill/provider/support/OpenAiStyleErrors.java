package dev.rill.provider.support;

import dev.rill.api.ErrorKind;
import dev.rill.api.ProviderError;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;

/**
 * Reads OpenAI-style errors, {@code {"error": {"message", "type", "code", "param"}}}, from an error response body or
 * from inside a stream, and classifies them: the shape OpenAI, its compatible servers and the Responses API share.
 *
 * <p>A 3xx is {@link ProviderError#redirect} (not followed, not retried). HTTP errors start from the shared status
 * table ({@link ProviderError#kindForStatus}: 402 is {@link ErrorKind#QUOTA_EXHAUSTED}) and are refined by the body: {@code insufficient_quota} is {@link ErrorKind#QUOTA_EXHAUSTED}; a 4xx whose code is
 * {@code context_length_exceeded} or whose message speaks of the model's maximum context length is
 * {@link ErrorKind#CONTEXT_LENGTH_EXCEEDED} (a parameter's maximum length is not); {@code content_filter} and
 * {@code content_policy...} codes are {@link ErrorKind#CONTENT_FILTERED}. A rate limit is recognised by status 429
 * only, never by text in a body. Retry delays come from {@code retry-after-ms}, then {@code retry-after} (seconds or
 * an HTTP date), then, for a 429, OpenAI's {@code x-ratelimit-reset-requests} / {@code -tokens} ({@code 1s},
 * {@code 6m0s}, {@code 20ms}).
 *
 * <p>Stream errors ({@link #streamKind}) go by code, then message, then type, then a numeric status. A dialect
 * may name more codes that mean {@link ErrorKind#INVALID_REQUEST} (the Responses API's {@code invalid_prompt} and
 * image codes). Immutable and thread-safe.
 *
 * @since 0.1
 */
public final class OpenAiStyleErrors {

  /** OpenAI's chat completions and the compatible servers. */
  public static final OpenAiStyleErrors CHAT_COMPLETIONS = new OpenAiStyleErrors(code -> false);

  private static final JsonFactory JSON = new JsonFactory();

  private final Predicate<String> invalidRequestCodes;

  /**
   * A classifier that also takes the (lower-case) codes {@code invalidRequestCodes} accepts as
   * {@link ErrorKind#INVALID_REQUEST}.
   */
  public OpenAiStyleErrors(Predicate<String> invalidRequestCodes) {
    this.invalidRequestCodes = invalidRequestCodes;
  }

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
  public ProviderError classify(int status, Map<String, String> headers, byte[] body) {
    if (ProviderError.isRedirect(status)) {
      return ProviderError.redirect(status, headers); // never SERVER: a retry would get the same redirect
    }
    ErrorBody error = parseBody(body == null ? new byte[0] : body);
    ErrorKind kind;
    if (status < 400) {
      // a 2xx with the wrong content type that still carries an error object: read it like a stream error
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
    boolean clientError = status >= 400 && status < 500 && status != 401 && status != 402 && status != 403
        && status != 404 && status != 429;
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
  public ErrorKind streamKind(ErrorBody error) {
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

  private ErrorKind kindFromText(String text) {
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
    if (text.equals("invalid_request_error") || invalidRequestCodes.test(text)) {
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
  public static boolean mentionsContextLength(String message) {
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
  public static ErrorBody parseBody(byte[] body) {
    String text = new String(body, StandardCharsets.UTF_8).strip();
    if (text.isEmpty()) {
      return new ErrorBody(null, null, null, 0);
    }
    try (JsonParser p = JSON.createParser(ObjectReadContext.empty(), body, 0, body.length)) {
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
          case "type" -> type = JsonFields.scalar(p, t);
          case "code" -> {
            code = JsonFields.scalar(p, t);
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
        case "message" -> message = JsonFields.scalar(p, t);
        case "type" -> type = JsonFields.scalar(p, t);
        case "code" -> {
          code = JsonFields.scalar(p, t);
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

  /**
   * The delay the response asks for: {@code retry-after-ms}, then {@code retry-after}, then, for a 429, the reset of
   * the exhausted {@code x-ratelimit-*} limit (the later of the two when both or neither say they are exhausted);
   * null when none.
   */
  public static Duration retryAfter(int status, Map<String, String> headers) {
    if (headers == null || headers.isEmpty()) {
      return null;
    }
    Duration after = RetryDelays.fromHeaders(headers);
    if (after != null || status != 429) {
      return after;
    }
    Duration requests = RetryDelays.goDuration(RetryDelays.header(headers, "x-ratelimit-reset-requests"));
    Duration tokens = RetryDelays.goDuration(RetryDelays.header(headers, "x-ratelimit-reset-tokens"));
    boolean requestsExhausted = "0".equals(RetryDelays.header(headers, "x-ratelimit-remaining-requests"));
    boolean tokensExhausted = "0".equals(RetryDelays.header(headers, "x-ratelimit-remaining-tokens"));
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
}
