package dev.acme.rill;

import dev.acme.rill.internal.AcmeDecoder;
import dev.acme.rill.internal.AcmeErrors;
import dev.acme.rill.internal.AcmeRequests;
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
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Acme Chat Stream v1 for Rill: {@code POST {base}/chat/stream} answers with typed NDJSON records (see README.md).
 * Pure functions and a description: no I/O, threads or configuration in the constructor.
 */
public final class AcmeProvider implements StreamingProvider {
  /** The provider id. */
  public static final String ID = "acme";

  private static final ProviderInfo INFO = ProviderInfo.builder(ID, "Acme AI").family("acme-chat-stream")
      .defaultBaseUrl("https://api.acme.example/v1").apiKeyEnv("ACME_API_KEY").framing(Framing.NDJSON)
      .capabilities(Capability.TEXT, Capability.TOOLS, Capability.USAGE_IN_STREAM, Capability.FINISH_REASON,
          Capability.SYSTEM_PROMPT)
      .build();

  /** Creates the provider; no I/O. */
  public AcmeProvider() {}

  @Override
  public ProviderInfo info() {
    return INFO;
  }

  @Override
  public HttpCall prepare(ChatRequest request, ProviderSettings settings) {
    Secret key = settings.requireKey(INFO.apiKeyEnv());
    String base = settings.baseUrl().toString().replaceAll("/+$", "");
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Authorization", "Bearer " + key.reveal());
    headers.put("Content-Type", "application/json");
    headers.put("Accept", INFO.framing().mediaType());
    return HttpCall.post(URI.create(base + "/chat/stream"), headers, AcmeRequests.encode(request));
  }

  @Override
  public StreamDecoder newDecoder(ChatRequest request) {
    return new AcmeDecoder();
  }

  @Override
  public ProviderError classifyError(int status, Map<String, String> headers, byte[] body) {
    if (ProviderError.isRedirect(status)) {
      return ProviderError.redirect(status, headers); // the shared answer: not followed, the base URL is wrong
    }
    return AcmeErrors.classify(status, body);
  }
}
