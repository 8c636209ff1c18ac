package dev.rill.provider.openairesponses.internal;

import dev.rill.api.ErrorKind;
import dev.rill.api.ProviderError;
import dev.rill.provider.support.OpenAiStyleErrors;
import java.util.Map;

/**
 * The Responses API's error policy: OpenAI-style error bodies, {@code {"error": {"message", "type", "code",
 * "param"}}}, read and classified by {@link OpenAiStyleErrors}, and the error objects the Responses stream carries
 * ({@code response.failed}'s {@code response.error {code, message}} and the {@code error} event).
 *
 * <p>Stream errors ({@link #streamKind}) go by code, then message, then type: {@code rate_limit_exceeded} is
 * RATE_LIMITED, {@code insufficient_quota} QUOTA_EXHAUSTED, {@code server_error} SERVER, {@code invalid_prompt} and
 * the image codes ({@code invalid_image...}, {@code image_too_large}...) INVALID_REQUEST, an image content policy
 * violation CONTENT_FILTERED; anything else (such as {@code vector_store_timeout}) is SERVER.
 */
public final class ResponsesErrors {

  private static final OpenAiStyleErrors ERRORS = new OpenAiStyleErrors(ResponsesErrors::isInvalidRequestCode);

  private ResponsesErrors() {}

  /** Classifies an HTTP error response. */
  public static ProviderError classify(int status, Map<String, String> headers, byte[] body) {
    return ERRORS.classify(status, headers, body);
  }

  /** The kind of an error object found inside the stream. */
  public static ErrorKind streamKind(OpenAiStyleErrors.ErrorBody error) {
    return ERRORS.streamKind(error);
  }

  /** The Responses codes, besides {@code invalid_request_error}, that mean the request was invalid. */
  private static boolean isInvalidRequestCode(String code) {
    return code.equals("invalid_prompt") || code.startsWith("invalid_image") || code.startsWith("image_")
        || code.equals("invalid_base64_image") || code.equals("empty_image_file")
        || code.equals("failed_to_download_image") || code.equals("unsupported_image_media_type");
  }
}
