package dev.rill.api;

import java.util.List;

/**
 * A service that contributes several providers at once, such as a catalogue of OpenAI-compatible servers
 * that share one decoder and differ only in base URL and key variable.
 *
 * <p>Discovered like {@link StreamingProvider}, through {@code META-INF/services/dev.rill.api.ProviderBundle}
 * and module {@code provides}. The constructor does no I/O; {@link #providers()} returns the same
 * providers every time.
 *
 * @since 0.1
 */
public interface ProviderBundle {

  /** The providers this bundle contributes, each with its own unique id. */
  List<StreamingProvider> providers();
}
