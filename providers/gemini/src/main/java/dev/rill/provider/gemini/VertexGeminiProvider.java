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
 * Gemini on Google Cloud Vertex AI: provider id {@code vertex}. Same request body and stream as
 * {@link GeminiProvider}, another endpoint and credential.
 *
 * <p>Streams with {@code POST {base}/v1/projects/{project}/locations/{region}/publishers/google/models/{model}
 * :streamGenerateContent?alt=sse}. Provider options: {@code project} (required; its absence is
 * {@link dev.rill.api.ErrorKind#INVALID_REQUEST}) and {@code region} (default {@code us-central1}; the base URL is
 * {@code https://{region}-aiplatform.googleapis.com}, or {@code https://aiplatform.googleapis.com} for
 * {@code global}, unless the settings override the base URL).
 *
 * <p>The credential is an OAuth 2.0 <em>access token</em>, not an API key, sent as
 * {@code Authorization: Bearer <token>}. Give the client a {@link dev.rill.api.CredentialSource} that mints them,
 * such as {@code GoogleCredentialSource.applicationDefault()} of the {@code rill-google-credentials} module, and the
 * runtime refreshes the token before it expires; or set a fixed token in {@code GOOGLE_CLOUD_ACCESS_TOKEN} (for
 * example from {@code gcloud auth print-access-token}), which expires after about an hour and then gives
 * {@link dev.rill.api.ErrorKind#AUTHENTICATION}.
 *
 * <p>Vertex's streamed function-call arguments ({@code partialArgs}, with {@code streamFunctionCallArguments}
 * set through the options) are decoded into argument deltas.
 *
 * @since 0.1
 */
public final class VertexGeminiProvider implements StreamingProvider {

  /** The provider id. */
  public static final String ID = "vertex";
  /** The environment variable holding the OAuth access token. */
  public static final String ACCESS_TOKEN_ENV = "GOOGLE_CLOUD_ACCESS_TOKEN";

  private static final ProviderInfo INFO = ProviderInfo.builder(ID, "Vertex AI Gemini")
      .family("gemini")
      .defaultBaseUrl(GeminiEndpoints.VERTEX_BASE)
      .apiKeyEnv(ACCESS_TOKEN_ENV)
      .framing(Framing.SSE)
      .capabilities(Capability.TEXT, Capability.TOOLS, Capability.REASONING, Capability.USAGE_IN_STREAM,
          Capability.IMAGES, Capability.SYSTEM_PROMPT, Capability.FINISH_REASON, Capability.STRUCTURED_OUTPUT)
      .models(GeminiModels.ROWS)
      .build();

  private final GeminiRequestEncoder encoder = new GeminiRequestEncoder(ID);

  /** Creates the provider; does no I/O. */
  public VertexGeminiProvider() {}

  @Override
  public ProviderInfo info() {
    return INFO;
  }

  @Override
  public HttpCall prepare(ChatRequest request, ProviderSettings settings) {
    var uri = GeminiEndpoints.vertex(ID, settings, request.model());
    Secret token = settings.requireKey(ACCESS_TOKEN_ENV);
    byte[] body = encoder.encode(request);
    return HttpCall.post(uri, GeminiEndpoints.headers(settings, "Authorization", "Bearer " + token.reveal()), body);
  }

  @Override
  public StreamDecoder newDecoder(ChatRequest request) {
    return new GeminiStreamDecoder(ID, request.model());
  }

  /** As {@link GeminiProvider#classifyError}: Vertex sends the same error object. */
  @Override
  public ProviderError classifyError(int status, Map<String, String> headers, byte[] body) {
    return GeminiErrors.classify(status, headers, body);
  }

  @Override
  public String toString() {
    return "VertexGeminiProvider[" + ID + "]";
  }
}
