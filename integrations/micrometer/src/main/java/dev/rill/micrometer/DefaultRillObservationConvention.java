package dev.rill.micrometer;

import dev.rill.api.ChatResponse;
import dev.rill.api.FinishReason;
import dev.rill.api.Usage;
import dev.rill.runtime.CallInfo;
import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The OpenTelemetry GenAI semantic conventions' names: the observation {@code gen_ai.client.operation}, contextual
 * name {@code chat {model}}; low-cardinality keys {@code gen_ai.operation.name}, {@code gen_ai.provider.name},
 * {@code gen_ai.request.model}, {@code gen_ai.response.model}, {@code server.address}, {@code server.port},
 * {@code error.type} ({@code none} on success); high-cardinality keys {@code gen_ai.response.id},
 * {@code gen_ai.response.finish_reasons}, {@code gen_ai.request.temperature}, {@code gen_ai.request.top_p},
 * {@code gen_ai.request.max_tokens} and {@code gen_ai.usage.input_tokens} / {@code output_tokens}. No message
 * content.
 *
 * @since 0.1
 */
public class DefaultRillObservationConvention implements RillObservationConvention {
  /** The observation's name; a meter handler makes it the timer {@code gen_ai.client.operation}. */
  public static final String NAME = "gen_ai.client.operation";

  private static final Map<String, String> PROVIDERS = Map.ofEntries(
      Map.entry("openai-responses", "openai"),
      Map.entry("azure-openai", "azure.ai.openai"),
      Map.entry("azure-openai-responses", "azure.ai.openai"),
      Map.entry("gemini", "gcp.gemini"),
      Map.entry("gemini-openai", "gcp.gemini"),
      Map.entry("vertex", "gcp.vertex_ai"),
      Map.entry("vertex-anthropic", "gcp.vertex_ai"),
      Map.entry("bedrock", "aws.bedrock"),
      Map.entry("mistral", "mistral_ai"),
      Map.entry("xai", "x_ai"),
      Map.entry("xai-responses", "x_ai"));

  @Override
  public String getName() {
    return NAME;
  }

  @Override
  public String getContextualName(RillObservationContext context) {
    return "chat " + context.call().model();
  }

  @Override
  public KeyValues getLowCardinalityKeyValues(RillObservationContext context) {
    CallInfo call = context.call();
    ChatResponse response = context.response();
    List<KeyValue> kv = new ArrayList<>(7);
    kv.add(KeyValue.of("gen_ai.operation.name", "chat"));
    kv.add(KeyValue.of("gen_ai.provider.name", providerName(call.provider())));
    kv.add(KeyValue.of("gen_ai.request.model", call.model() == null ? "unknown" : call.model()));
    kv.add(KeyValue.of("gen_ai.response.model",
        response == null || response.model() == null ? "unknown" : response.model()));
    kv.add(KeyValue.of("server.address", call.server() == null ? "unknown" : call.server().address()));
    kv.add(KeyValue.of("server.port", call.server() == null ? "unknown" : Integer.toString(call.server().port())));
    kv.add(KeyValue.of("error.type", context.failure() == null ? "none"
        : context.failure().kind().name().toLowerCase(Locale.ROOT)));
    return KeyValues.of(kv);
  }

  @Override
  public KeyValues getHighCardinalityKeyValues(RillObservationContext context) {
    List<KeyValue> kv = new ArrayList<>();
    var request = context.call().request();
    if (request.temperature() != null) {
      kv.add(KeyValue.of("gen_ai.request.temperature", request.temperature().toString()));
    }
    if (request.topP() != null) {
      kv.add(KeyValue.of("gen_ai.request.top_p", request.topP().toString()));
    }
    if (request.maxTokens() != null) {
      kv.add(KeyValue.of("gen_ai.request.max_tokens", request.maxTokens().toString()));
    }
    ChatResponse response = context.response();
    if (response != null) {
      if (response.responseId() != null) {
        kv.add(KeyValue.of("gen_ai.response.id", response.responseId()));
      }
      List<String> reasons = new ArrayList<>();
      for (ChatResponse.Choice c : response.choices()) {
        FinishReason f = c.finishReason();
        if (f != null) {
          reasons.add(f.raw() != null && !f.raw().isEmpty() ? f.raw() : f.kind().name().toLowerCase(Locale.ROOT));
        }
      }
      if (!reasons.isEmpty()) {
        kv.add(KeyValue.of("gen_ai.response.finish_reasons", String.join(",", reasons)));
      }
      Usage usage = response.usage();
      if (usage != null && usage.inputTokens() != null) {
        kv.add(KeyValue.of("gen_ai.usage.input_tokens", usage.inputTokens().toString()));
      }
      if (usage != null && usage.outputTokens() != null) {
        kv.add(KeyValue.of("gen_ai.usage.output_tokens", usage.outputTokens().toString()));
      }
    }
    return KeyValues.of(kv);
  }

  /** {@code gen_ai.provider.name} for a Rill provider id: the conventions' well-known value, else the id itself. */
  protected String providerName(String rillProvider) {
    return rillProvider == null ? "unknown" : PROVIDERS.getOrDefault(rillProvider, rillProvider);
  }
}
