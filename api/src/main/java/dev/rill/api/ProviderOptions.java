package dev.rill.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Request-body fields Rill has no typed setting for, each addressed to one provider id ({@code openai},
 * {@code groq}) or one wire family ({@code openai-chat}, {@code anthropic-messages}): see
 * {@link ProviderInfo#id()} and {@link ProviderInfo#family()}, and the table in {@code docs/providers.md}.
 *
 * <p>A provider sends the options addressed to its id or its family, and no others
 * ({@link #fieldsFor(ProviderInfo)}); with a fallback chain each attempt gets only its own. An option addressed to
 * no provider the call may try is an {@link ErrorKind#INVALID_REQUEST} before anything is sent: it is never
 * dropped in silence and never sent to another vendor. Values are strings, numbers, booleans, null, and lists and
 * maps of those. An option named like a field Rill writes replaces that field (each provider's Javadoc names the
 * few it keeps).
 *
 * @param entries the options, in the order they were given
 * @since 0.2
 */
public record ProviderOptions(List<Option> entries) {

  private static final ProviderOptions NONE = new ProviderOptions(List.of());
  private static final Pattern SCOPE = Pattern.compile("[a-z0-9][a-z0-9.-]*");

  /**
   * One body field for the providers a scope names.
   *
   * @param scope a provider id or a wire family
   * @param name the body field
   * @param value its value
   */
  public record Option(String scope, String name, Object value) {
    /** Checks and normalises the components (see the class comment). */
    public Option {
      Objects.requireNonNull(scope, "scope");
      if (!SCOPE.matcher(scope).matches()) {
        throw new IllegalArgumentException(
            "an option scope is a provider id or a wire family (lower-case letters, digits, '-' or '.'): '"
                + scope + "'");
      }
      Objects.requireNonNull(name, "name");
      if (name.isBlank()) {
        throw new IllegalArgumentException("an option needs a name");
      }
    }

    /** Whether this option is for the provider {@code id} of wire family {@code family}. */
    public boolean addresses(String id, String family) {
      return scope.equals(id) || scope.equals(family);
    }

    /** Whether this option is for {@code provider}. */
    public boolean addresses(ProviderInfo provider) {
      return addresses(provider.id(), provider.family());
    }
  }

  /** Checks and normalises the components (see the class comment). */
  public ProviderOptions {
    entries = List.copyOf(entries);
  }

  /** No options. */
  public static ProviderOptions none() {
    return NONE;
  }

  /** Whether there are none. */
  public boolean isEmpty() {
    return entries.isEmpty();
  }

  /** A copy with one more option. */
  public ProviderOptions with(String scope, String name, Object value) {
    List<Option> more = new ArrayList<>(entries);
    more.add(new Option(scope, name, value));
    return new ProviderOptions(more);
  }

  /** The options {@code keep} accepts, in order. */
  public ProviderOptions retain(Predicate<Option> keep) {
    List<Option> kept = new ArrayList<>();
    for (Option o : entries) {
      if (keep.test(o)) {
        kept.add(o);
      }
    }
    return kept.size() == entries.size() ? this : new ProviderOptions(kept);
  }

  /**
   * The body fields for {@code provider}: the options addressed to its family, then those addressed to its id;
   * when both name the same field, the one for the id wins (and keeps the family option's place). Within a scope a
   * later option replaces an earlier one of the same name.
   */
  public Map<String, Object> fieldsFor(ProviderInfo provider) {
    return fieldsFor(provider.id(), provider.family());
  }

  /** As {@link #fieldsFor(ProviderInfo)}, for the provider {@code id} of wire family {@code family}. */
  public Map<String, Object> fieldsFor(String id, String family) {
    if (entries.isEmpty()) {
      return Map.of();
    }
    Map<String, Object> fields = new LinkedHashMap<>();
    for (Option o : entries) {
      if (o.scope().equals(family) && !o.scope().equals(id)) {
        fields.put(o.name(), o.value());
      }
    }
    for (Option o : entries) {
      if (o.scope().equals(id)) {
        fields.put(o.name(), o.value());
      }
    }
    return java.util.Collections.unmodifiableMap(fields);
  }
}
