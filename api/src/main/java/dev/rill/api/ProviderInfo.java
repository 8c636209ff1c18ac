package dev.rill.api;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
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
 * @param capabilities what the provider can do (see {@link Capability}: a declaration is a promise the runtime
 *     and the conformance kit hold it to)
 * @param spiVersion the {@link StreamingProvider#SPI_VERSION} the plugin was built against
 * @param modelCapabilities model families that lack some of {@code capabilities}, first match wins; usually none
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
    int spiVersion,
    List<ModelCapabilities> modelCapabilities) {

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
    modelCapabilities = modelCapabilities == null ? List.of() : List.copyOf(modelCapabilities);
    for (ModelCapabilities row : modelCapabilities) {
      for (Capability c : row.lacking()) {
        if (!capabilities.contains(c)) {
          throw new IllegalArgumentException("provider '" + id + "': models '" + row.pattern() + "' are said to lack "
              + c + ", which the provider does not declare");
        }
      }
    }
  }

  /** The key variable, if the provider needs a key. */
  public Optional<String> apiKeyEnvironmentVariable() {
    return Optional.ofNullable(apiKeyEnv);
  }

  /** Whether the provider declares {@code capability} (for its models in general; see {@link #capabilitiesFor}). */
  public boolean has(Capability capability) {
    return capabilities.contains(capability);
  }

  /**
   * What {@code model} (a bare model name) can do: the declared capabilities less what the first matching
   * {@link ModelCapabilities} row says the model lacks; all of them for a model no row names (or null).
   */
  public Set<Capability> capabilitiesFor(String model) {
    ModelCapabilities row = modelRowFor(model);
    if (row == null) {
      return capabilities;
    }
    EnumSet<Capability> set = capabilities.isEmpty() ? EnumSet.noneOf(Capability.class) : EnumSet.copyOf(capabilities);
    set.removeAll(row.lacking());
    return Set.copyOf(set);
  }

  /** The first {@link ModelCapabilities} row matching {@code model}, or null. */
  public ModelCapabilities modelRowFor(String model) {
    for (ModelCapabilities row : modelCapabilities) {
      if (row.matches(model)) {
        return row;
      }
    }
    return null;
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
    private final List<ModelCapabilities> modelCapabilities = new ArrayList<>();
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
    /** Adds capabilities. */
    public Builder capabilities(Collection<Capability> capabilities) { this.capabilities.addAll(capabilities); return this; }
    /** Models matching the glob {@code pattern} lack {@code lacking}; rows are tried in the order added. */
    public Builder models(String pattern, String source, Capability... lacking) {
      modelCapabilities.add(ModelCapabilities.lacking(pattern, source, lacking));
      return this;
    }
    /** Adds model rows; rows are tried in the order added. */
    public Builder models(Collection<ModelCapabilities> rows) { modelCapabilities.addAll(rows); return this; }
    /** The SPI version the plugin was built against. */
    public Builder spiVersion(int spiVersion) { this.spiVersion = spiVersion; return this; }

    /** The info. */
    public ProviderInfo build() {
      return new ProviderInfo(id, displayName, family, defaultBaseUrl, apiKeyEnv, framing, capabilities, spiVersion,
          modelCapabilities);
    }
  }
}
