package dev.rill.api;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the runtime resolved for one call to a provider: where to send it, with which credential, and any
 * provider options (such as Azure's {@code api-version}) given by the user.
 *
 * <p>The runtime resolves the API key from, in order, an explicit setting, the system property
 * {@code rill.provider.<id>.api-key}, and the provider's environment variable. The key is a
 * {@link Secret}, so this record's {@code toString()} never shows it.
 *
 * @param providerId the id of the provider the call is for
 * @param baseUrl the base URL to use (the provider's default unless overridden)
 * @param apiKey the credential, or {@code null} when none was configured
 * @param headers extra request headers to add
 * @param options provider-specific string options
 * @since 0.1
 */
public record ProviderSettings(
    String providerId, URI baseUrl, Secret apiKey, Map<String, String> headers, Map<String, String> options) {

  /** Checks and normalises the components (see the class comment). */
  public ProviderSettings {
    Objects.requireNonNull(providerId, "providerId");
    Objects.requireNonNull(baseUrl, "baseUrl");
    headers = Map.copyOf(headers);
    options = Map.copyOf(options);
  }

  /** Settings with just a base URL and key. */
  public static ProviderSettings of(String providerId, URI baseUrl, Secret apiKey) {
    return new ProviderSettings(providerId, baseUrl, apiKey, Map.of(), Map.of());
  }

  /** The key, when one was configured. */
  public Optional<Secret> key() {
    return Optional.ofNullable(apiKey);
  }

  /**
   * The key, or an {@link ErrorKind#AUTHENTICATION} error naming where to set it. Plugins that need a key
   * call this in {@link StreamingProvider#prepare}, before any request is made.
   */
  public Secret requireKey(String environmentVariable) {
    if (apiKey == null) {
      throw RillException.builder(ErrorKind.AUTHENTICATION)
          .provider(providerId)
          .message("no API key for provider '" + providerId + "': set "
              + (environmentVariable == null ? "" : "the environment variable " + environmentVariable + ", ")
              + "the system property rill.provider." + providerId + ".api-key, or pass it in the client settings")
          .build();
    }
    return apiKey;
  }

  /** An option, if set. */
  public Optional<String> option(String name) {
    return Optional.ofNullable(options.get(name));
  }

  /** A copy with another base URL. */
  public ProviderSettings withBaseUrl(URI url) {
    return new ProviderSettings(providerId, url, apiKey, headers, options);
  }

  /**
   * Whether an option's value is a credential ({@link Redaction#isSensitiveOption}: its name mentions a secret,
   * token, key or password); such values are redacted from {@link #toString()}.
   */
  public static boolean isSensitiveOption(String name) {
    return Redaction.isSensitiveOption(name);
  }

  @Override
  public String toString() {
    Map<String, String> safeHeaders = new java.util.TreeMap<>();
    headers.forEach((k, v) -> safeHeaders.put(k, Redaction.isSensitiveHeader(k) ? Redaction.MASK : v));
    Map<String, String> safeOptions = new java.util.TreeMap<>();
    options.forEach((k, v) -> safeOptions.put(k, isSensitiveOption(k) ? Redaction.MASK : v));
    return "ProviderSettings[providerId=" + providerId + ", baseUrl=" + baseUrl + ", apiKey="
        + (apiKey == null ? "none" : apiKey) + ", headers=" + safeHeaders + ", options=" + safeOptions + "]";
  }

  /** A copy with one more option. */
  public ProviderSettings withOption(String name, String value) {
    Map<String, String> copy = new LinkedHashMap<>(options);
    copy.put(name, value);
    return new ProviderSettings(providerId, baseUrl, apiKey, headers, copy);
  }
}
