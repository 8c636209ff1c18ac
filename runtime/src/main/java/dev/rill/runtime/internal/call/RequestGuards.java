package dev.rill.runtime.internal.call;

import dev.rill.api.ErrorKind;
import dev.rill.api.HttpCall;
import dev.rill.api.Limit;
import dev.rill.api.RillException;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Checks a prepared request before anything is sent: its body must fit the client's cap, no header name or value
 * can split the request head (a CR, LF or other control character from a header setting, a key or an option would
 * inject a header), and a credential never goes over plain http to a host other than this machine unless the user
 * opted in for that provider (a local server such as Ollama on another machine, without a key, is not affected).
 *
 * @param maxRequestBytes the largest request body sent
 * @param plainHttpAllowed provider ids whose credentials may go over plain http to any host
 */
public record RequestGuards(long maxRequestBytes, Set<String> plainHttpAllowed) {

  /**
   * 32 MiB: Anthropic's documented request limit, above Gemini's 20 MB of inline data; larger bodies fail before
   * they are sent rather than after uploading them.
   */
  public static final long DEFAULT_MAX_REQUEST_BYTES = 32L << 20;

  public RequestGuards {
    plainHttpAllowed = Set.copyOf(plainHttpAllowed);
  }

  /** The error that stops {@code call} of {@code providerId}, or null when it may be sent. */
  public RillException check(HttpCall call, String providerId) {
    if (call.bodyLength() > maxRequestBytes) {
      return RillException.builder(ErrorKind.REQUEST_TOO_LARGE).limit(Limit.REQUEST_BYTES).retryable(false)
          .message("the request body of " + call.bodyLength() + " bytes is larger than the client's limit of "
              + maxRequestBytes + " bytes (Rill.Builder.maxRequestBytes); nothing was sent").build();
    }
    for (Map.Entry<String, String> h : call.headers().entrySet()) {
      if (!isToken(h.getKey()) || !isFieldValue(h.getValue())) {
        String name = isToken(h.getKey()) ? "'" + h.getKey() + "'" : "name";
        return RillException.builder(ErrorKind.INVALID_REQUEST).retryable(false)
            .message("a request header " + name + " of '" + providerId + "' holds a line break or another control"
                + " character, which would split the request head (header injection); check the header, key and"
                + " option settings; nothing was sent").build();
      }
    }
    String scheme = call.uri().getScheme();
    if ("http".equalsIgnoreCase(scheme) && carriesCredential(call) && !isLoopback(call.uri().getHost())
        && !plainHttpAllowed.contains(providerId)) {
      return RillException.builder(ErrorKind.INVALID_REQUEST).retryable(false)
          .message("refusing to send the credential of '" + providerId + "' over plain http to "
              + call.uri().getHost() + ", where anyone on the path can read it; use an https base URL, or opt in"
              + " with Rill.builder().allowPlainHttp(\"" + providerId + "\") if the network is trusted; nothing was"
              + " sent").build();
    }
    return null;
  }

  private static boolean carriesCredential(HttpCall call) {
    for (Map.Entry<String, String> h : call.headers().entrySet()) {
      if (HttpCall.isSensitiveHeader(h.getKey()) && h.getValue() != null && !h.getValue().isBlank()) {
        return true;
      }
    }
    return !call.withoutCredentials().uri().equals(call.uri());
  }

  /** Whether {@code name} is an RFC 9110 token: one or more visible ASCII characters other than delimiters. */
  static boolean isToken(String name) {
    if (name == null || name.isEmpty()) {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c <= 0x20 || c >= 0x7f || "\"(),/:;<=>?@[\\]{}".indexOf(c) >= 0) {
        return false;
      }
    }
    return true;
  }

  /** Whether {@code value} holds no control character but the horizontal tab (so no CR, LF or NUL). */
  static boolean isFieldValue(String value) {
    if (value == null) {
      return true;
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if ((c < 0x20 && c != '\t') || c == 0x7f) {
        return false;
      }
    }
    return true;
  }

  /** Whether {@code host} names this machine without a DNS lookup: localhost, 127.0.0.0/8, ::1. */
  static boolean isLoopback(String host) {
    if (host == null) {
      return false;
    }
    String h = host.toLowerCase(Locale.ROOT);
    if (h.startsWith("[") && h.endsWith("]")) {
      h = h.substring(1, h.length() - 1);
    }
    if (h.equals("localhost") || h.endsWith(".localhost") || h.equals("::1") || h.equals("0:0:0:0:0:0:0:1")) {
      return true;
    }
    String[] parts = h.split("\\.", -1);
    if (parts.length != 4 || !parts[0].equals("127")) {
      return false;
    }
    for (String p : parts) {
      if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit) || Integer.parseInt(p) > 255) {
        return false;
      }
    }
    return true;
  }
}
