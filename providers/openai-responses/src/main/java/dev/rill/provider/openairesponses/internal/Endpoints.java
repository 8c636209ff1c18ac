package dev.rill.provider.openairesponses.internal;

import dev.rill.api.ErrorKind;
import dev.rill.api.RillException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/** Builds request URIs and header maps. */
public final class Endpoints {

  /** The placeholder for the Azure resource name in a base URL, as it appears (percent-encoded) in a URI. */
  public static final String RESOURCE_PLACEHOLDER = "%7Bresource%7D";

  /** An Azure resource (custom subdomain) name: letters, digits and inner hyphens, at most 64 characters. */
  private static final Pattern RESOURCE = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?");

  private Endpoints() {}

  /**
   * {@code base} + {@code /responses}, with or without a trailing slash on the base; the base's query is kept and
   * {@code query} entries whose names it does not already hold are added.
   */
  public static URI responses(String providerId, URI base, Map<String, String> query) {
    String scheme = base.getScheme() == null ? "" : base.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("https") && !scheme.equals("http") || base.getRawAuthority() == null) {
      throw invalid(providerId, "the base URL must be an absolute http or https URL: " + base.getScheme() + "://"
          + base.getRawAuthority() + base.getRawPath());
    }
    String path = base.getRawPath() == null ? "" : base.getRawPath();
    while (path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    StringBuilder q = new StringBuilder(base.getRawQuery() == null ? "" : base.getRawQuery());
    for (Map.Entry<String, String> e : query.entrySet()) {
      if (hasParameter(base.getRawQuery(), e.getKey())) {
        continue;
      }
      if (q.length() > 0) {
        q.append('&');
      }
      q.append(encode(e.getKey())).append('=').append(encode(e.getValue()));
    }
    return URI.create(scheme + "://" + base.getRawAuthority() + path + Responses.PATH + (q.length() == 0 ? "" : "?" + q));
  }

  /**
   * The base URL with the Azure resource name put in place of {@code {resource}}; a base without the placeholder
   * (an overridden base URL) is returned as is, and then the resource is not needed.
   *
   * @throws RillException INVALID_REQUEST when the placeholder is there and {@code resource} is missing or not a
   *     resource name
   */
  public static URI withResource(String providerId, URI base, String resource) {
    String text = base.toString();
    int at = text.toLowerCase(Locale.ROOT).indexOf(RESOURCE_PLACEHOLDER.toLowerCase(Locale.ROOT));
    if (at < 0) {
      return base;
    }
    if (resource == null || resource.isBlank()) {
      throw invalid(providerId, "provider '" + providerId + "' needs the option 'resource' (the Azure OpenAI "
          + "resource name, as in https://<resource>.openai.azure.com), or a base URL of its own");
    }
    String name = resource.strip();
    if (!RESOURCE.matcher(name).matches()) {
      throw invalid(providerId, "the option 'resource' of provider '" + providerId + "' must be an Azure resource "
          + "name (letters, digits and hyphens), not '" + name + "'");
    }
    return URI.create(text.substring(0, at) + name + text.substring(at + RESOURCE_PLACEHOLDER.length()));
  }

  /**
   * The fixed headers, then the settings' extra headers; an extra header replaces a fixed one of the same name,
   * whatever its case.
   */
  public static Map<String, String> headers(Map<String, String> fixed, Map<String, String> extra) {
    Map<String, String> out = new LinkedHashMap<>(fixed);
    extra.forEach((name, value) -> {
      out.keySet().removeIf(existing -> existing.equalsIgnoreCase(name));
      out.put(name, value);
    });
    return out;
  }

  private static boolean hasParameter(String rawQuery, String name) {
    if (rawQuery == null) {
      return false;
    }
    for (String pair : rawQuery.split("&")) {
      int eq = pair.indexOf('=');
      if ((eq < 0 ? pair : pair.substring(0, eq)).equals(encode(name))) {
        return true;
      }
    }
    return false;
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static RillException invalid(String providerId, String message) {
    return RillException.builder(ErrorKind.INVALID_REQUEST).provider(providerId).message(message).build();
  }
}
