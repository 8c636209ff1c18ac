package dev.rill.provider.gemini;

import dev.rill.api.Capability;
import dev.rill.api.ChatRequest;
import dev.rill.api.Framing;
import dev.rill.api.HttpCall;
import dev.rill.api.ProviderError;
import dev.rill.api.ProviderInfo;
import dev.rill.api.ProviderSettings;
import dev.rill.api.Secret;
import dev.rill.api.StreamDecoder;
import dev.rill.api.StreamingProvider;
import dev.rill.provider.gemini.internal.GeminiEndpoints;
import dev.rill.provider.gemini.internal.GeminiErrors;
import dev.rill.provider.gemini.internal.GeminiModels;
import dev.rill.provider.gemini.internal.GeminiRequestEncoder;
import dev.rill.provider.gemini.internal.GeminiStreamDecoder;
import java.util.Map;

/**
 * The Google Gemini API (Google AI, {@code generativelanguage.googleapis.com}): provider id {@code gemini}.
 *
 * <p>Streams with {@code POST {base}/v1beta/models/{model}:streamGenerateContent?alt=sse}, the key from
 * {@code GEMINI_API_KEY} in the {@code x-goog-api-key} header (never in the URL). The body is a
 * {@code GenerateContentRequest}: system messages become {@code systemInstruction}, assistant turns
 * {@code role: model}, tool results {@code functionResponse} parts; seed, top-k, the penalties and the response
 * format go to {@code generationConfig}; and the {@link ChatRequest#options() options} addressed to the provider's
 * id or to the {@code gemini} family are merged into the body's top level last (maps merge into the generated
 * objects, e.g. {@code generationConfig}).
 *
 * <p>The decoder also reads the non-SSE shape (the same endpoint without {@code alt=sse}, a streamed JSON array)
 * when its elements are framed as events. Gemini has no end-of-stream marker: a stream ends properly when a finish
 * reason was seen. STOP with a function call is reported as TOOL_CALLS. Usage: input is the prompt count, output is
 * candidates plus thoughts tokens (so input + output is Google's total), reasoning is the thoughts count.
 *
 * <p>The constructor does no I/O; one instance serves every stream.
 *
 * @since 0.1
 */
public final class GeminiProvider implements StreamingProvider {

  /** The provider id. */
  public static final String ID = "gemini";
  /** The environment variable holding the API key. */
  public static final String API_KEY_ENV = "GEMINI_API_KEY";

  private static final ProviderInfo INFO = ProviderInfo.builder(ID, "Google Gemini")
      .family("gemini")
      .defaultBaseUrl(GeminiEndpoints.GOOGLE_AI_BASE)
      .apiKeyEnv(API_KEY_ENV)
      .framing(Framing.SSE)
      .capabilities(Capability.TEXT, Capability.TOOLS, Capability.REASONING, Capability.USAGE_IN_STREAM,
          Capability.IMAGES, Capability.SYSTEM_PROMPT, Capability.FINISH_REASON, Capability.STRUCTURED_OUTPUT)
      .models(GeminiModels.ROWS)
      .build();

  private final GeminiRequestEncoder encoder = new GeminiRequestEncoder(ID);

  /** Creates the provider; does no I/O. */
  public GeminiProvider() {}

  @Override
  public ProviderInfo info() {
    return INFO;
  }

  @Override
  public HttpCall prepare(ChatRequest request, ProviderSettings settings) {
    Secret key = settings.requireKey(API_KEY_ENV);
    byte[] body = encoder.encode(request);
    return HttpCall.post(GeminiEndpoints.googleAi(ID, settings.baseUrl(), request.model()),
        GeminiEndpoints.headers(settings, "x-goog-api-key", key.reveal()), body);
  }

  @Override
  public StreamDecoder newDecoder(ChatRequest request) {
    return new GeminiStreamDecoder(ID, request.model());
  }

  /**
   * Reads Google's {@code {"error": {code, message, status, details}}}: the status (RESOURCE_EXHAUSTED,
   * UNAVAILABLE, INVALID_ARGUMENT...) gives the kind, an {@code API_KEY_INVALID} reason is AUTHENTICATION, a token
   * limit message is CONTEXT_LENGTH_EXCEEDED, and {@code RetryInfo.retryDelay} the retry delay.
   */
  @Override
  public ProviderError classifyError(int status, Map<String, String> headers, byte[] body) {
    return GeminiErrors.classify(status, headers, body);
  }

  @Override
  public String toString() {
    return "GeminiProvider[" + ID + "]";
  }
}
