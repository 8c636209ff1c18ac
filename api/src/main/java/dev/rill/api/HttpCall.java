package dev.rill.api;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The HTTP request a provider wants sent: method, absolute URI, headers and body bytes. Built by
 * {@link StreamingProvider#prepare}, sent by the runtime.
 *
 * <p>{@link #toString()} redacts every header that {@link #isSensitiveHeader(String)} names, and
 * {@link #withoutCredentials()} returns a copy safe to log, report or record. Query parameters named
 * {@code key} or {@code api-key} (Gemini's style) are redacted as well. The body array is copied in and
 * out, so an instance is immutable.
 *
 * @since 0.1
 */
public final class HttpCall {

  private final String method;
  private final URI uri;
  private final Map<String, String> headers;
  private final byte[] body;

  private HttpCall(String method, URI uri, Map<String, String> headers, byte[] body) {
    this.method = Objects.requireNonNull(method, "method");
    this.uri = Objects.requireNonNull(uri, "uri");
    if (!uri.isAbsolute()) {
      throw new IllegalArgumentException("the URI must be absolute: " + redactUri(uri));
    }
    this.headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    this.body = body.clone();
  }

  /** A POST with a body. */
  public static HttpCall post(URI uri, Map<String, String> headers, byte[] body) {
    return new HttpCall("POST", uri, headers, body);
  }

  /** Any method. */
  public static HttpCall of(String method, URI uri, Map<String, String> headers, byte[] body) {
    return new HttpCall(method, uri, headers, body);
  }

  /**
   * Whether a header carries a credential: {@link Redaction#isSensitiveHeader}, the one rule used by every
   * {@code toString()}, log line and recorded transcript in Rill.
   */
  public static boolean isSensitiveHeader(String name) {
    return Redaction.isSensitiveHeader(name);
  }

  /** The HTTP method. */
  public String method() { return method; }

  /** The URL. */
  public URI uri() { return uri; }

  /** Headers in insertion order, as given. */
  public Map<String, String> headers() { return headers; }

  /** A copy of the body. */
  public byte[] body() { return body.clone(); }

  /** The body length in bytes. */
  public int bodyLength() { return body.length; }

  /** The body as UTF-8 text. */
  public String bodyText() { return new String(body, StandardCharsets.UTF_8); }

  /** A copy whose sensitive headers and key query parameters read {@code ***}. */
  public HttpCall withoutCredentials() {
    Map<String, String> safe = new LinkedHashMap<>();
    headers.forEach((k, v) -> safe.put(k, isSensitiveHeader(k) ? Redaction.MASK : v));
    return new HttpCall(method, redactUri(uri), safe, body);
  }

  /** A copy with one more (or a replaced) header. */
  public HttpCall withHeader(String name, String value) {
    Map<String, String> copy = new LinkedHashMap<>(headers);
    copy.put(name, value);
    return new HttpCall(method, uri, copy, body);
  }

  /** {@code uri} with the user-info part and every credential query parameter reading {@code ***}. */
  static URI redactUri(URI uri) {
    String s = uri.toString();
    String userInfo = uri.getRawUserInfo();
    if (userInfo != null && uri.getRawAuthority() != null) {
      int at = s.indexOf(userInfo + "@");
      if (at >= 0) {
        s = s.substring(0, at) + Redaction.MASK + s.substring(at + userInfo.length());
      }
    }
    String query = uri.getRawQuery();
    if (query == null) {
      return s.equals(uri.toString()) ? uri : URI.create(s);
    }
    StringBuilder out = new StringBuilder();
    boolean first = true;
    for (String pair : query.split("&", -1)) {
      if (!first) {
        out.append('&');
      }
      first = false;
      int eq = pair.indexOf('=');
      String name = eq < 0 ? pair : pair.substring(0, eq);
      boolean secret = Redaction.isSensitiveQueryParameter(name);
      out.append(secret && eq >= 0 ? name + "=" + Redaction.MASK : pair);
    }
    int q = s.indexOf('?');
    String tail = uri.getRawFragment() == null ? "" : "#" + uri.getRawFragment();
    return URI.create(s.substring(0, q + 1) + out + tail);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof HttpCall c && method.equals(c.method) && uri.equals(c.uri) && headers.equals(c.headers)
        && Arrays.equals(body, c.body);
  }

  @Override
  public int hashCode() {
    return Objects.hash(method, uri, headers, Arrays.hashCode(body));
  }

  @Override
  public String toString() {
    HttpCall safe = withoutCredentials();
    return "HttpCall[" + method + " " + safe.uri + ", headers=" + safe.headers + ", body=" + body.length + " bytes]";
  }
}
