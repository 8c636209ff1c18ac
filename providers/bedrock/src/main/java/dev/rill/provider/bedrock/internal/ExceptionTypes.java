package dev.rill.provider.bedrock.internal;

import dev.rill.api.ErrorKind;
import java.util.Locale;

/**
 * Bedrock Runtime exception types and the {@link ErrorKind} each maps to. The same names arrive as the
 * {@code :exception-type} header of an in-stream exception message ({@code throttlingException}) and as the
 * {@code x-amzn-errortype} header of an HTTP error ({@code ThrottlingException:http://internal.amazon.com/...}), so
 * names are compared without case and without the part after a colon.
 *
 * <table>
 *   <caption>exception mapping</caption>
 *   <tr><th>type</th><th>kind</th></tr>
 *   <tr><td>throttlingException</td><td>RATE_LIMITED</td></tr>
 *   <tr><td>validationException</td><td>INVALID_REQUEST, or CONTEXT_LENGTH_EXCEEDED when the message says the input
 *       is too long ({@link #isContextLengthMessage})</td></tr>
 *   <tr><td>modelStreamErrorException, internalServerException, modelErrorException</td><td>SERVER</td></tr>
 *   <tr><td>serviceUnavailableException, modelNotReadyException</td><td>OVERLOADED</td></tr>
 *   <tr><td>modelTimeoutException</td><td>TIMEOUT</td></tr>
 *   <tr><td>accessDeniedException</td><td>PERMISSION</td></tr>
 *   <tr><td>resourceNotFoundException</td><td>NOT_FOUND</td></tr>
 *   <tr><td>serviceQuotaExceededException</td><td>QUOTA_EXHAUSTED</td></tr>
 *   <tr><td>unrecognizedClientException, invalidSignatureException, expiredTokenException,
 *       incompleteSignatureException, missingAuthenticationTokenException</td><td>AUTHENTICATION</td></tr>
 *   <tr><td>anything else</td><td>unknown: SERVER in a stream, the HTTP status's kind for a response</td></tr>
 * </table>
 */
public final class ExceptionTypes {

  private ExceptionTypes() {}

  /** The exception name without the namespace after a colon, e.g. {@code ThrottlingException}. */
  public static String name(String type) {
    if (type == null) {
      return null;
    }
    int colon = type.indexOf(':');
    String name = (colon >= 0 ? type.substring(0, colon) : type).strip();
    return name.isEmpty() ? null : name;
  }

  /** The kind for an exception type and its message, or null for a type this plugin does not know. */
  public static ErrorKind kindOf(String type, String message) {
    String name = name(type);
    if (name == null) {
      return null;
    }
    ErrorKind kind = switch (name.toLowerCase(Locale.ROOT)) {
      case "throttlingexception" -> ErrorKind.RATE_LIMITED;
      case "validationexception" -> ErrorKind.INVALID_REQUEST;
      case "modelstreamerrorexception", "internalserverexception", "modelerrorexception" -> ErrorKind.SERVER;
      case "serviceunavailableexception", "modelnotreadyexception" -> ErrorKind.OVERLOADED;
      case "modeltimeoutexception" -> ErrorKind.TIMEOUT;
      case "accessdeniedexception" -> ErrorKind.PERMISSION;
      case "resourcenotfoundexception" -> ErrorKind.NOT_FOUND;
      case "servicequotaexceededexception" -> ErrorKind.QUOTA_EXHAUSTED;
      case "unrecognizedclientexception", "invalidsignatureexception", "expiredtokenexception",
          "incompletesignatureexception", "missingauthenticationtokenexception" -> ErrorKind.AUTHENTICATION;
      default -> null;
    };
    if (kind == ErrorKind.INVALID_REQUEST && isContextLengthMessage(message)) {
      return ErrorKind.CONTEXT_LENGTH_EXCEEDED;
    }
    return kind;
  }

  /**
   * Whether a message says the input does not fit the model's context window: Bedrock's {@code Input is too long for
   * requested model}, {@code too many input tokens}, or a message naming the prompt length, the context window or the
   * context length.
   */
  public static boolean isContextLengthMessage(String message) {
    if (message == null) {
      return false;
    }
    String m = message.toLowerCase(Locale.ROOT);
    return m.contains("input is too long") || m.contains("too many input tokens") || m.contains("prompt is too long")
        || m.contains("context window") || m.contains("context length");
  }
}
