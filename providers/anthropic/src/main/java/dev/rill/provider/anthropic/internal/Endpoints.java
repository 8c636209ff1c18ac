package dev.rill.provider.anthropic.internal;

import dev.rill.api.ErrorKind;
import dev.rill.api.ProviderSettings;
import dev.rill.api.RillException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Builds the request URIs and headers of both providers. */
public final class Endpoints {

  private static final String HEX = "0123456789ABCDEF";

  private Endpoints() {}

  /**
   * {@code <base>/v1/messages}; a base that already ends in {@code /v1} gets only {@code /messages}. A trailing slash
   * on the base is ignored.
   */
  public static URI messages(URI base) {
    String b = trimSlash(base.toString());
    return URI.create(b.endsWith("/v1") ? b + "/messages" : b + "/v1/messages");
  }

  /**
   * Vertex AI's Anthropic endpoint: {@code <base>/v1/projects/<project>/locations/<region>/publishers/anthropic/
   * models/<model>:streamRawPredict}, path segments percent-encoded.
   */
  public static URI vertexStreamRawPredict(URI base, String project, String region, String model) {
    return URI.create(trimSlash(base.toString()) + "/v1/projects/" + segment(project) + "/locations/" + segment(region)
        + "/publishers/anthropic/models/" + segment(model) + ":streamRawPredict");
  }

  /**
   * The regional Vertex AI host for {@code region}: {@code https://<region>-aiplatform.googleapis.com}, or
   * {@code https://aiplatform.googleapis.com} for the {@code global} region.
   *
   * @throws RillException INVALID_REQUEST when the region is not lower-case letters, digits and hyphens
   */
  public static URI vertexBase(String providerId, String region) {
    if (!region.matches("[a-z0-9]+(-[a-z0-9]+)*")) {
      throw RillException.builder(ErrorKind.INVALID_REQUEST).provider(providerId)
          .message("the option 'region' must be a Google Cloud region such as us-east5, not '" + region + "'").build();
    }
    return URI.create(region.equals("global") ? "https://aiplatform.googleapis.com"
        : "https://" + region + "-aiplatform.googleapis.com");
  }

  /**
   * The request headers: {@code fixed} in order, then the settings' extra headers, each replacing a fixed header
   * of the same name regardless of case.
   */
  public static Map<String, String> headers(Map<String, String> fixed, ProviderSettings settings) {
    Map<String, String> all = new LinkedHashMap<>(fixed);
    for (Map.Entry<String, String> extra : settings.headers().entrySet()) {
      all.keySet().removeIf(name -> name.equalsIgnoreCase(extra.getKey()));
      all.put(extra.getKey(), extra.getValue());
    }
    return all;
  }

  private static String trimSlash(String s) {
    int end = s.length();
    while (end > 0 && s.charAt(end - 1) == '/') {
      end--;
    }
    return s.substring(0, end);
  }

  /** Percent-encodes everything in a path segment but unreserved characters and {@code @}. */
  static String segment(String value) {
    StringBuilder sb = new StringBuilder(value.length());
    for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.'
          || c == '_' || c == '~' || c == '@') {
        sb.append(c);
      } else {
        sb.append('%').append(HEX.charAt(c >> 4)).append(HEX.charAt(c & 0xf));
      }
    }
    return sb.toString();
  }
}
