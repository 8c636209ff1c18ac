package dev.rill.provider.openai.internal;

import static dev.rill.api.Capability.FINISH_REASON;
import static dev.rill.api.Capability.IMAGES;
import static dev.rill.api.Capability.MULTIPLE_CHOICES;
import static dev.rill.api.Capability.REASONING;
import static dev.rill.api.Capability.SYSTEM_PROMPT;
import static dev.rill.api.Capability.TEXT;
import static dev.rill.api.Capability.TOOLS;
import static dev.rill.api.Capability.USAGE_IN_STREAM;
import static dev.rill.provider.openai.internal.Dialect.MAX_COMPLETION_TOKENS;
import static dev.rill.provider.openai.internal.Dialect.MAX_TOKENS;

import java.util.List;
import java.util.Set;

/**
 * The catalogue of OpenAI-compatible servers, as data: one {@link CompatibleEndpoint} per row. Each base URL is the
 * one the provider documents for its OpenAI-compatible chat-completions endpoint; {@code /chat/completions} is
 * appended to it. Adding a server is adding a row (and a test row in {@code CompatibleCatalogueTest}).
 */
public final class CompatibleCatalogue {

  /** Every row, in display order. Ids are unique. */
  public static final List<CompatibleEndpoint> ENDPOINTS = List.of(
      new CompatibleEndpoint("openai-compatible", "OpenAI-compatible server", "http://localhost:8000/v1", null,
          new Dialect(false, MAX_TOKENS, true),
          Set.of(TEXT, TOOLS, REASONING, USAGE_IN_STREAM, SYSTEM_PROMPT, FINISH_REASON),
          "Any local server with an OpenAI chat-completions endpoint: vLLM (default port 8000), LM Studio "
              + "(http://localhost:1234/v1), llama.cpp llama-server (http://localhost:8080/v1); override the base "
              + "URL in the settings. No key required: a configured key is sent as a Bearer token (vLLM --api-key)."
              + " max_tokens, which all three read. Reasoning arrives as reasoning_content or reasoning."),
      new CompatibleEndpoint("groq", "Groq", "https://api.groq.com/openai/v1", "GROQ_API_KEY",
          new Dialect(true, MAX_COMPLETION_TOKENS, true),
          Set.of(TEXT, TOOLS, REASONING, USAGE_IN_STREAM, IMAGES, SYSTEM_PROMPT, FINISH_REASON),
          "console.groq.com/docs/openai. max_completion_tokens (max_tokens is deprecated there). Reasoning "
              + "models stream delta.reasoning; usage also in x_groq.usage; mid-stream failures are "
              + "'event: error' without [DONE]. n must be 1."),
      new CompatibleEndpoint("deepseek", "DeepSeek", "https://api.deepseek.com", "DEEPSEEK_API_KEY",
          new Dialect(true, MAX_TOKENS, true),
          Set.of(TEXT, TOOLS, REASONING, USAGE_IN_STREAM, SYSTEM_PROMPT, FINISH_REASON),
          "api-docs.deepseek.com: base_url https://api.deepseek.com (https://api.deepseek.com/v1 also works; the "
              + "v1 is not a model version). deepseek-reasoner streams delta.reasoning_content; usage carries "
              + "prompt_cache_hit_tokens. No image input."),
      new CompatibleEndpoint("mistral", "Mistral AI", "https://api.mistral.ai/v1", "MISTRAL_API_KEY",
          new Dialect(true, MAX_TOKENS, false),
          Set.of(TEXT, TOOLS, REASONING, USAGE_IN_STREAM, IMAGES, SYSTEM_PROMPT, FINISH_REASON),
          "docs.mistral.ai API /v1/chat/completions. Usage is always on the final chunk, so stream_options is not "
              + "sent. Magistral sends delta.content as an array of text/thinking parts; tool calls arrive whole, "
              + "without an index."),
      new CompatibleEndpoint("openrouter", "OpenRouter", "https://openrouter.ai/api/v1", "OPENROUTER_API_KEY",
          new Dialect(true, MAX_TOKENS, false),
          Set.of(TEXT, TOOLS, REASONING, USAGE_IN_STREAM, IMAGES, SYSTEM_PROMPT, FINISH_REASON),
          "openrouter.ai/docs. Usage is always included (stream_options.include_usage is deprecated and has no "
              + "effect). Sends ': OPENROUTER PROCESSING' comments, delta.reasoning, and may put a top-level error "
              + "in a chunk under HTTP 200. Optional HTTP-Referer / X-Title headers go in the settings' headers."),
      new CompatibleEndpoint("xai", "xAI", "https://api.x.ai/v1", "XAI_API_KEY",
          new Dialect(true, MAX_COMPLETION_TOKENS, true),
          Set.of(TEXT, TOOLS, REASONING, USAGE_IN_STREAM, IMAGES, SYSTEM_PROMPT, FINISH_REASON),
          "docs.x.ai chat completions. grok-3-mini streams delta.reasoning_content; grok-4 reasoning is hidden "
              + "(reasoning_tokens only). The Responses API (/v1/responses) is a different protocol, not this one."),
      new CompatibleEndpoint("ollama-openai", "Ollama (OpenAI-compatible API)", "http://localhost:11434/v1", null,
          new Dialect(false, MAX_TOKENS, true),
          Set.of(TEXT, TOOLS, REASONING, USAGE_IN_STREAM, IMAGES, SYSTEM_PROMPT, FINISH_REASON),
          "docs.ollama.com/api/openai-compatibility. No key (any configured key is sent and ignored). Thinking "
              + "models stream delta.reasoning. The native /api/chat NDJSON protocol is the ollama plugin's."));

  /** The capabilities of OpenAI itself. */
  public static final Set<dev.rill.api.Capability> OPENAI_CAPABILITIES =
      Set.of(TEXT, TOOLS, REASONING, USAGE_IN_STREAM, IMAGES, SYSTEM_PROMPT, FINISH_REASON, MULTIPLE_CHOICES);

  private CompatibleCatalogue() {}
}
