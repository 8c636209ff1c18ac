package dev.rill.provider.ollama.internal;

import dev.rill.api.ErrorKind;
import dev.rill.api.ProviderError;
import dev.rill.provider.support.RetryDelays;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * Classifies Ollama error responses. Ollama answers errors with {@code {"error": "..."}}; the kind comes from the
 * status through {@link ProviderError#kindForStatus}, except that a message saying a model was not found is
 * NOT_FOUND whatever the status, with a hint to {@code ollama pull} it. A {@code Retry-After} header in seconds (from
 * a proxy) is kept. A 3xx is {@link ProviderError#redirect}.
 */
public final class OllamaErrors {

  private static final Pattern MODEL_NOT_FOUND =
      Pattern.compile("model\\s+['\"]?([^'\"]*?)['\"]?\\s+not found", Pattern.CASE_INSENSITIVE);

  private OllamaErrors() {}

  /** Classifies an error response. */
  public static ProviderError classify(int status, Map<String, String> headers, byte[] body, String model) {
    if (ProviderError.isRedirect(status)) {
      return ProviderError.redirect(status, headers);
    }
    String message = errorMessage(body);
    if (message == null) {
      String text = new String(body, StandardCharsets.UTF_8).strip();
      message = text.isEmpty() ? null : text;
    }
    ErrorKind kind = ProviderError.kindForStatus(status);
    if (message != null && isModelNotFound(message)) {
      kind = ErrorKind.NOT_FOUND;
      message = message + " (" + pullHint(message, model) + ")";
    }
    return new ProviderError(kind, null, message, retryAfter(headers));
  }

  /** Whether Ollama's message says the model is not installed. */
  static boolean isModelNotFound(String message) {
    return MODEL_NOT_FOUND.matcher(message).find();
  }

  /** "run `ollama pull <model>`", naming the model from the message, else the requested one. */
  static String pullHint(String message, String requestedModel) {
    Matcher m = MODEL_NOT_FOUND.matcher(message);
    String model = m.find() && !m.group(1).isBlank() ? m.group(1) : requestedModel;
    return "run `ollama pull " + (model == null || model.isBlank() ? "<model>" : model)
        + "` on the Ollama host, or check the model name";
  }

  /** The {@code error} string of a JSON body, or null when the body is not such an object. */
  static String errorMessage(byte[] body) {
    try (JsonParser p = JsonBodies.parser(body, 0, body.length)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return null;
      }
      while (p.nextToken() == JsonToken.PROPERTY_NAME) {
        String name = p.currentName();
        JsonToken t = p.nextToken();
        if (name.equals("error") && t == JsonToken.VALUE_STRING) {
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
