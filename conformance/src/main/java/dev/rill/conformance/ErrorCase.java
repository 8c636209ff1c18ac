package dev.rill.conformance;

import dev.rill.api.ErrorKind;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;

/**
 * One error response and the classification it must get from {@link dev.rill.api.StreamingProvider#classifyError}:
 * a recorded (or documented) status, headers and body, and the expected {@link ErrorKind} and provider code.
 *
 * <pre>{@code
 * ErrorCase.of("quota", 429, "{\"error\":{\"type\":\"insufficient_quota\",\"code\":\"insufficient_quota\"}}",
 *     ErrorKind.QUOTA_EXHAUSTED).withCode("insufficient_quota");
 * }</pre>
 *
 * @param name a short name shown in failure messages
 * @param status the HTTP status
 * @param headers response headers, lower-case names
 * @param body the response body
 * @param kind the kind the plugin must classify it as
 * @param code the provider code the plugin must report, or null to not check it
 * @since 0.1
 */
public record ErrorCase(String name, int status, Map<String, String> headers, byte[] body, ErrorKind kind,
    String code) {

  /** Checks and normalises the components (see the class comment). */
  public ErrorCase {
    Objects.requireNonNull(name, "name");
    headers = Map.copyOf(headers);
    body = body.clone();
    Objects.requireNonNull(kind, "kind");
  }

  /** A case with a JSON content type and a UTF-8 body. */
  public static ErrorCase of(String name, int status, String body, ErrorKind kind) {
    return new ErrorCase(name, status, Map.of("content-type", "application/json"),
        body.getBytes(StandardCharsets.UTF_8), kind, null);
  }

  /** A copy that also expects this provider code. */
  public ErrorCase withCode(String expectedCode) {
    return new ErrorCase(name, status, headers, body, kind, expectedCode);
  }

  /** A copy with these headers (lower-case names). */
  public ErrorCase withHeaders(Map<String, String> responseHeaders) {
    return new ErrorCase(name, status, responseHeaders, body, kind, code);
  }

  /** The body as UTF-8 text. */
  public String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }

  /** The response body; a copy. */
  @Override
  public byte[] body() {
    return body.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ErrorCase c && name.equals(c.name) && status == c.status && headers.equals(c.headers)
        && java.util.Arrays.equals(body, c.body) && kind == c.kind && Objects.equals(code, c.code);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, status, headers, java.util.Arrays.hashCode(body), kind, code);
  }

  @Override
  public String toString() {
    return "ErrorCase[" + name + ": HTTP " + status + " -> " + kind + (code != null ? " (code " + code + ")" : "")
        + "]";
  }
}
