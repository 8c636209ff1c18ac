package dev.rill.provider.anthropic;

import dev.rill.api.Capability;
import dev.rill.api.ChatRequest;
import dev.rill.api.ErrorKind;
import dev.rill.api.Framing;
import dev.rill.api.HttpCall;
import dev.rill.api.ProviderError;
import dev.rill.api.ProviderInfo;
import dev.rill.api.ProviderSettings;
import dev.rill.api.RillException;
import dev.rill.api.StreamDecoder;
import dev.rill.api.StreamingProvider;
import dev.rill.provider.anthropic.internal.ClaudeModels;
import dev.rill.provider.anthropic.internal.Endpoints;
import dev.rill.provider.anthropic.internal.MessagesErrorClassifier;
import dev.rill.provider.anthropic.internal.MessagesRequestEncoder;
import dev.rill.provider.anthropic.internal.MessagesStreamDecoder;
import java.net.URI;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Claude on Google Cloud Vertex AI: the Anthropic Messages protocol served by Vertex's {@code streamRawPredict}.
 * Provider id {@code vertex-anthropic}, wire family {@code anthropic-messages}.
 *
 * <p>Settings options:
 * <ul>
 *   <li>{@code project} (required): the Google Cloud project id; without it {@link #prepare} fails with
 *       {@link ErrorKind#INVALID_REQUEST} naming the option;
 *   <li>{@code region} (default {@value #DEFAULT_REGION}): the Vertex AI region; {@code global} uses the global
 *       endpoint.
 * </ul>
 *
 * <p>The request goes to {@code https://<region>-aiplatform.googleapis.com/v1/projects/<project>/locations/<region>/
 * publishers/anthropic/models/<model>:streamRawPredict}. When the settings override the base URL (a proxy, a test
 * server), that base replaces the regional host and the path stays the same. The body is Anthropic's, without
 * {@code model} (it is in the URL) and with {@code anthropic_version: "vertex-2023-10-16"}.
 *
 * <p>The credential is a Google OAuth 2.0 <em>access token</em>, not an API key: for example the output of
 * {@code gcloud auth print-access-token}, put in {@code GOOGLE_CLOUD_ACCESS_TOKEN} (or the system property
 * {@code rill.provider.vertex-anthropic.api-key}). It is sent as {@code Authorization: Bearer <token>}. Such tokens
 * expire (usually after an hour): for refreshed tokens give the client a {@link dev.rill.api.CredentialSource} such as
 * {@code GoogleCredentialSource.applicationDefault()} of the {@code rill-google-credentials} module.
 *
 * <p>Streaming, finish reasons, usage and errors are as for {@link AnthropicProvider}; Vertex's own error bodies
 * ({@code {"error":{"status":"RESOURCE_EXHAUSTED",...}}}) are classified too. Stateless and thread-safe.
 *
 * @since 0.1
 */
public final class VertexAnthropicProvider implements StreamingProvider {

  /** The provider id. */
  public static final String ID = "vertex-anthropic";
  /** The environment variable holding the OAuth access token. */
  public static final String ACCESS_TOKEN_ENV = "GOOGLE_CLOUD_ACCESS_TOKEN";
  /** The region used when the option {@code region} is not set. */
  public static final String DEFAULT_REGION = "us-east5";

  private static final ProviderInfo INFO = ProviderInfo.builder(ID, "Claude on Vertex AI")
      .family("anthropic-messages")
      .defaultBaseUrl("https://" + DEFAULT_REGION + "-aiplatform.googleapis.com")
      .apiKeyEnv(ACCESS_TOKEN_ENV)
      .framing(Framing.SSE)
      .capabilities(Capability.TEXT, Capability.TOOLS, Capability.REASONING, Capability.USAGE_IN_STREAM,
          Capability.IMAGES, Capability.SYSTEM_PROMPT, Capability.FINISH_REASON)
      .models(ClaudeModels.ROWS)
      .build();

  private static final MessagesRequestEncoder ENCODER =
      new MessagesRequestEncoder(ID, MessagesRequestEncoder.BodyStyle.VERTEX);
  private static final MessagesErrorClassifier CLASSIFIER = new MessagesErrorClassifier(Clock.systemUTC());

  /** Creates the provider; no I/O. */
  public VertexAnthropicProvider() {}

  @Override
  public ProviderInfo info() {
    return INFO;
  }

  @Override
  public HttpCall prepare(ChatRequest request, ProviderSettings settings) {
    String project = settings.option("project").map(String::strip).filter(p -> !p.isEmpty())
        .orElseThrow(() -> RillException.builder(ErrorKind.INVALID_REQUEST).provider(ID).model(request.model())
            .message("provider '" + ID + "' needs the option 'project' (the Google Cloud project id that has Claude "
                + "enabled on Vertex AI)")
            .build());
    String region = settings.option("region").map(String::strip).filter(r -> !r.isEmpty()).orElse(DEFAULT_REGION);
    URI base = settings.baseUrl();
    if (base.equals(INFO.defaultBaseUrl())) {
      base = Endpoints.vertexBase(ID, region);
    } else {
      Endpoints.vertexBase(ID, region); // validates the region, which is also in the path
    }
    String token = settings.requireKey(ACCESS_TOKEN_ENV).reveal();
    byte[] body = ENCODER.encode(request);
    Map<String, String> fixed = new LinkedHashMap<>();
    fixed.put("authorization", "Bearer " + token);
    fixed.put("content-type", "application/json");
    fixed.put("accept", "text/event-stream");
    URI uri = Endpoints.vertexStreamRawPredict(base, project, region, request.model());
    return HttpCall.post(uri, Endpoints.headers(fixed, settings), body);
  }

  @Override
  public StreamDecoder newDecoder(ChatRequest request) {
    return new MessagesStreamDecoder(ID, request.model());
  }

  @Override
  public ProviderError classifyError(int status, Map<String, String> headers, byte[] body) {
    return CLASSIFIER.classify(status, headers, body);
  }
}
