package dev.rill.runtime;

import dev.rill.api.ErrorKind;
import dev.rill.api.ProviderBundle;
import dev.rill.api.ProviderInfo;
import dev.rill.api.RillException;
import dev.rill.api.StreamingProvider;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * The providers a client can use, by id: those discovered through {@link ServiceLoader} (class path and
 * module path) plus those registered explicitly.
 *
 * <p>Discovery survives broken plugins: a plugin whose class cannot be loaded or whose constructor throws is
 * skipped and reported in {@link #problems()} (and logged), and the others load. Two discovered plugins with
 * one id are an error naming both classes; an explicitly registered provider replaces a discovered one of the
 * same id, so tests and frameworks can substitute a plugin.
 *
 * @since 0.1
 */
public final class ProviderRegistry {
  private static final System.Logger LOG = System.getLogger(ProviderRegistry.class.getName());

  private final Map<String, StreamingProvider> providers;
  private final List<DiscoveryProblem> problems;

  private ProviderRegistry(Map<String, StreamingProvider> providers, List<DiscoveryProblem> problems) {
    this.providers = Collections.unmodifiableMap(new TreeMap<>(providers));
    this.problems = List.copyOf(problems);
  }

  /** Discovers the plugins visible to {@code loader} (class path, and named modules defined to it). */
  public static ProviderRegistry discover(ClassLoader loader) {
    return builder().discover(loader).build();
  }

  /** Discovers the plugins in a module layer (and its parents). */
  public static ProviderRegistry discover(ModuleLayer layer) {
    return builder().discover(layer).build();
  }

  /** A registry of exactly these providers, without discovery. */
  public static ProviderRegistry of(StreamingProvider... providers) {
    Builder b = builder();
    for (StreamingProvider p : providers) {
      b.register(p);
    }
    return b.build();
  }

  /** Starts an empty builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** The provider with {@code id}, if any. */
  public Optional<StreamingProvider> find(String id) {
    return Optional.ofNullable(providers.get(id));
  }

  /**
   * The provider with {@code id}, or a {@link RillException} of kind {@link ErrorKind#NOT_FOUND} that lists the
   * available ids.
   */
  public StreamingProvider require(String id) {
    StreamingProvider p = providers.get(id);
    if (p == null) {
      throw RillException.builder(ErrorKind.NOT_FOUND)
          .message("unknown provider '" + id + "'; available: "
              + (providers.isEmpty() ? "none (no plugin on the class path)" : String.join(", ", providers.keySet())))
          .build();
    }
    return p;
  }

  /** The providers, sorted by id. */
  public List<StreamingProvider> all() {
    return List.copyOf(providers.values());
  }

  /** The provider descriptions, sorted by id. */
  public List<ProviderInfo> infos() {
    List<ProviderInfo> out = new ArrayList<>(providers.size());
    for (StreamingProvider p : providers.values()) {
      out.add(p.info());
    }
    return out;
  }

  /** The ids, sorted. */
  public List<String> ids() {
    return List.copyOf(providers.keySet());
  }

  /** Plugins that failed to load. */
  public List<DiscoveryProblem> problems() {
    return problems;
  }

  /** Builds a {@link ProviderRegistry}. */
  public static final class Builder {
    private final Map<String, StreamingProvider> discovered = new LinkedHashMap<>();
    private final Map<String, StreamingProvider> explicit = new LinkedHashMap<>();
    private final List<DiscoveryProblem> problems = new ArrayList<>();
    private final Map<String, String> duplicates = new LinkedHashMap<>();

    private Builder() {}

    /** Adds the plugins found by {@link ServiceLoader} through {@code loader}. */
    public Builder discover(ClassLoader loader) {
      load(StreamingProvider.class, () -> ServiceLoader.load(StreamingProvider.class, loader).iterator(),
          List::of);
      load(ProviderBundle.class, () -> ServiceLoader.load(ProviderBundle.class, loader).iterator(),
          ProviderBundle::providers);
      return this;
    }

    /** Adds the plugins found by {@link ServiceLoader} in {@code layer}. */
    public Builder discover(ModuleLayer layer) {
      load(StreamingProvider.class, () -> ServiceLoader.load(layer, StreamingProvider.class).iterator(), List::of);
      load(ProviderBundle.class, () -> ServiceLoader.load(layer, ProviderBundle.class).iterator(),
          ProviderBundle::providers);
      return this;
    }

    /** Registers a provider explicitly; it replaces a discovered one with the same id. */
    public Builder register(StreamingProvider provider) {
      String id = provider.info().id();
      StreamingProvider previous = explicit.put(id, provider);
      if (previous != null && previous != provider) {
        throw new IllegalArgumentException("provider id '" + id + "' registered twice: "
            + previous.getClass().getName() + " and " + provider.getClass().getName());
      }
      return this;
    }

    /**
     * Builds the registry.
     *
     * @throws IllegalStateException if two discovered plugins declare one id and none was registered explicitly
     */
    public ProviderRegistry build() {
      for (Map.Entry<String, String> d : duplicates.entrySet()) {
        if (!explicit.containsKey(d.getKey())) {
          throw new IllegalStateException("two plugins declare the provider id '" + d.getKey() + "': " + d.getValue()
              + "; remove one from the class path or register the one you want explicitly");
        }
      }
      Map<String, StreamingProvider> all = new LinkedHashMap<>(discovered);
      all.putAll(explicit);
      return new ProviderRegistry(all, problems);
    }

    @SuppressWarnings("unchecked")
    private <S> void load(Class<S> service, Supplier<Iterator<S>> iterators,
        java.util.function.Function<S, List<StreamingProvider>> expand) {
      Iterator<S> it;
      try {
        it = iterators.get();
      } catch (ServiceConfigurationError e) {
        report(service, "cannot read the service declarations: " + e.getMessage(), e);
        return;
      }
      // The SLF4J pattern: a plugin that fails is reported and skipped; a bounded loop guards against an
      // iterator that keeps failing at the same entry.
      for (int guard = 0; guard < 10_000; guard++) {
        S next;
        try {
          if (!it.hasNext()) {
            return;
          }
          next = it.next();
        } catch (ServiceConfigurationError | LinkageError e) {
          report(service, "a plugin failed to load and was skipped: " + e.getMessage(), e);
          continue;
        }
        List<StreamingProvider> contributed;
        try {
          contributed = next instanceof StreamingProvider p ? List.of(p) : expand.apply(next);
        } catch (RuntimeException e) {
          report(service, next.getClass().getName() + " failed to list its providers: " + e, e);
          continue;
        }
        for (StreamingProvider p : contributed) {
          add(service, p);
        }
      }
    }

    private void add(Class<?> service, StreamingProvider p) {
      ProviderInfo info;
      try {
        info = p.info();
      } catch (RuntimeException e) {
        report(service, p.getClass().getName() + ".info() failed; skipped: " + e, e);
        return;
      }
      if (info.spiVersion() != StreamingProvider.SPI_VERSION) {
        report(service, p.getClass().getName() + " implements SPI version " + info.spiVersion()
            + " but this runtime speaks " + StreamingProvider.SPI_VERSION + "; skipped", null);
        return;
      }
      StreamingProvider existing = discovered.get(info.id());
      if (existing != null) {
        if (existing.getClass() == p.getClass() && existing.info().equals(info)) {
          return; // the same plugin seen twice (e.g. through a parent loader)
        }
        duplicates.merge(info.id(), existing.getClass().getName() + " and " + p.getClass().getName(),
            (a, b) -> a + ", " + p.getClass().getName());
        return;
      }
      discovered.put(info.id(), p);
    }

    private void report(Class<?> service, String message, Throwable cause) {
      problems.add(new DiscoveryProblem(service.getName(), message, cause));
      LOG.log(System.Logger.Level.WARNING, "Rill discovery: " + message);
    }
  }
}
