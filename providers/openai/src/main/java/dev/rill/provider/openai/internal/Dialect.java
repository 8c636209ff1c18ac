package dev.rill.provider.openai.internal;

import java.util.Objects;

/**
 * How one OpenAI-compatible server departs from OpenAI on the request side. The response side needs no flags: the
 * decoder reads every known variant (DeepSeek's {@code reasoning_content}, Groq's {@code x_groq}, Mistral's content
 * arrays...) whoever sends it.
 *
 * @param keyRequired whether {@code prepare} fails without an API key; when false the {@code Authorization} header is
 *     sent only if a key is configured (local servers such as vLLM, LM Studio, llama.cpp, Ollama)
 * @param maxTokensField the body field that carries {@code ChatRequest.maxTokens()}: {@code max_completion_tokens}
 *     (OpenAI's current name, the only one its o-series reasoning models accept) or {@code max_tokens} (what most
 *     compatible servers read)
 * @param streamUsageOption whether to send {@code stream_options: {"include_usage": true}}; off for servers that
 *     reject unknown fields and report usage on their last chunk anyway
 */
public record Dialect(boolean keyRequired, String maxTokensField, boolean streamUsageOption) {

  /** The field name OpenAI uses today. */
  public static final String MAX_COMPLETION_TOKENS = "max_completion_tokens";
  /** The older field name most compatible servers read. */
  public static final String MAX_TOKENS = "max_tokens";

  /** OpenAI itself: key required, {@code max_completion_tokens}, usage requested in the stream. */
  public static final Dialect OPENAI = new Dialect(true, MAX_COMPLETION_TOKENS, true);

  public Dialect {
    Objects.requireNonNull(maxTokensField, "maxTokensField");
    if (!maxTokensField.equals(MAX_COMPLETION_TOKENS) && !maxTokensField.equals(MAX_TOKENS)) {
      throw new IllegalArgumentException("maxTokensField must be max_completion_tokens or max_tokens: "
          + maxTokensField);
    }
  }
}
