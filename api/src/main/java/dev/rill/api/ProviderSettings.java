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
 * <p>The runtime resolves the credential from, in order, a per-call override, a {@link CredentialSource} or
 * credential given to the client, an explicit key, the system property {@code rill.provider.<id>.api-key}, and the
 * provider's environment variable; a credential from a source is fetched (and refreshed before it expires) before
 * the plugin's {@link StreamingProvider#prepare} runs, so a plugin only reads {@link #credential()}. The key and every
 * secret part of the credential are {@link Secret}s, so this record's {@code toString()} never shows them.
 *
 * <p>{@code apiKey} and {@code credential} agree: a key alone becomes a {@link Credential.ApiKey}; a
 * {@link Credential.ApiKey} or {@link Credential.BearerToken} alone gives {@code apiKey} its secret (so a plugin that
 * sends a bearer token with {@link #requireKey} serves both); {@link Credential.AwsCredentials} leave {@code apiKey}
 * null.
 *
 * @param providerId the id of the provider the call is for
 * @param baseUrl the base URL to use (the provider's default unless overridden)
 * @param apiKey the key or bearer token, or {@code null} when none was configured (or the credential signs)
 * @param headers extra request headers to add
 * @param options provider-specific string options
 * @param credential the credential, or {@code null} when none was configured
 * @since 0.1
 */
public record ProviderSettings(
    String providerId, URI baseUrl, Secret apiKey, Map<String, String> headers, Map<String, String> options,
    Credential credential) {

  /** Checks and normalises the components (see the class comment). */
  public ProviderSettings {
    Objects.requireNonNull(providerId, "providerId");
    Objects.requireNonNull(baseUrl, "baseUrl");
    headers = Map.copyOf(headers);
    options = Map.copyOf(options);
    if (credential == null && apiKey != null) {
      credential = new Credential.ApiKey(apiKey);
    } else if (credential != null && apiKey == null) {
      apiKey = credential.bearerSecret().orElse(null);
    } else if (credential != null && !credential.bearerSecret().map(apiKey::equals).orElse(false)) {
      throw new IllegalArgumentException("apiKey and credential disagree; give one of them");
    }
  }

  /** Settings with a key (or none) as the only credential (SPI 1's constructor). */
  public static ProviderSettings of(
      String providerId, URI baseUrl, Secret apiKey, Map<String, String> headers, Map<String, String> options) {
    return new ProviderSettings(providerId, baseUrl, apiKey, headers, options, null);
  }

  /** Settings with just a base URL and key. */
  public static ProviderSettings of(String providerId, URI baseUrl, Secret apiKey) {
    return new ProviderSettings(providerId, baseUrl, apiKey, Map.of(), Map.of(), null);
  }

  /** The credential, when one was configured. */
  public Optional<Credential> findCredential() {
    return Optional.ofNullable(credential);
  }

  /** A copy with this credential instead (null for none); {@code apiKey} follows it. */
  public ProviderSettings withCredential(Credential replacement) {
    return new ProviderSettings(providerId, baseUrl, null, headers, options, replacement);
  }

  /** A copy with these headers added (replacing any of the same name, ignoring case). */
  public ProviderSettings withHeaders(Map<String, String> more) {
    if (more.isEmpty()) {
      return this;
    }
    Map<String, String> copy = new LinkedHashMap<>();
    headers.forEach((k, v) -> {
      if (more.keySet().stream().noneMatch(k::equalsIgnoreCase)) {
        copy.put(k, v);
      }
    });
    copy.putAll(more);
    return new ProviderSettings(providerId, baseUrl, apiKey, copy, options, credential);
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
    if (apiKey == null && credential != null) {
      throw RillException.builder(ErrorKind.AUTHENTICATION).provider(providerId)
          .message("provider '" + providerId + "' needs an API key or bearer token, but its credential is "
              + credential.getClass().getSimpleName())
          .build();
    }
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
    return new ProviderSettings(providerId, url, apiKey, headers, options, credential);
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
        + (apiKey == null ? "none" : apiKey) + ", credential="
        + (credential == null ? "none" : credential.getClass().getSimpleName()) + ", headers=" + safeHeaders
        + ", options=" + safeOptions + "]";
  }

  /** A copy with one more option. */
  public ProviderSettings withOption(String name, String value) {
    Map<String, String> copy = new LinkedHashMap<>(options);
    copy.put(name, value);
    return new ProviderSettings(providerId, baseUrl, apiKey, headers, copy, credential);
  }
}
