package dev.rill.provider.bedrock.internal;

import dev.rill.api.ErrorKind;
import dev.rill.api.ProviderSettings;
import dev.rill.api.RillException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/** Builds the Bedrock Runtime URIs and request headers. */
public final class Endpoints {

  /** The option naming the AWS region. */
  public static final String REGION_OPTION = "region";
  /** The region used when the option {@code region} is not set. */
  public static final String DEFAULT_REGION = "us-east-1";

  private Endpoints() {}

  /**
   * The region: the option {@code region}, else {@value #DEFAULT_REGION}.
   *
   * @throws RillException INVALID_REQUEST when it is not lower-case letters, digits and hyphens
   */
  public static String region(ProviderSettings settings) {
    String region = settings.option(REGION_OPTION).map(String::strip).filter(r -> !r.isEmpty())
        .orElse(DEFAULT_REGION);
    if (!region.matches("[a-z0-9]+(-[a-z0-9]+)*")) {
      throw RillException.builder(ErrorKind.INVALID_REQUEST).provider(settings.providerId())
          .message("the option 'region' must be an AWS region such as us-east-1, not '" + region + "'").build();
    }
    return region;
  }

  /** The regional Bedrock Runtime endpoint, {@code https://bedrock-runtime.<region>.amazonaws.com}. */
  public static URI regionalBase(String region) {
    return URI.create("https://bedrock-runtime." + region + ".amazonaws.com");
  }

  /**
   * {@code <base>/model/<model id>/converse-stream}, the model id percent-encoded as one path segment (so
   * {@code anthropic.claude-3-haiku-20240307-v1:0} is sent as {@code ...-v1%3A0}, and the {@code /} of an
   * inference-profile ARN as {@code %2F}). A trailing slash on the base is ignored.
   */
  public static URI converseStream(URI base, String modelId) {
    return URI.create(trimSlash(base.toString()) + "/model/" + SigV4Signer.uriEncode(modelId, false)
        + "/converse-stream");
  }

  /**
   * The {@code host} header value HTTP clients send for {@code uri}: the host, with the port when it is explicit and
   * not the scheme's default.
   */
  public static String host(URI uri) {
    int port = uri.getPort();
    boolean defaultPort = port == -1 || ("https".equalsIgnoreCase(uri.getScheme()) && port == 443)
        || ("http".equalsIgnoreCase(uri.getScheme()) && port == 80);
    return defaultPort ? uri.getHost() : uri.getHost() + ":" + port;
  }

  /**
   * The request headers: {@code fixed} in order, then the settings' extra headers, each replacing a fixed header of
   * the same name regardless of case.
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
}
