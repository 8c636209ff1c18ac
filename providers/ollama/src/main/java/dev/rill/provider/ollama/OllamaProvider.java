package dev.rill.provider.ollama;

import dev.rill.api.Capability;
import dev.rill.api.ChatRequest;
import dev.rill.api.Framing;
import dev.rill.api.HttpCall;
import dev.rill.api.ProviderError;
import dev.rill.api.ProviderInfo;
import dev.rill.api.ProviderSettings;
import dev.rill.api.StreamDecoder;
import dev.rill.api.StreamingProvider;
import dev.rill.provider.ollama.internal.OllamaErrors;
import dev.rill.provider.ollama.internal.OllamaRequestEncoder;
import dev.rill.provider.ollama.internal.OllamaStreamDecoder;
import java.util.Map;

/**
 * The Ollama provider ({@code ollama}): streams {@code POST /api/chat} answers from an Ollama server, by default
 * {@code http://localhost:11434}, as newline-delimited JSON.
 *
 * <p>Ollama needs no API key. When one is configured anyway (an Ollama behind an authenticating proxy), it is sent
 * as {@code Authorization: Bearer}. Images must be inline (bytes or a base64 {@code data:} URL); Ollama has no
 * {@code tool_choice}, so only AUTO and NONE (tools left out) are accepted. Reasoning options turn on
 * {@code think}: the effort string when one is given (gpt-oss accepts low, medium and high), else {@code true}.
 * Request options are merged into the body's top level, so {@code keep_alive} or {@code format} can be set; an
 * {@code options} map is merged into the sampling options.
 *
 * <pre>{@code
 * ChatRequest request = ChatRequest.builder("ollama:llama3.2").user("Why is the sky blue?").build();
 * }</pre>
 *
 * <p>Stateless and thread-safe; the constructor does no I/O.
 */
public final class OllamaProvider implements StreamingProvider {

  /** The provider id. */
  public static final String ID = "ollama";

  private static final ProviderInfo INFO = ProviderInfo.builder(ID, "Ollama")
      .family("ollama")
      .defaultBaseUrl("http://localhost:11434")
      .apiKeyEnv(null)
      .framing(Framing.NDJSON)
      .capabilities(Capability.TEXT, Capability.TOOLS, Capability.REASONING, Capability.USAGE_IN_STREAM,
          Capability.IMAGES, Capability.SYSTEM_PROMPT, Capability.FINISH_REASON, Capability.STRUCTURED_OUTPUT)
      .build();

  private final OllamaRequestEncoder encoder = new OllamaRequestEncoder(ID);

  /** Creates the provider; no I/O. */
  public OllamaProvider() {}

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
    return new OllamaStreamDecoder(ID, request == null ? null : request.model());
  }

  @Override
  public ProviderError classifyError(int status, Map<String, String> headers, byte[] body) {
    return OllamaErrors.classify(status, headers, body, null);
  }
}
