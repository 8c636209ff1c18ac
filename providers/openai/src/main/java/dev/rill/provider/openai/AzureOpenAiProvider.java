package dev.rill.provider.openai;

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
import dev.rill.provider.openai.internal.AzureEndpoint;
import dev.rill.provider.openai.internal.ChatChunkDecoder;
import dev.rill.provider.openai.internal.ChatCompletions;
import dev.rill.provider.openai.internal.ChatRequestEncoder;
import dev.rill.provider.openai.internal.CompatibleCatalogue;
import dev.rill.provider.openai.internal.Dialect;
import dev.rill.provider.openai.internal.OpenAiErrors;
import dev.rill.api.Credential;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Azure OpenAI chat completions: OpenAI's protocol served from an Azure resource. Provider id
 * {@code azure-openai}, wire family {@code openai-chat}; the model in a request is the <em>deployment name</em>.
 *
 * <p>Settings options:
 * <ul>
 *   <li>{@code resource}: the Azure OpenAI resource name; the request goes to
 *       {@code https://<resource>.openai.azure.com/openai/...}. Required unless the base URL is overridden (then the
 *       base URL is used, with {@code /openai} appended unless it already ends with it);
 *   <li>{@code api-version} (default {@value AzureEndpoint#DEFAULT_API_VERSION}, the current GA version of the
 *       dated API): a dated version sends {@code POST .../openai/deployments/<deployment>/chat/completions
 *       ?api-version=<version>}; {@code v1} uses the newer v1 API, {@code POST .../openai/v1/chat/completions} with
 *       no version parameter, and {@code preview} the same with {@code ?api-version=preview};
 *   <li>{@code auth} (default {@code api-key}, or {@code bearer} when the credential is a
 *       {@link Credential.BearerToken}): {@code api-key} sends the key as {@code api-key: <key>}; {@code bearer} sends
 *       it as {@code Authorization: Bearer <token>}, for a Microsoft Entra ID access token (refreshed by a
 *       {@link dev.rill.api.CredentialSource} such as {@code rill-azure-identity}'s).
 * </ul>
 *
 * <p>The key comes from {@code AZURE_OPENAI_API_KEY}. The body is OpenAI's and keeps {@code model} (Azure ignores it
 * on deployment URLs; the v1 API requires it). Dated versions get {@code max_tokens}, the only limit field the GA
 * 2024-10-21 specification defines; v1 gets {@code max_completion_tokens}. Usage is requested with
 * {@code stream_options}, which both accept.
 *
 * <p>Responses: Azure's first chunk usually carries only {@code prompt_filter_results} with empty
 * {@code choices} and is ignored, as are {@code content_filter_results} on later chunks; a choice that finishes with
 * {@code content_filter} ends with {@link dev.rill.api.FinishReason.Kind#CONTENT_FILTER}; an HTTP 400 whose error
 * code is {@code content_filter} (the prompt was filtered) is {@link ErrorKind#CONTENT_FILTERED}. Stateless and
 * thread-safe; the constructor does no I/O.
 *
 * @since 0.1
 */
public final class AzureOpenAiProvider implements StreamingProvider {

  /** The provider id. */
  public static final String ID = "azure-openai";
  /** The environment variable holding the key. */
  public static final String API_KEY_ENV = "AZURE_OPENAI_API_KEY";

  private static final ProviderInfo INFO = ProviderInfo.builder(ID, "Azure OpenAI")
      .family(ChatCompletions.FAMILY)
      .defaultBaseUrl("https://your-resource.openai.azure.com")
      .apiKeyEnv(API_KEY_ENV)
      .framing(Framing.SSE)
      .capabilities(CompatibleCatalogue.OPENAI_CAPABILITIES)
      .models(CompatibleCatalogue.OPENAI_MODELS)
      .build();

  private static final ChatRequestEncoder DATED =
      new ChatRequestEncoder(INFO, new Dialect(true, Dialect.MAX_TOKENS, true));
  private static final ChatRequestEncoder V1 =
      new ChatRequestEncoder(INFO, new Dialect(true, Dialect.MAX_COMPLETION_TOKENS, true));
  private static final AzureEndpoint ENDPOINT = new AzureEndpoint(ID, INFO.defaultBaseUrl());

  /** Creates the provider; no I/O. */
  public AzureOpenAiProvider() {}

  @Override
  public ProviderInfo info() {
    return INFO;
  }

  @Override
  public HttpCall prepare(ChatRequest request, ProviderSettings settings) {
    String version = ENDPOINT.apiVersion(settings, request.model());
    ChatRequestEncoder encoder = AzureEndpoint.isV1(version) ? V1 : DATED;
    String auth = settings.option("auth").map(a -> a.strip().toLowerCase(Locale.ROOT))
        .orElse(settings.credential() instanceof Credential.BearerToken ? "bearer" : "api-key");
    if (!auth.equals("api-key") && !auth.equals("bearer")) {
      throw RillException.builder(ErrorKind.INVALID_REQUEST).provider(ID).model(request.model())
          .message("option 'auth' must be api-key or bearer: '" + auth + "'").build();
    }
    var uri = ENDPOINT.uri(settings, request.model(), version);
    byte[] body = encoder.body(request);
    String key = settings.requireKey(API_KEY_ENV).reveal();
    Map<String, String> credentials = new LinkedHashMap<>();
    if (auth.equals("bearer")) {
      credentials.put("Authorization", "Bearer " + key);
    } else {
      credentials.put("api-key", key);
    }
    return encoder.call(uri, credentials, settings, body);
  }

  @Override
  public StreamDecoder newDecoder(ChatRequest request) {
    return new ChatChunkDecoder(ID, request == null ? null : request.model());
  }

  @Override
  public ProviderError classifyError(int status, Map<String, String> headers, byte[] body) {
    return OpenAiErrors.classify(status, headers, body);
  }

  @Override
  public String toString() {
    return "AzureOpenAiProvider[" + ID + "]";
  }
}
