package dev.rill.provider.support;

import dev.rill.api.ChatRequest;
import dev.rill.api.ProviderInfo;
import dev.rill.api.ResponseFormat;
import java.util.EnumSet;
import java.util.Set;

/**
 * The typed request settings a wire family may or may not have a field for, and the one check every plugin makes
 * before it encodes: a setting the request asks for that the family has no field for is an
 * {@code INVALID_REQUEST} naming the provider and the setting (never silently dropped). Stateless.
 *
 * @since 0.2
 */
public final class TypedSettings {

  /** A typed setting of {@link ChatRequest}. */
  public enum Setting {
    /** {@link ChatRequest#seed()}. */
    SEED("seed"),
    /** {@link ChatRequest#topK()}. */
    TOP_K("topK"),
    /** {@link ChatRequest#presencePenalty()}. */
    PRESENCE_PENALTY("presencePenalty"),
    /** {@link ChatRequest#frequencyPenalty()}. */
    FREQUENCY_PENALTY("frequencyPenalty"),
    /** {@link ChatRequest#parallelToolCalls()}, asked for only when the request has tools. */
    PARALLEL_TOOL_CALLS("parallelToolCalls"),
    /** {@link ResponseFormat#json()}: JSON without a schema. */
    JSON_OUTPUT("responseFormat JSON (without a schema)"),
    /** {@link ResponseFormat#jsonSchema}: JSON following a schema. */
    JSON_SCHEMA_OUTPUT("responseFormat JSON schema");

    private final String label;

    Setting(String label) {
      this.label = label;
    }

    /** How messages name it. */
    public String label() {
      return label;
    }
  }

  private TypedSettings() {}

  /** The settings {@code request} asks for. */
  public static Set<Setting> requested(ChatRequest request) {
    EnumSet<Setting> out = EnumSet.noneOf(Setting.class);
    if (request.seed() != null) {
      out.add(Setting.SEED);
    }
    if (request.topK() != null) {
      out.add(Setting.TOP_K);
    }
    if (request.presencePenalty() != null) {
      out.add(Setting.PRESENCE_PENALTY);
    }
    if (request.frequencyPenalty() != null) {
      out.add(Setting.FREQUENCY_PENALTY);
    }
    if (request.parallelToolCalls() != null && !request.tools().isEmpty()) {
      out.add(Setting.PARALLEL_TOOL_CALLS);
    }
    ResponseFormat format = request.responseFormat();
    if (format != null) {
      out.add(format.hasSchema() ? Setting.JSON_SCHEMA_OUTPUT : Setting.JSON_OUTPUT);
    }
    return out;
  }

  /**
   * Checks that {@code provider} can express every typed setting {@code request} asks for.
   *
   * @param supported the settings the family has a field for
   * @throws JsonValues.InvalidValue naming the provider, its family and the first setting it lacks
   */
  public static void requireSupported(ChatRequest request, ProviderInfo provider, Set<Setting> supported) {
    requireSupported(request, provider.id(), provider.family(), supported);
  }

  /** As {@link #requireSupported(ChatRequest, ProviderInfo, Set)}, for provider {@code id} of {@code family}. */
  public static void requireSupported(ChatRequest request, String id, String family, Set<Setting> supported) {
    for (Setting s : requested(request)) {
      if (!supported.contains(s)) {
        throw new JsonValues.InvalidValue("provider '" + id + "' (wire family " + family + ") has no field for "
            + s.label() + "; leave it unset for this provider, or pass the family's own field with"
            + " ChatRequest.Builder.option(\"" + id + "\", name, value)");
      }
    }
  }
}
