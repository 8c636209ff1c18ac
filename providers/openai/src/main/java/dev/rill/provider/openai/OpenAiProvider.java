package dev.rill.provider.openai;

import dev.rill.api.Capability;
import dev.rill.api.ChatRequest;
import dev.rill.api.Framing;
import dev.rill.api.HttpCall;
import dev.rill.api.ProviderError;
import dev.rill.api.ProviderInfo;
import dev.rill.api.ProviderSettings;
import dev.rill.api.StreamDecoder;
import dev.rill.api.StreamingProvider;
import dev.rill.provider.openai.internal.ChatChunkDecoder;
import dev.rill.provider.openai.internal.ChatCompletions;
import dev.rill.provider.openai.internal.ChatRequestEncoder;
import dev.rill.provider.openai.internal.CompatibleCatalogue;
import dev.rill.provider.openai.internal.Dialect;
import dev.rill.provider.openai.internal.OpenAiErrors;
import java.util.Map;
import java.util.Objects;

/**
 * The OpenAI chat-completions provider: {@code POST {base}/chat/completions} with {@code "stream": true}, answered
 * with server-sent events that end with {@code data: [DONE]}.
 *
 * <p>The public no-argument constructor gives OpenAI itself (id {@code openai}, base
 * {@code https://api.openai.com/v1}, key from {@code OPENAI_API_KEY}). The same class, given another
 * {@link ProviderInfo} and request dialect, serves every OpenAI-compatible server; {@link OpenAiCompatibleProviders}
 * contributes those (Groq, DeepSeek, Mistral, OpenRouter, xAI, Ollama, local vLLM / LM Studio / llama.cpp).
 *
 * <p>Requests: the output limit goes out as {@code max_completion_tokens} for OpenAI (the only name its o-series
 * reasoning models accept) and as {@code max_tokens} for compatible servers that read only that; usage is requested
 * with {@code stream_options.include_usage}; seed, penalties, parallel tool calls and the response format go to their
 * chat-completions fields ({@code top_k} does not exist here and is refused); the {@link ChatRequest#options()
 * options} addressed to the provider's id or to {@code openai-chat} are merged into the body last and win over the
 * fields Rill would write. The base URL may end with or without a slash. A plain-{@code http} base URL is
 * accepted for any host, not only loopback: that is how local and in-cluster servers are reached, but on a
 * non-loopback host the key crosses the network unencrypted, so point it at https unless the network is trusted.
 *
 * <p>Responses: text, refusals, reasoning ({@code reasoning_content} from DeepSeek and xAI, {@code reasoning} from
 * Groq, OpenRouter and Ollama, Mistral's thinking parts), streamed tool calls, several choices, finish reasons and
 * usage (also Groq's {@code x_groq.usage}). An {@code {"error": ...}} object inside the stream ends it with a
 * {@link dev.rill.api.RillException} whose kind follows the error's code, type or status. A body that ends without
 * {@code [DONE]} is reported as truncated.
 *
 * <p>Instances are immutable and thread-safe; the constructor does no I/O.
 *
 * @since 0.1
 */
public final class OpenAiProvider implements StreamingProvider {

  private static final ProviderInfo OPENAI = ProviderInfo.builder("openai", "OpenAI")
      .family(ChatCompletions.FAMILY)
      .defaultBaseUrl("https://api.openai.com/v1")
      .apiKeyEnv("OPENAI_API_KEY")
      .framing(Framing.SSE)
      .capabilities(CompatibleCatalogue.OPENAI_CAPABILITIES)
      .models(CompatibleCatalogue.OPENAI_MODELS)
      .build();

  private final ProviderInfo info;
  private final ChatRequestEncoder encoder;

  /** OpenAI itself. */
  public OpenAiProvider() {
    this(OPENAI, Dialect.OPENAI);
  }

  /** Another server that speaks OpenAI chat completions, as the catalogue describes it. */
  OpenAiProvider(ProviderInfo info, Dialect dialect) {
    this.info = Objects.requireNonNull(info, "info");
    if (info.framing() != Framing.SSE) {
      throw new IllegalArgumentException(info.id() + ": chat completions stream as SSE, not " + info.framing());
    }
    this.encoder = new ChatRequestEncoder(info, Objects.requireNonNull(dialect, "dialect"));
  }

  @Override
  public ProviderInfo info() {
    return info;
  }

  @Override
  public HttpCall prepare(ChatRequest request, ProviderSettings settings) {
    return encoder.encode(request, settings);
  }

  @Override
  public StreamDecoder newDecoder(ChatRequest request) {
    return new ChatChunkDecoder(info.id(), request == null ? null : request.model());
  }

  @Override
  public ProviderError classifyError(int status, Map<String, String> headers, byte[] body) {
    return OpenAiErrors.classify(status, headers, body);
  }

  @Override
  public String toString() {
    return "OpenAiProvider[" + info.id() + " " + info.defaultBaseUrl() + "]";
  }
}
