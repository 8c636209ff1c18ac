package dev.rill.conformance.internal;

import dev.rill.api.ProviderBundle;
import dev.rill.api.StreamingProvider;
import dev.rill.testkit.golden.Golden;
import dev.rill.testkit.golden.GoldenTranscripts;
import java.net.URL;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * Where a plugin's golden transcripts come from: its own ({@code META-INF/rill/transcripts/<id>/}, read through the
 * plugin's class loader), or, for a provider that ships none, those of a provider of the same family in the same
 * jar (the rows of an OpenAI-compatible catalogue share the {@code openai} goldens and decoder; Claude on Vertex
 * shares Anthropic's). Rule H0.4 accepts only such a sibling.
 */
public final class GoldenSource {
  private GoldenSource() {}

  /** The goldens the rules replay for {@code provider}. */
  public static List<Golden> forProvider(StreamingProvider provider) {
    List<Golden> own = GoldenTranscripts.list(provider.info().id(), loaderOf(provider.getClass()));
    if (!own.isEmpty()) {
      return own;
    }
    return owner(provider).map(o -> GoldenTranscripts.list(o.info().id(), loaderOf(provider.getClass())))
        .orElse(List.of());
  }

  /**
   * The same-family provider from the same jar (or class directory) whose goldens {@code provider} borrows: one
   * that ships goldens, of the same class when there is one, else the first by id. Empty when {@code provider}
   * has goldens of its own or no sibling has any.
   */
  public static Optional<StreamingProvider> owner(StreamingProvider provider) {
    ClassLoader loader = loaderOf(provider.getClass());
    if (!GoldenTranscripts.names(provider.info().id(), loader).isEmpty()) {
      return Optional.empty();
    }
    return siblings(provider).stream()
        .filter(s -> !GoldenTranscripts.names(s.info().id(), loader).isEmpty())
        .min(Comparator.<StreamingProvider>comparingInt(s -> s.getClass() == provider.getClass() ? 0 : 1)
            .thenComparing(s -> s.info().id()));
  }

  /** Providers of the same family, from the same code source, other than {@code provider} itself. */
  public static List<StreamingProvider> siblings(StreamingProvider provider) {
    ClassLoader loader = loaderOf(provider.getClass());
    URL home = location(provider.getClass());
    List<StreamingProvider> all = new ArrayList<>();
    try {
      ServiceLoader.load(StreamingProvider.class, loader).stream().forEach(p -> {
        try {
          all.add(p.get());
        } catch (ServiceConfigurationError | RuntimeException e) {
          // a broken plugin elsewhere on the class path is not this one's sibling
        }
      });
      ServiceLoader.load(ProviderBundle.class, loader).stream().forEach(p -> {
        try {
          all.addAll(p.get().providers());
        } catch (ServiceConfigurationError | RuntimeException e) {
          // as above
        }
      });
    } catch (ServiceConfigurationError e) {
      return List.of();
    }
    List<StreamingProvider> out = new ArrayList<>();
    for (StreamingProvider p : all) {
      if (!p.info().id().equals(provider.info().id()) && p.info().family().equals(provider.info().family())
          && Objects.equals(location(p.getClass()), home)) {
        out.add(p);
      }
    }
    return out;
  }

  static ClassLoader loaderOf(Class<?> type) {
    ClassLoader l = type.getClassLoader();
    return l != null ? l : ClassLoader.getSystemClassLoader();
  }

  static URL location(Class<?> type) {
    CodeSource source = type.getProtectionDomain() == null ? null : type.getProtectionDomain().getCodeSource();
    return source == null ? null : source.getLocation();
  }
}
