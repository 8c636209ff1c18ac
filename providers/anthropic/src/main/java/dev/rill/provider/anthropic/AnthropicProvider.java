package dev.rill.provider.anthropic;

import dev.rill.api.Capability;
import dev.rill.api.ChatRequest;
import dev.rill.api.Framing;
import dev.rill.api.HttpCall;
import dev.rill.api.ProviderError;
import dev.rill.api.ProviderInfo;
import dev.rill.api.ProviderSettings;
import dev.rill.api.StreamDecoder;
import dev.rill.api.StreamingProvider;
import dev.rill.provider.anthropic.internal.ClaudeModels;
import dev.rill.provider.anthropic.internal.Endpoints;
import dev.rill.provider.anthropic.internal.MessagesErrorClassifier;
import dev.rill.provider.anthropic.internal.MessagesRequestEncoder;
import dev.rill.provider.anthropic.internal.MessagesStreamDecoder;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Claude through Anthropic's Messages API ({@code POST https://api.anthropic.com/v1/messages}, streamed as
 * server-sent events). Provider id {@code anthropic}, wire family {@code anthropic-messages}; the key is read from
 * {@code ANTHROPIC_API_KEY} and sent as {@code x-api-key}, with {@code anthropic-version: 2023-06-01}.
 *
 * <p>Anthropic requires {@code max_tokens}: a request without {@link ChatRequest#maxTokens()} is sent with 4096
 * (plus the thinking budget when extended thinking is on). A reasoning effort becomes a thinking budget:
 * {@code low} 1024, {@code medium} 4096, {@code high} 16384 tokens. Extra headers from the settings (such as
 * {@code anthropic-beta}) are added, and replace the defaults of the same name. Top-k, parallel tool calls and a
 * JSON-schema response format ({@code output_config.format}) are sent; a seed, the penalties and JSON without a
 * schema have no field and are refused. Every {@link ChatRequest#options() option} addressed to the provider's id
 * or to {@code anthropic-messages} is merged into the body as given.
 *
 * <p>Finish reasons: {@code end_turn} and {@code stop_sequence} are STOP, {@code max_tokens} and
 * {@code model_context_window_exceeded} LENGTH, {@code tool_use} TOOL_CALLS, {@code refusal} CONTENT_FILTER, anything
 * else (such as {@code pause_turn}) OTHER. A stream is complete only with {@code message_stop}; a body that ends
 * before it is TRUNCATED. Usage input tokens include prompt-cache reads and writes, which are also reported apart.
 *
 * <p>Stateless and thread-safe; the constructor does nothing.
 *
 * @since 0.1
 */
public final class AnthropicProvider implements StreamingProvider {

  /** The provider id. */
  public static final String ID = "anthropic";
  /** The environment variable holding the API key. */
  public static final String API_KEY_ENV = "ANTHROPIC_API_KEY";
  /** The {@code anthropic-version} header sent. */
  public static final String API_VERSION = "2023-06-01";

  private static final ProviderInfo INFO = ProviderInfo.builder(ID, "Anthropic")
      .family("anthropic-messages")
      .defaultBaseUrl("https://api.anthropic.com")
      .apiKeyEnv(API_KEY_ENV)
      .framing(Framing.SSE)
      .capabilities(Capability.TEXT, Capability.TOOLS, Capability.REASONING, Capability.STRUCTURED_OUTPUT,
          Capability.USAGE_IN_STREAM,
          Capability.IMAGES, Capability.SYSTEM_PROMPT, Capability.FINISH_REASON)
      .models(ClaudeModels.ROWS)
      .build();

  private static final MessagesRequestEncoder ENCODER =
      new MessagesRequestEncoder(ID, MessagesRequestEncoder.BodyStyle.ANTHROPIC);
  private static final MessagesErrorClassifier CLASSIFIER = new MessagesErrorClassifier(Clock.systemUTC());

  /** Creates the provider; no I/O. */
  public AnthropicProvider() {}

  @Override
  public ProviderInfo info() {
    return INFO;
  }

  @Override
  public HttpCall prepare(ChatRequest request, ProviderSettings settings) {
    String key = settings.requireKey(API_KEY_ENV).reveal();
    byte[] body = ENCODER.encode(request);
    Map<String, String> fixed = new LinkedHashMap<>();
    fixed.put("x-api-key", key);
    fixed.put("anthropic-version", API_VERSION);
    fixed.put("content-type", "application/json");
    fixed.put("accept", "text/event-stream");
    return HttpCall.post(Endpoints.messages(settings.baseUrl()), Endpoints.headers(fixed, settings), body);
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
