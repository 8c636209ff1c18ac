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
 * OpenAI through its Responses API: {@code POST {base}/responses} with {@code "stream": true}, answered with typed
 * server-sent events ({@code response.output_text.delta}, {@code response.completed}...). Provider id
 * {@code openai-responses}, wire family {@code openai-responses}, base {@code https://api.openai.com/v1}, key from
 * {@code OPENAI_API_KEY} sent as {@code Authorization: Bearer}.
 *
 * <p>Requests: system messages become {@code instructions}; the conversation becomes {@code input} items (messages,
 * {@code function_call} and {@code function_call_output} items); the output limit is {@code max_output_tokens};
 * reasoning options become {@code reasoning: {effort, summary: "auto"}}, so reasoning models stream a summary of their
 * thinking; {@code store} is {@code false}, as Rill resends the conversation each time. The API has no stop
 * sequences: a request with {@link ChatRequest#stop()} fails with {@link dev.rill.api.ErrorKind#INVALID_REQUEST}.
 * Seed, top-k and the penalties have no field either and are refused the same way; parallel tool calls and the
 * response format ({@code text.format}) are sent. The {@link ChatRequest#options() options} addressed to the
 * provider's id or to {@code openai-responses} are merged into the body last and replace the fields Rill would
 * write.
 *
 * <p>Responses: text, refusals, reasoning summaries, streamed function calls (ids are the {@code call_id}s a tool
 * result must quote), usage with cached and reasoning tokens, and finish reasons: {@code completed} is STOP (TOOL_CALLS
 * when the model called a function), an incomplete response's reason {@code max_output_tokens} is LENGTH and
 * {@code content_filter} CONTENT_FILTER. {@code response.failed} and {@code error} events end the stream with a
 * {@link dev.rill.api.RillException} whose kind follows the error code. A body that ends before
 * {@code response.completed} or {@code response.incomplete} is TRUNCATED.
 *
 * <p>Stateless and thread-safe; the constructor does nothing.
 *
 * @since 0.1
 */
public final class OpenAiResponsesProvider implements StreamingProvider {

  /** The provider id. */
  public static final String ID = "openai-responses";
  /** The environment variable holding the API key. */
  public static final String API_KEY_ENV = "OPENAI_API_KEY";

  private static final ProviderInfo INFO = ProviderInfo.builder(ID, "OpenAI Responses")
      .family(Responses.FAMILY)
      .defaultBaseUrl("https://api.openai.com/v1")
      .apiKeyEnv(API_KEY_ENV)
      .framing(Framing.SSE)
      .capabilities(Responses.CAPABILITIES)
      .models(Responses.OPENAI_MODELS)
      .build();

  private static final ResponsesRequestEncoder ENCODER = new ResponsesRequestEncoder(ID, Dialect.OPENAI);

  /** Creates the provider; no I/O. */
  public OpenAiResponsesProvider() {}

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
    return "OpenAiResponsesProvider[" + INFO.defaultBaseUrl() + "]";
  }
}
