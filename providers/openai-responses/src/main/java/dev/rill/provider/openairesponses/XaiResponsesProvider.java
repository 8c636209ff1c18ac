package dev.rill.provider.openairesponses;

import dev.rill.api.ChatRequest;
import dev.rill.api.Framing;
import dev.rill.api.HttpCall;
import dev.rill.api.ProviderError;
import dev.rill.api.ProviderInfo;
import dev.rill.api.ProviderSettings;
import dev.rill.api.StreamDecoder;
import dev.rill.api.StreamingProvider;
import dev.rill.provider.openairesponses.internal.Dialect;
import dev.rill.provider.openairesponses.internal.Endpoints;
import dev.rill.provider.openairesponses.internal.Responses;
import dev.rill.provider.openairesponses.internal.ResponsesErrors;
import dev.rill.provider.openairesponses.internal.ResponsesRequestEncoder;
import dev.rill.provider.openairesponses.internal.ResponsesStreamDecoder;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Grok through xAI's Responses API ({@code POST https://api.x.ai/v1/responses}), which follows OpenAI's Responses
 * protocol. Provider id {@code xai-responses}, wire family {@code openai-responses}; the key is read from
 * {@code XAI_API_KEY} and sent as {@code Authorization: Bearer}.
 *
 * <p>Requests and responses are as for {@link OpenAiResponsesProvider}, except that reasoning options send the effort
 * alone: xAI streams no reasoning summaries. Server-side tools that xAI runs itself (web search) stream their own
 * items, which are skipped; their results show up in the text.
 *
 * <p>Stateless and thread-safe; the constructor does nothing.
 *
 * @since 0.1
 */
public final class XaiResponsesProvider implements StreamingProvider {

  /** The provider id. */
  public static final String ID = "xai-responses";
  /** The environment variable holding the API key. */
  public static final String API_KEY_ENV = "XAI_API_KEY";

  private static final ProviderInfo INFO = ProviderInfo.builder(ID, "xAI Responses")
      .family(Responses.FAMILY)
      .defaultBaseUrl("https://api.x.ai/v1")
      .apiKeyEnv(API_KEY_ENV)
      .framing(Framing.SSE)
      .capabilities(Responses.CAPABILITIES)
      .build();

  private static final ResponsesRequestEncoder ENCODER = new ResponsesRequestEncoder(ID, Dialect.XAI);

  /** Creates the provider; no I/O. */
  public XaiResponsesProvider() {}

  @Override
  public ProviderInfo info() {
    return INFO;
  }

  @Override
  public HttpCall prepare(ChatRequest request, ProviderSettings settings) {
    String key = settings.requireKey(API_KEY_ENV).reveal();
    byte[] body = ENCODER.body(request);
    Map<String, String> fixed = new LinkedHashMap<>();
    fixed.put("Authorization", "Bearer " + key);
    fixed.put("Content-Type", "application/json");
    fixed.put("Accept", "text/event-stream");
    return HttpCall.post(Endpoints.responses(ID, settings.baseUrl(), Map.of()),
        Endpoints.headers(fixed, settings.headers()), body);
  }

  @Override
  public StreamDecoder newDecoder(ChatRequest request) {
    return new ResponsesStreamDecoder(ID, request == null ? null : request.model());
  }

  @Override
  public ProviderError classifyError(int status, Map<String, String> headers, byte[] body) {
    return ResponsesErrors.classify(status, headers, body);
  }

  @Override
  public String toString() {
    return "XaiResponsesProvider[" + INFO.defaultBaseUrl() + "]";
  }
}
