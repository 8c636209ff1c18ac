package dev.rill.provider.openai.internal;

import dev.rill.api.Capability;
import dev.rill.api.Framing;
import dev.rill.api.ProviderInfo;
import java.util.Objects;
import java.util.Set;

/**
 * One row of the OpenAI-compatible catalogue: a server that speaks OpenAI chat completions at its own base URL.
 *
 * @param id the provider id
 * @param displayName the human-readable name
 * @param baseUrl the documented base URL; {@code /chat/completions} is appended
 * @param apiKeyEnv the key variable, or null when the server needs no key
 * @param dialect how its requests differ from OpenAI's
 * @param capabilities what it can do
 * @param notes where the values come from and what is peculiar about the server
 */
public record CompatibleEndpoint(
    String id, String displayName, String baseUrl, String apiKeyEnv, Dialect dialect, Set<Capability> capabilities,
    String notes) {

  public CompatibleEndpoint {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(displayName, "displayName");
    Objects.requireNonNull(baseUrl, "baseUrl");
    Objects.requireNonNull(dialect, "dialect");
    capabilities = Set.copyOf(capabilities);
    notes = notes == null ? "" : notes;
    if (dialect.keyRequired() && apiKeyEnv == null) {
      throw new IllegalArgumentException(id + ": a provider that requires a key must name its variable");
    }
  }

  /** The provider description for this row, family {@code openai-chat}, framed as SSE. */
  public ProviderInfo info() {
    return ProviderInfo.builder(id, displayName)
        .family(ChatCompletions.FAMILY)
        .defaultBaseUrl(baseUrl)
        .apiKeyEnv(apiKeyEnv)
        .framing(Framing.SSE)
        .capabilities(capabilities.toArray(new Capability[0]))
        .build();
  }
}
