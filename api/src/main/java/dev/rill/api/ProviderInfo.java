package dev.rill.api;

import java.net.URI;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The description of a {@link StreamingProvider}: its stable id, how to reach it and what it can do.
 *
 * <p>The {@code id} is short, lower-case and stable ({@code openai}, {@code anthropic}, {@code groq}); it is
 * the part before the first colon of a model spec such as {@code openai:gpt-4o-mini}.
 *
 * @param id stable lower-case id: letters, digits, '-' and '.'
 * @param displayName human-readable name
 * @param family the wire protocol family, e.g. {@code openai-chat}; several providers may share one
 * @param defaultBaseUrl where requests go unless settings override it
 * @param apiKeyEnv the environment variable that holds the key, or {@code null} when none is needed
 * @param framing how the response body is framed
 * @param capabilities what the provider can do
 * @param spiVersion the {@link StreamingProvider#SPI_VERSION} the plugin was built against
 * @since 0.1
 */
public record ProviderInfo(
    String id,
    String displayName,
    String family,
    URI defaultBaseUrl,
    String apiKeyEnv,
    Framing framing,
    Set<Capability> capabilities,
    int spiVersion) {

  private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9.-]*");

  /** Checks and normalises the components (see the class comment). */
  public ProviderInfo {
    Objects.requireNonNull(id, "id");
    if (!ID.matcher(id).matches()) {
      throw new IllegalArgumentException("provider id must be lower-case letters, digits, '-' or '.': '" + id + "'");
    }
    Objects.requireNonNull(displayName, "displayName");
    Objects.requireNonNull(family, "family");
    Objects.requireNonNull(defaultBaseUrl, "defaultBaseUrl");
    Objects.requireNonNull(framing, "framing");
    capabilities = capabilities.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(capabilities));
    if (apiKeyEnv != null && apiKeyEnv.isBlank()) {
      apiKeyEnv = null;
    }
  }

  /** The key variable, if the provider needs a key. */
  public Optional<String> apiKeyEnvironmentVariable() {
    return Optional.ofNullable(apiKeyEnv);
  }

  /** Whether the provider declares {@code capability}. */
  public boolean has(Capability capability) {
    return capabilities.contains(capability);
  }

  /** Starts a builder with the two required names; the family defaults to the id. */
  public static Builder builder(String id, String displayName) {
    return new Builder(id, displayName);
  }

  /** Builds a {@link ProviderInfo}. */
  public static final class Builder {
    private final String id;
    private final String displayName;
    private String family;
    private URI defaultBaseUrl;
    private String apiKeyEnv;
    private Framing framing = Framing.SSE;
    private final EnumSet<Capability> capabilities = EnumSet.noneOf(Capability.class);
    private int spiVersion = StreamingProvider.SPI_VERSION;

    private Builder(String id, String displayName) {
      this.id = id;
      this.displayName = displayName;
      this.family = id;
    }

    /** The wire family: providers of one family share a decoder and wire format. */
    public Builder family(String family) { this.family = family; return this; }
    /** The base URL used when the user sets none. */
    public Builder defaultBaseUrl(String url) { this.defaultBaseUrl = URI.create(url); return this; }
    /** The base URL used when the user sets none. */
    public Builder defaultBaseUrl(URI url) { this.defaultBaseUrl = url; return this; }
    /** The environment variable that holds the key, or null for none. */
    public Builder apiKeyEnv(String variable) { this.apiKeyEnv = variable; return this; }
    /** How the response body is framed. */
    public Builder framing(Framing framing) { this.framing = framing; return this; }
    /** Adds capabilities. */
    public Builder capabilities(Capability... capabilities) { this.capabilities.addAll(Set.of(capabilities)); return this; }
    /** The SPI version the plugin was built against. */
    public Builder spiVersion(int spiVersion) { this.spiVersion = spiVersion; return this; }

    /** The info. */
    public ProviderInfo build() {
      return new ProviderInfo(id, displayName, family, defaultBaseUrl, apiKeyEnv, framing, capabilities, spiVersion);
    }
  }
}
