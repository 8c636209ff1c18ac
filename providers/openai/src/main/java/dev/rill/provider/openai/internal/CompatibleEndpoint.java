package dev.rill.provider.openai.internal;

import dev.rill.api.Capability;
import dev.rill.api.Framing;
import dev.rill.api.ProviderInfo;
import java.net.URI;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One row of the OpenAI-compatible catalogue: a server that speaks OpenAI chat completions at its own base URL.
 *
 * <p>A base URL may name a settings option in braces, such as Cloudflare's
 * {@code https://api.cloudflare.com/client/v4/accounts/{account-id}/ai/v1}: the provider's default base URL then
 * carries the placeholder percent-encoded ({@code %7Baccount-id%7D}), and {@code prepare} replaces it with the
 * option's value, or fails with {@code INVALID_REQUEST} naming the option.
 *
 * @param id the provider id
 * @param displayName the human-readable name
 * @param baseUrl the documented base URL; {@code /chat/completions} is appended
 * @param apiKeyEnv the key variable, or null when the server needs no key
 * @param dialect how its requests differ from OpenAI's
 * @param capabilities what it can do
 * @param source the URL of the provider's own documentation page the row was checked against
 * @param notes what that page says (base URL, streaming, usage, reasoning field) and what is peculiar
 */
public record CompatibleEndpoint(
    String id, String displayName, String baseUrl, String apiKeyEnv, Dialect dialect, Set<Capability> capabilities,
    String source, String notes) {

  private static final Pattern PLACEHOLDER = Pattern.compile("\\{[a-z0-9-]+}");

  public CompatibleEndpoint {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(displayName, "displayName");
    Objects.requireNonNull(baseUrl, "baseUrl");
    Objects.requireNonNull(dialect, "dialect");
    Objects.requireNonNull(source, "source");
    capabilities = Set.copyOf(capabilities);
    notes = notes == null ? "" : notes;
    if (dialect.keyRequired() && apiKeyEnv == null) {
      throw new IllegalArgumentException(id + ": a provider that requires a key must name its variable");
    }
  }

  /** The base URL as a URI, placeholders percent-encoded. */
  public URI defaultBaseUri() {
    return URI.create(baseUrl.replace("{", "%7B").replace("}", "%7D"));
  }

  /** The option names the base URL needs, in order ({@code account-id} for Cloudflare); usually none. */
  public java.util.List<String> requiredOptions() {
    return PLACEHOLDER.matcher(baseUrl).results()
        .map(m -> m.group().substring(1, m.group().length() - 1)).toList();
  }

  /** Whether the base URL is a plain-http loopback address: a server on this machine (vLLM, LM Studio...). */
  public boolean isLocal() {
    URI uri = defaultBaseUri();
    String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
    return "http".equals(uri.getScheme()) && (host.equals("localhost") || host.equals("127.0.0.1")
        || host.equals("[::1]") || host.equals("::1"));
  }

  /** The provider description for this row, family {@code openai-chat}, framed as SSE. */
  public ProviderInfo info() {
    return ProviderInfo.builder(id, displayName)
        .family(ChatCompletions.FAMILY)
        .defaultBaseUrl(defaultBaseUri())
        .apiKeyEnv(apiKeyEnv)
        .framing(Framing.SSE)
        .capabilities(capabilities.toArray(new Capability[0]))
        .build();
  }
}
