package dev.rill.provider.cohere;

import dev.rill.api.Capability;
import dev.rill.api.ChatRequest;
import dev.rill.api.Framing;
import dev.rill.api.HttpCall;
import dev.rill.api.ProviderError;
import dev.rill.api.ProviderInfo;
import dev.rill.api.ProviderSettings;
import dev.rill.api.StreamDecoder;
import dev.rill.api.StreamingProvider;
import dev.rill.provider.cohere.internal.CohereErrors;
import dev.rill.provider.cohere.internal.CohereModels;
import dev.rill.provider.cohere.internal.CohereRequestEncoder;
import dev.rill.provider.cohere.internal.CohereStreamDecoder;
import java.util.Map;

/**
 * The Cohere provider ({@code cohere}): streams Cohere v2 chat answers ({@code POST https://api.cohere.com/v2/chat},
 * typed server-sent events).
 *
 * <p>The key comes from {@code COHERE_API_KEY} (or the system property {@code rill.provider.cohere.api-key}). The
 * Cohere SDKs' {@code CO_API_KEY} is not read: set {@code COHERE_API_KEY} instead. Cohere's {@code tool_choice} knows
 * only REQUIRED and NONE, so a named tool choice is rejected. A reasoning budget turns on {@code thinking}; thinking
 * blocks and Cohere's tool plan (its reasoning before calling tools) stream as reasoning. Usage is the model's
 * token counts ({@code usage.tokens}), not the billed units.
 *
 * <pre>{@code
 * ChatRequest request = ChatRequest.builder("cohere:command-a-03-2025").user("Why is the sky blue?").build();
 * }</pre>
 *
 * <p>Stateless and thread-safe; the constructor does no I/O.
 */
public final class CohereProvider implements StreamingProvider {

  /** The provider id. */
  public static final String ID = "cohere";

  /** The environment variable holding the API key. */
  public static final String API_KEY_ENV = "COHERE_API_KEY";

  private static final ProviderInfo INFO = ProviderInfo.builder(ID, "Cohere")
      .family("cohere-v2")
      .defaultBaseUrl("https://api.cohere.com")
      .apiKeyEnv(API_KEY_ENV)
      .framing(Framing.SSE)
      .capabilities(Capability.TEXT, Capability.TOOLS, Capability.REASONING, Capability.USAGE_IN_STREAM,
          Capability.IMAGES, Capability.SYSTEM_PROMPT, Capability.FINISH_REASON, Capability.STRUCTURED_OUTPUT)
      .models(CohereModels.ROWS)
      .build();

  private final CohereRequestEncoder encoder = new CohereRequestEncoder(ID, API_KEY_ENV);

  /** Creates the provider; no I/O. */
  public CohereProvider() {}

  @Override
  public ProviderInfo info() {
    return INFO;
  }

  @Override
  public HttpCall prepare(ChatRequest request, ProviderSettings settings) {
    return encoder.encode(request, settings);
  }

  @Override
  public StreamDecoder newDecoder(ChatRequest request) {
    return new CohereStreamDecoder(ID, request == null ? null : request.model());
  }

  @Override
  public ProviderError classifyError(int status, Map<String, String> headers, byte[] body) {
    return CohereErrors.classify(status, headers, body);
  }
}
