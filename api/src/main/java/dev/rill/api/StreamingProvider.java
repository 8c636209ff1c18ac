package dev.rill.api;

import java.util.Map;

/**
 * A provider plugin: the pure, stateless pieces that turn one provider's wire protocol into Rill's
 * normalised {@link StreamChunk}s.
 *
 * <p>A plugin is three functions and a description. {@link #prepare} encodes a {@link ChatRequest} into
 * an {@link HttpCall}; {@link #newDecoder} returns a fresh, stateful decoder for one response stream;
 * {@link #classifyError} maps a non-2xx response to an {@link ErrorKind}. The plugin never sees threads,
 * sockets, timeouts or back-pressure: the runtime owns those. Because the pieces are pure, the same bytes
 * split any way must give the same chunks, which the conformance kit checks.
 *
 * <p>Implementations are discovered with {@link java.util.ServiceLoader}: declare the class in
 * {@code META-INF/services/dev.rill.api.StreamingProvider} and, on the module path, with
 * {@code provides dev.rill.api.StreamingProvider with ...}. The class needs a public no-argument
 * constructor that does no I/O, starts no threads and reads no configuration. Instances must be
 * thread-safe: one instance serves every concurrent stream.
 *
 * <pre>{@code
 * public final class AcmeProvider implements StreamingProvider {
 *   public ProviderInfo info() { return ProviderInfo.builder("acme", "Acme AI")
 *       .defaultBaseUrl("https://api.acme.example/v1").apiKeyEnv("ACME_API_KEY").framing(Framing.SSE).build(); }
 *   public HttpCall prepare(ChatRequest r, ProviderSettings s) { ... }
 *   public StreamDecoder newDecoder(ChatRequest r) { return new AcmeDecoder(); }
 * }
 * }</pre>
 *
 * @since 0.1
 */
public interface StreamingProvider {

  /**
   * The SPI version this API defines; a plugin built against it reports it in {@link ProviderInfo#spiVersion()}.
   * Version 2: {@link ChatRequest#options()} is a {@link ProviderOptions} (each option addressed to a provider id
   * or a wire family; read yours with {@link ProviderOptions#fieldsFor(ProviderInfo)}), and the request carries
   * typed sampling settings and a {@link ResponseFormat}; and
   * {@link ProviderSettings#credential()} carries a {@link Credential} fetched from a {@link CredentialSource} and
   * refreshed by the runtime.
   */
  int SPI_VERSION = 2;

  /** Describes this provider. Cheap and constant: the runtime calls it during discovery. */
  ProviderInfo info();

  /**
   * Encodes a request into the HTTP call that starts a streaming response.
   *
   * @param request the request; its {@link ChatRequest#model() model} is the bare model name
   * @param settings base URL, credentials and options resolved by the runtime
   * @throws RillException of kind {@link ErrorKind#INVALID_REQUEST} for a request this provider cannot express,
   *     including a typed setting or a {@link ResponseFormat} its wire family has no field for (name the provider
   *     and the setting)
   */
  HttpCall prepare(ChatRequest request, ProviderSettings settings);

  /** Returns a new decoder for one response stream. Called once per stream; the decoder is confined to it. */
  StreamDecoder newDecoder(ChatRequest request);

  /**
   * Classifies an error response (a non-2xx status, or a 2xx with the wrong content type). The default
   * maps a redirect through {@link ProviderError#redirect} and any other status through
   * {@link ProviderError#fromStatus(int, String)}; plugins override it to read their own error body and recognise
   * finer kinds such as {@link ErrorKind#CONTEXT_LENGTH_EXCEEDED}, and answer a 3xx with
   * {@link ProviderError#redirect} too, so that every plugin says the same about a redirect.
   *
   * @param status the HTTP status code
   * @param headers response headers, names in lower case, repeated values joined with {@code ", "}
   * @param body the response body, possibly truncated to a cap by the runtime
   */
  default ProviderError classifyError(int status, Map<String, String> headers, byte[] body) {
    if (ProviderError.isRedirect(status)) {
      return ProviderError.redirect(status, headers);
    }
    return ProviderError.fromStatus(status, new String(body, java.nio.charset.StandardCharsets.UTF_8));
  }
}
