package dev.rill.runtime;

import java.util.Objects;

/**
 * A parsed model spec: {@code provider:model}, split at the first colon, so {@code ollama:llama3:8b} is
 * provider {@code ollama} and model {@code llama3:8b}.
 *
 * @param provider the provider id, or null when the spec named only a model
 * @param model the model name as the provider knows it
 * @since 0.1
 */
public record ModelSpec(String provider, String model) {
  /** Checks and normalises the components (see the class comment). */
  public ModelSpec {
    Objects.requireNonNull(model, "model");
    if (model.isEmpty()) {
      throw new IllegalArgumentException("a model spec needs a model after the colon");
    }
  }

  /** Parses {@code spec}; a spec without a colon has no provider. */
  public static ModelSpec parse(String spec) {
    Objects.requireNonNull(spec, "spec");
    int colon = spec.indexOf(':');
    if (colon < 0) {
      return new ModelSpec(null, spec.strip());
    }
    String provider = spec.substring(0, colon).strip();
    if (provider.isEmpty()) {
      throw new IllegalArgumentException("a model spec needs a provider before the colon: '" + spec + "'");
    }
    return new ModelSpec(provider, spec.substring(colon + 1).strip());
  }

  @Override
  public String toString() {
    return provider == null ? model : provider + ":" + model;
  }
}
