package dev.rill.opentelemetry;

import dev.rill.api.ChatResponse;
import dev.rill.api.FinishReason;
import dev.rill.runtime.CallInfo;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The names of the OpenTelemetry GenAI semantic conventions (semantic-conventions 1.37 to 1.41, "development"
 * status) that Rill fills, and the mapping of Rill's provider ids to {@code gen_ai.provider.name}.
 */
final class GenAi {
  static final String OPERATION = "chat";

  static final AttributeKey<String> OPERATION_NAME = AttributeKey.stringKey("gen_ai.operation.name");
  static final AttributeKey<String> PROVIDER_NAME = AttributeKey.stringKey("gen_ai.provider.name");
  static final AttributeKey<String> REQUEST_MODEL = AttributeKey.stringKey("gen_ai.request.model");
  static final AttributeKey<Double> REQUEST_TEMPERATURE = AttributeKey.doubleKey("gen_ai.request.temperature");
  static final AttributeKey<Double> REQUEST_TOP_P = AttributeKey.doubleKey("gen_ai.request.top_p");
  static final AttributeKey<Long> REQUEST_MAX_TOKENS = AttributeKey.longKey("gen_ai.request.max_tokens");
  static final AttributeKey<Long> REQUEST_SEED = AttributeKey.longKey("gen_ai.request.seed");
  static final AttributeKey<Double> REQUEST_TOP_K = AttributeKey.doubleKey("gen_ai.request.top_k");
  static final AttributeKey<Double> REQUEST_PRESENCE_PENALTY =
      AttributeKey.doubleKey("gen_ai.request.presence_penalty");
  static final AttributeKey<Double> REQUEST_FREQUENCY_PENALTY =
      AttributeKey.doubleKey("gen_ai.request.frequency_penalty");
  static final AttributeKey<String> OUTPUT_TYPE = AttributeKey.stringKey("gen_ai.output.type");
  static final AttributeKey<List<String>> REQUEST_STOP = AttributeKey.stringArrayKey("gen_ai.request.stop_sequences");
  static final AttributeKey<String> RESPONSE_MODEL = AttributeKey.stringKey("gen_ai.response.model");
  static final AttributeKey<String> RESPONSE_ID = AttributeKey.stringKey("gen_ai.response.id");
  static final AttributeKey<List<String>> FINISH_REASONS = AttributeKey.stringArrayKey("gen_ai.response.finish_reasons");
  static final AttributeKey<Double> TIME_TO_FIRST_CHUNK = AttributeKey.doubleKey("gen_ai.response.time_to_first_chunk");
  static final AttributeKey<Long> INPUT_TOKENS = AttributeKey.longKey("gen_ai.usage.input_tokens");
  static final AttributeKey<Long> OUTPUT_TOKENS = AttributeKey.longKey("gen_ai.usage.output_tokens");
  static final AttributeKey<Long> CACHE_READ_TOKENS = AttributeKey.longKey("gen_ai.usage.cache_read.input_tokens");
  static final AttributeKey<Long> CACHE_WRITE_TOKENS = AttributeKey.longKey("gen_ai.usage.cache_write.input_tokens");
  static final AttributeKey<Long> REASONING_TOKENS = AttributeKey.longKey("gen_ai.usage.reasoning.output_tokens");
  static final AttributeKey<String> TOKEN_TYPE = AttributeKey.stringKey("gen_ai.token.type");
  static final AttributeKey<String> INPUT_MESSAGES = AttributeKey.stringKey("gen_ai.input.messages");
  static final AttributeKey<String> OUTPUT_MESSAGES = AttributeKey.stringKey("gen_ai.output.messages");
  static final AttributeKey<String> SERVER_ADDRESS = AttributeKey.stringKey("server.address");
  static final AttributeKey<Long> SERVER_PORT = AttributeKey.longKey("server.port");
  static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");
  static final AttributeKey<String> RILL_PROVIDER = AttributeKey.stringKey("rill.provider");
  static final AttributeKey<Long> RILL_ATTEMPT = AttributeKey.longKey("rill.attempt");

  static final String DURATION = "gen_ai.client.operation.duration";
  static final String TOKEN_USAGE = "gen_ai.client.token.usage";
  static final String TIME_TO_FIRST_CHUNK_METRIC = "gen_ai.client.operation.time_to_first_chunk";
  static final String TIME_PER_OUTPUT_CHUNK = "gen_ai.client.operation.time_per_output_chunk";

  /** The advised bucket boundaries: seconds for the durations, tokens for usage. */
  static final List<Double> SECONDS_BUCKETS = List.of(0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12,
      10.24, 20.48, 40.96, 81.92);
  static final List<Long> TOKEN_BUCKETS = List.of(1L, 4L, 16L, 64L, 256L, 1024L, 4096L, 16384L, 65536L, 262144L,
      1048576L, 4194304L, 16777216L, 67108864L);

  /** Rill provider ids whose {@code gen_ai.provider.name} differs from the id (well-known values of the spec). */
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

  private GenAi() {}

  /** {@code gen_ai.provider.name} for a Rill provider id: the spec's well-known value, else the id itself. */
  static String providerName(String rillProvider) {
    return rillProvider == null ? "unknown" : PROVIDERS.getOrDefault(rillProvider, rillProvider);
  }

  /** The attributes every signal of a call shares: operation, provider, requested model, server. */
  static AttributesBuilder common(CallInfo call) {
    AttributesBuilder b = Attributes.builder()
        .put(OPERATION_NAME, OPERATION)
        .put(PROVIDER_NAME, providerName(call.provider()));
    if (call.model() != null) {
      b.put(REQUEST_MODEL, call.model());
    }
    CallInfo.Server server = call.server();
    if (server != null) {
      b.put(SERVER_ADDRESS, server.address()).put(SERVER_PORT, (long) server.port());
    }
    return b;
  }

  /** One finish reason per choice, as the provider named it (Rill's kind, in lower case, when it gave none). */
  static List<String> finishReasons(ChatResponse response) {
    List<String> reasons = new ArrayList<>(response.choices().size());
    for (ChatResponse.Choice c : response.choices()) {
      FinishReason f = c.finishReason();
      if (f != null) {
        reasons.add(f.raw() != null && !f.raw().isEmpty() ? f.raw() : f.kind().name().toLowerCase(Locale.ROOT));
      }
    }
    return reasons;
  }

  /** {@code error.type}: the error's kind in lower case ({@code rate_limited}, {@code timeout}...). */
  static String errorType(dev.rill.api.RillException e) {
    return e.kind().name().toLowerCase(Locale.ROOT);
  }
}
