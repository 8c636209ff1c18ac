package dev.rill.provider.openai.internal;

import dev.rill.api.ErrorKind;
import dev.rill.api.ProviderError;
import dev.rill.provider.support.OpenAiStyleErrors;
import dev.rill.provider.support.RetryDelays;
import java.time.Duration;
import java.util.Map;

/**
 * The chat-completions error policy: OpenAI-style error bodies, {@code {"error": {"message", "type", "code",
 * "param"}}}, read and classified by {@link OpenAiStyleErrors#CHAT_COMPLETIONS} (status table refined by the body;
 * retry delays from {@code retry-after-ms}, {@code retry-after} and, for a 429, {@code x-ratelimit-reset-*}), for
 * error responses and for errors inside a stream.
 */
public final class OpenAiErrors {

  private OpenAiErrors() {}

  /** Classifies an HTTP error response. */
  public static ProviderError classify(int status, Map<String, String> headers, byte[] body) {
    return OpenAiStyleErrors.CHAT_COMPLETIONS.classify(status, headers, body);
  }

  /**
   * The kind of an error object found inside a stream (OpenAI and OpenRouter in-chunk errors, Groq's
   * {@code event: error}): from its code, then its message, then its type, then a numeric status; else SERVER.
   */
  public static ErrorKind streamKind(OpenAiStyleErrors.ErrorBody error) {
    return OpenAiStyleErrors.CHAT_COMPLETIONS.streamKind(error);
  }

  /** The delay the response asks for, or null. */
  static Duration retryAfter(int status, Map<String, String> headers) {
    return OpenAiStyleErrors.retryAfter(status, headers);
  }

  /** Parses a Go duration such as {@code 1s}, {@code 6m0s}, {@code 20ms} or {@code 1h2m3.5s}; null if it is not one. */
  static Duration goDuration(String value) {
    return RetryDelays.goDuration(value);
  }
}
