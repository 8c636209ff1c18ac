package dev.rill.provider.bedrock.internal;

import dev.rill.api.ErrorKind;
import dev.rill.api.ProviderError;
import dev.rill.provider.support.RetryDelays;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;

/**
 * Classifies a Bedrock Runtime error response.
 *
 * <p>Bedrock answers errors with a JSON body {@code {"message":"..."}} (sometimes {@code "Message"}) and names the
 * exception in the {@code x-amzn-errortype} header ({@code ThrottlingException:http://internal.amazon.com/coral/...});
 * a body may also carry {@code __type}. The kind follows {@link ExceptionTypes} (a {@code ValidationException} whose
 * message says the input is too long is {@link ErrorKind#CONTEXT_LENGTH_EXCEEDED}); without a known type the HTTP
 * status decides ({@link ProviderError#kindForStatus}: 429 is {@link ErrorKind#RATE_LIMITED}), and a 400 whose message
 * says the input is too long is CONTEXT_LENGTH_EXCEEDED too; a 402 is QUOTA_EXHAUSTED and a 3xx is
 * {@link ProviderError#redirect}. The provider code is the exception name without its
 * namespace. The retry delay comes from {@code retry-after-ms} or {@code retry-after} ({@link RetryDelays}).
 *
 * <p>Stateless; thread-safe; never throws.
 */
public final class ConverseErrorClassifier {

  /** Classifies a response. */
  public ProviderError classify(int status, Map<String, String> headers, byte[] body) {
    if (ProviderError.isRedirect(status)) {
      return ProviderError.redirect(status, headers);
    }
    Map<String, String> h = headers == null ? Map.of() : headers;
    String message = null;
    String bodyType = null;
    boolean parsed = false;
    if (body != null && body.length > 0) {
      try (JsonParser p = BedrockJson.FACTORY.createParser(ObjectReadContext.empty(), body)) {
        if (p.nextToken() == JsonToken.START_OBJECT) {
          parsed = true;
          String name;
          while ((name = p.nextName()) != null) {
            JsonToken v = p.nextToken();
            if (v == JsonToken.VALUE_STRING && (name.equals("message") || name.equals("Message"))) {
              message = p.getString();
            } else if (v == JsonToken.VALUE_STRING && name.equals("__type")) {
              bodyType = p.getString();
            } else {
              p.skipChildren();
            }
          }
        }
      } catch (JacksonException e) {
        parsed = false;
      }
      if (!parsed) {
        String text = new String(body, StandardCharsets.UTF_8).strip();
        message = text.isEmpty() ? null : text;
      }
    }
    String type = ExceptionTypes.name(h.get("x-amzn-errortype"));
    if (type == null) {
      type = bodyType == null ? null : lastSegment(ExceptionTypes.name(bodyType));
    }
    ErrorKind kind = ExceptionTypes.kindOf(type, message);
    if (kind == null) {
      kind = ProviderError.kindForStatus(status);
      if (kind == ErrorKind.INVALID_REQUEST && ExceptionTypes.isContextLengthMessage(message)) {
        kind = ErrorKind.CONTEXT_LENGTH_EXCEEDED;
      }
    }
    return new ProviderError(kind, type, message, RetryDelays.fromHeaders(h));
  }

  /** {@code com.amazon.coral.service#ThrottlingException} -> {@code ThrottlingException}. */
  private static String lastSegment(String type) {
    if (type == null) {
      return null;
    }
    int hash = type.lastIndexOf('#');
    return hash >= 0 ? type.substring(hash + 1) : type;
  }

}
