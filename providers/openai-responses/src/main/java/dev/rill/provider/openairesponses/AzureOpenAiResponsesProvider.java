package dev.rill.provider.openairesponses;

import dev.rill.api.ChatRequest;
import dev.rill.api.ErrorKind;
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
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * OpenAI models on Azure through Azure OpenAI's v1 API: {@code POST https://<resource>.openai.azure.com/openai/v1/
 * responses}, the OpenAI Responses protocol. Provider id {@code azure-openai-responses}, wire family
 * {@code openai-responses}; the key is read from {@code AZURE_OPENAI_API_KEY} and sent as {@code api-key: <key>}.
 *
 * <p>Settings options:
 * <ul>
 *   <li>{@code resource}: the Azure OpenAI resource name (the {@code <resource>} of the host). Required while the base
 *       URL is the default {@code https://{resource}.openai.azure.com/openai/v1}, whose placeholder it fills; a base
 *       URL of your own (a proxy, an APIM gateway, a test server) is used as given and needs none, and any
 *       {@code {resource}} left in it is filled the same way.
 *   <li>{@code api-version} (optional): added as the {@code api-version} query parameter. The v1 API is generally
 *       available without one since August 2025 and takes new features without version bumps, so none is sent by
 *       default; resources still on the v1 preview surface may need {@code preview}.
 * </ul>
 *
 * <p>The model named in the request is the <em>deployment</em> name, which the v1 API takes in the body's
 * {@code model} field (there is no {@code /deployments/<name>} segment in v1 paths). Requests and responses are as for
 * {@link OpenAiResponsesProvider}; Azure's content filter can end a response as incomplete with reason
 * {@code content_filter} (CONTENT_FILTER) or refuse it with a {@code content_filter} error code (CONTENT_FILTERED).
 * A Microsoft Entra ID token (a {@link dev.rill.api.Credential.BearerToken}, for instance from
 * {@code rill-azure-identity}) is sent as {@code Authorization: Bearer <token>} instead of the key.
 *
 * <p>Stateless and thread-safe; the constructor does nothing.
 *
 * @since 0.1
 */
public final class AzureOpenAiResponsesProvider implements StreamingProvider {

  /** The provider id. */
  public static final String ID = "azure-openai-responses";
  /** The environment variable holding the API key. */
  public static final String API_KEY_ENV = "AZURE_OPENAI_API_KEY";
  /** The default base URL; {@code {resource}} (percent-encoded in the URI) is filled from the option. */
  public static final String DEFAULT_BASE_URL = "https://" + Endpoints.RESOURCE_PLACEHOLDER
      + ".openai.azure.com/openai/v1";

  private static final ProviderInfo INFO = ProviderInfo.builder(ID, "Azure OpenAI Responses")
      .family(Responses.FAMILY)
      .defaultBaseUrl(DEFAULT_BASE_URL)
      .apiKeyEnv(API_KEY_ENV)
      .framing(Framing.SSE)
      .capabilities(Responses.CAPABILITIES)
      .models(Responses.OPENAI_MODELS)
      .build();

  private static final ResponsesRequestEncoder ENCODER = new ResponsesRequestEncoder(ID, Dialect.AZURE);

  /** Creates the provider; no I/O. */
  public AzureOpenAiResponsesProvider() {}

  @Override
  public ProviderInfo info() {
    return INFO;
  }

  /**
   * {@inheritDoc}
   *
   * @throws dev.rill.api.RillException {@link ErrorKind#INVALID_REQUEST} when the base URL still has the
   *     {@code {resource}} placeholder and the option {@code resource} is missing or not a resource name
   */
  @Override
  public HttpCall prepare(ChatRequest request, ProviderSettings settings) {
    URI base = Endpoints.withResource(ID, settings.baseUrl(), settings.option("resource").orElse(null));
    String key = settings.requireKey(API_KEY_ENV).reveal();
    byte[] body = ENCODER.body(request);
    Map<String, String> query = new LinkedHashMap<>();
    settings.option("api-version").map(String::strip).filter(v -> !v.isEmpty())
        .ifPresent(v -> query.put("api-version", v));
    Map<String, String> fixed = new LinkedHashMap<>();
    if (settings.credential() instanceof dev.rill.api.Credential.BearerToken) {
      fixed.put("Authorization", "Bearer " + key); // a Microsoft Entra ID token
    } else {
      fixed.put("api-key", key);
    }
    fixed.put("Content-Type", "application/json");
    fixed.put("Accept", "text/event-stream");
    return HttpCall.post(Endpoints.responses(ID, base, query), Endpoints.headers(fixed, settings.headers()), body);
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
    return "AzureOpenAiResponsesProvider[" + INFO.defaultBaseUrl() + "]";
  }
}
