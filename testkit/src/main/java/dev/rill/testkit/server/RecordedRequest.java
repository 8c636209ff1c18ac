package dev.rill.testkit.server;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A request the {@link WireServer} received, fully read.
 *
 * @param method the method, e.g. {@code POST}
 * @param path the request target as sent: path and query, e.g. {@code /v1/chat/completions?x=1}
 * @param headers the headers with lower-case names; repeated headers joined by {@code ", "}
 * @param body the body (Content-Length or de-chunked), empty when none; do not modify
 * @param connection the 1-based number of the connection it arrived on, in accept order (equal numbers mean the
 *     connection was reused)
 */
public record RecordedRequest(String method, String path, Map<String, String> headers, byte[] body, int connection) {

  /** Checks and normalises the components (see the class comment). */
  public RecordedRequest {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(path, "path");
    headers = Map.copyOf(headers);
    body = body == null ? new byte[0] : body;
  }

  /** A header by case-insensitive name, or null. */
  public String header(String name) {
    return headers.get(name.toLowerCase(Locale.ROOT));
  }

  /** The body decoded as UTF-8. */
  public String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return "RecordedRequest[" + method + " " + path + ", " + body.length + " body bytes, connection " + connection + "]";
  }
}
