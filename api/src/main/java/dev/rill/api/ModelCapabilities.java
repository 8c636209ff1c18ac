package dev.rill.api;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a family of a provider's models lacks: the models whose bare name matches {@code pattern} do not have the
 * {@code lacking} capabilities, although the provider declares them. Rows are listed in
 * {@link ProviderInfo#modelCapabilities()}; the first matching row applies.
 *
 * <p>The pattern is a glob over the bare model name, compared case-insensitively: {@code *} matches any run of
 * characters, everything else matches itself ({@code gemma-*}, {@code *meta.llama3-8b*}). A row is written only
 * where the provider's documentation says a model family lacks something: an unknown or new model keeps the
 * provider's full set, so the runtime never refuses a request the provider might serve.
 *
 * @param pattern the glob over bare model names
 * @param lacking the capabilities the matching models lack; not empty
 * @param source where the provider documents it (a URL), or a short note
 * @since 0.1
 */
public record ModelCapabilities(String pattern, Set<Capability> lacking, String source) {

  public ModelCapabilities {
    Objects.requireNonNull(pattern, "pattern");
    if (pattern.isBlank()) {
      throw new IllegalArgumentException("a model pattern must not be blank");
    }
    if (lacking.isEmpty()) {
      throw new IllegalArgumentException("a model row for '" + pattern + "' must name what the models lack");
    }
    lacking = Set.copyOf(EnumSet.copyOf(lacking));
    source = source == null ? "" : source;
  }

  /** A row: models matching {@code pattern} lack {@code lacking}. */
  public static ModelCapabilities lacking(String pattern, String source, Capability... lacking) {
    return new ModelCapabilities(pattern, Set.of(lacking), source);
  }

  /** Whether the bare model name {@code model} matches this row's pattern. */
  public boolean matches(String model) {
    return model != null && glob(pattern).matcher(model.toLowerCase(Locale.ROOT)).matches();
  }

  private static Pattern glob(String pattern) {
    String[] pieces = pattern.toLowerCase(Locale.ROOT).split("\\*", -1);
    StringBuilder regex = new StringBuilder();
    for (int i = 0; i < pieces.length; i++) {
      if (i > 0) {
        regex.append(".*");
      }
      if (!pieces[i].isEmpty()) {
        regex.append(Pattern.quote(pieces[i]));
      }
    }
    return Pattern.compile(regex.toString(), Pattern.DOTALL);
  }
}
