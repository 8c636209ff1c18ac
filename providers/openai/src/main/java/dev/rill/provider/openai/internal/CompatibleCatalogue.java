package dev.rill.provider.openai.internal;

import static dev.rill.api.Capability.FINISH_REASON;
import static dev.rill.api.Capability.IMAGES;
import static dev.rill.api.Capability.MULTIPLE_CHOICES;
import static dev.rill.api.Capability.REASONING;
import static dev.rill.api.Capability.STRUCTURED_OUTPUT;
import static dev.rill.api.Capability.SYSTEM_PROMPT;
import static dev.rill.api.Capability.TEXT;
import static dev.rill.api.Capability.TOOLS;
import static dev.rill.api.Capability.USAGE_IN_STREAM;
import static dev.rill.provider.openai.internal.Dialect.MAX_COMPLETION_TOKENS;
import static dev.rill.provider.openai.internal.Dialect.MAX_TOKENS;

import dev.rill.api.Capability;
import dev.rill.api.ModelCapabilities;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The catalogue of OpenAI-compatible servers, as data: one {@link CompatibleEndpoint} per row. Each base URL is the
 * one the provider's own documentation gives for its OpenAI-compatible chat-completions endpoint ({@code source}
 * names the page, {@code notes} says what it states); {@code /chat/completions} is appended to it. Adding a server is
 * adding a row here; {@code CompatibleCatalogueTest} checks every row and {@code CATALOGUE.md} is generated from it.
 *
 * <p>Request dialects are conservative: {@code stream_options} is sent only where the provider documents it (or it
 * is the server's own software, as for vLLM), since a strict server rejects unknown fields; elsewhere usage arrives
 * if the server sends it on its own. {@code max_tokens} unless the provider documents {@code max_completion_tokens}.
 * The response side needs no per-row flags: the one decoder reads every variant (see {@link ChatChunkDecoder}).
 */
public final class CompatibleCatalogue {

  private static final Dialect KEYED = new Dialect(true, MAX_TOKENS, false);
  private static final Dialect KEYED_USAGE = new Dialect(true, MAX_TOKENS, true);
  private static final Dialect LOCAL = new Dialect(false, MAX_TOKENS, false);
  private static final Dialect LOCAL_USAGE = new Dialect(false, MAX_TOKENS, true);

  private static Set<Capability> chat(Capability... more) {
    EnumSet<Capability> set = EnumSet.of(TEXT, SYSTEM_PROMPT, FINISH_REASON);
    set.addAll(List.of(more));
    return set;
  }

  private static CompatibleEndpoint row(String id, String name, String baseUrl, String keyEnv, Dialect dialect,
      Set<Capability> capabilities, String source, String notes) {
    return new CompatibleEndpoint(id, name, baseUrl, keyEnv, dialect, capabilities, source, notes);
  }

  /** Every row, in display order. Ids are unique. */
  public static final List<CompatibleEndpoint> ENDPOINTS = List.of(
      row("openai-compatible", "OpenAI-compatible server", "http://localhost:8000/v1", null, LOCAL_USAGE,
          chat(TOOLS, REASONING, USAGE_IN_STREAM, STRUCTURED_OUTPUT),
          "https://docs.vllm.ai/en/latest/serving/openai_compatible_server.html",
          "Generic row for any server with an OpenAI chat-completions endpoint; the default is vLLM's "
              + "http://localhost:8000/v1, override the base URL for others. No key required: a configured key is "
              + "sent as a Bearer token. max_tokens; stream_options is sent (vLLM reads it). Reasoning arrives as "
              + "reasoning_content or reasoning."),
      row("groq", "Groq", "https://api.groq.com/openai/v1", "GROQ_API_KEY",
          new Dialect(true, MAX_COMPLETION_TOKENS, true),
          chat(TOOLS, REASONING, USAGE_IN_STREAM, IMAGES, STRUCTURED_OUTPUT),
          "https://console.groq.com/docs/openai",
          "Page: base_url https://api.groq.com/openai/v1 for the OpenAI client; logprobs, logit_bias, "
              + "top_logprobs and messages[].name give a 400; n must be 1. max_completion_tokens (max_tokens is "
              + "deprecated). Reasoning models stream delta.reasoning; usage also in x_groq.usage; mid-stream "
              + "failures are 'event: error' without [DONE]."),
      row("deepseek", "DeepSeek", "https://api.deepseek.com", "DEEPSEEK_API_KEY", KEYED_USAGE,
          chat(TOOLS, REASONING, USAGE_IN_STREAM),
          "https://api-docs.deepseek.com/",
          "base_url https://api.deepseek.com (https://api.deepseek.com/v1 also works; the v1 is not a model "
              + "version). deepseek-reasoner streams delta.reasoning_content; usage carries prompt_cache_hit_tokens; "
              + "tool-call fragments may repeat the call id (folded by the decoder). No image input."),
      row("mistral", "Mistral AI", "https://api.mistral.ai/v1", "MISTRAL_API_KEY", KEYED,
          chat(TOOLS, REASONING, USAGE_IN_STREAM, IMAGES, STRUCTURED_OUTPUT),
          "https://docs.mistral.ai/api/",
          "API /v1/chat/completions. Usage is always on the final chunk, so stream_options is not sent. Magistral "
              + "sends delta.content as an array of text/thinking parts; tool calls arrive whole, without an index."),
      row("openrouter", "OpenRouter", "https://openrouter.ai/api/v1", "OPENROUTER_API_KEY", KEYED,
          chat(TOOLS, REASONING, USAGE_IN_STREAM, IMAGES, STRUCTURED_OUTPUT),
          "https://openrouter.ai/docs/api-reference/streaming",
          "Usage is always included (stream_options.include_usage is deprecated and has no effect). Sends "
              + "': OPENROUTER PROCESSING' SSE comments (skipped by the framer), delta.reasoning, and may put a "
              + "top-level error in a chunk under HTTP 200. Optional HTTP-Referer / X-Title go in the settings' "
              + "headers."),
      row("xai", "xAI", "https://api.x.ai/v1", "XAI_API_KEY", new Dialect(true, MAX_COMPLETION_TOKENS, true),
          chat(TOOLS, REASONING, USAGE_IN_STREAM, IMAGES, STRUCTURED_OUTPUT),
          "https://docs.x.ai/docs/api-reference",
          "Chat completions at https://api.x.ai/v1. grok-3-mini streams delta.reasoning_content; grok-4 reasoning "
              + "is hidden (reasoning_tokens only, counted outside completion_tokens). The Responses API is the "
              + "xai-responses provider, not this one."),
      row("ollama-openai", "Ollama (OpenAI-compatible API)", "http://localhost:11434/v1", null, LOCAL_USAGE,
          chat(TOOLS, REASONING, USAGE_IN_STREAM, IMAGES, STRUCTURED_OUTPUT),
          "https://docs.ollama.com/api/openai-compatibility",
          "Local server, no key (a configured key is sent and ignored); supports stream_options.include_usage. "
              + "Thinking models stream delta.reasoning. The native /api/chat NDJSON protocol is the ollama "
              + "provider's."),
      row("together", "Together AI", "https://api.together.ai/v1", "TOGETHER_API_KEY", KEYED,
          chat(TOOLS, REASONING, IMAGES, STRUCTURED_OUTPUT),
          "https://docs.together.ai/docs/inference/openai-compatibility",
          "Page: 'compatible with the OpenAI REST API and SDKs across chat, completions, vision...'; set base_url "
              + "to https://api.together.ai/v1 (older pages show api.together.xyz/v1). Model ids are "
              + "<org>/<model>. Reasoning models stream delta.reasoning."),
      row("fireworks", "Fireworks AI", "https://api.fireworks.ai/inference/v1", "FIREWORKS_API_KEY", KEYED,
          chat(TOOLS, REASONING, IMAGES, STRUCTURED_OUTPUT),
          "https://docs.fireworks.ai/tools-sdks/openai-compatibility",
          "Page: OpenAI client with base_url https://api.fireworks.ai/inference/v1; model ids look like "
              + "accounts/fireworks/models/<name>. Streaming as in the OpenAI SDK; reasoning models stream "
              + "reasoning_content."),
      row("cerebras", "Cerebras", "https://api.cerebras.ai/v1", "CEREBRAS_API_KEY", KEYED,
          chat(TOOLS, REASONING, STRUCTURED_OUTPUT),
          "https://inference-docs.cerebras.ai/resources/openai",
          "Base URL https://api.cerebras.ai/v1; streaming page (inference-docs.cerebras.ai/capabilities/streaming): "
              + "set stream=true, chunks read from choices[0].delta. frequency_penalty, logit_bias, presence_penalty,"
              + " parallel_tool_calls and service_tier are rejected with 400; tool_choice only auto/none. "
              + "reasoning_format controls how reasoning is returned."),
      row("deepinfra", "DeepInfra", "https://api.deepinfra.com/v1/openai", "DEEPINFRA_API_KEY", KEYED,
          chat(TOOLS, REASONING, IMAGES),
          "https://deepinfra.com/docs/advanced/openai_api",
          "Page: 'The api_base is https://api.deepinfra.com/v1/openai' (not /v1); curl and SDK examples with "
              + "\"stream\": true and max_tokens. Bearer token."),
      row("nvidia", "NVIDIA NIM (API catalog)", "https://integrate.api.nvidia.com/v1", "NVIDIA_API_KEY", KEYED,
          chat(TOOLS, REASONING, IMAGES),
          "https://build.nvidia.com/",
          "API catalog docs: all NIM endpoints hosted at https://integrate.api.nvidia.com/v1 are compatible with "
              + "OpenAI Chat Completions; Authorization: Bearer $NVIDIA_API_KEY. Self-hosted NIM containers serve "
              + "the same API on http://<host>:8000/v1 (override the base URL)."),
      row("moonshot", "Moonshot AI (Kimi)", "https://api.moonshot.ai/v1", "MOONSHOT_API_KEY", KEYED,
          chat(TOOLS, REASONING, IMAGES),
          "https://platform.kimi.com/docs/api/overview",
          "Page: request/response format compatible with OpenAI Chat Completions; Authorization: Bearer "
              + "$MOONSHOT_API_KEY. Global host https://api.moonshot.ai/v1, China host https://api.moonshot.cn/v1 "
              + "(the page shows the .cn one). 'thinking' is a Kimi extension; K2 thinking models stream "
              + "reasoning_content."),
      row("dashscope", "Alibaba Cloud Model Studio (Qwen)", "https://dashscope-intl.aliyuncs.com/compatible-mode/v1",
          "DASHSCOPE_API_KEY", KEYED, chat(TOOLS, REASONING, IMAGES),
          "https://www.alibabacloud.com/help/en/model-studio/compatibility-of-openai-with-dashscope",
          "Page (OpenAI compatible - Chat): BASE_URL Singapore https://dashscope-intl.aliyuncs.com/compatible-mode/v1,"
              + " US dashscope-us.aliyuncs.com, Beijing dashscope.aliyuncs.com; newer revisions list "
              + "workspace hosts https://{WorkspaceId}.<region>.maas.aliyuncs.com/compatible-mode/v1 (override the "
              + "base URL). Qwen3 thinking streams reasoning_content; tool-call fragments repeat the call id."),
      row("zai", "Z.ai (GLM)", "https://api.z.ai/api/paas/v4", "ZAI_API_KEY", KEYED,
          chat(TOOLS, REASONING, IMAGES),
          "https://docs.z.ai/",
          "Docs (llms-full): general endpoint https://api.z.ai/api/paas/v4, GLM Coding Plan endpoint "
              + "https://api.z.ai/api/coding/paas/v4; Authorization: Bearer. POST /chat/completions streams SSE; "
              + "GLM thinking output arrives as reasoning_content."),
      row("siliconflow", "SiliconFlow", "https://api.siliconflow.com/v1", "SILICONFLOW_API_KEY", KEYED,
          chat(TOOLS, REASONING),
          "https://docs.siliconflow.cn/docs/api/chat-completions-post",
          "API reference: POST /chat/completions, Bearer key; stream=true sends SSE that ends with data: [DONE]; "
              + "max_tokens excludes the reasoning part; enable_thinking / thinking_budget for reasoning models. "
              + "Global base https://api.siliconflow.com/v1 (siliconflow.com quickstart), China "
              + "https://api.siliconflow.cn/v1."),
      row("hyperbolic", "Hyperbolic", "https://api.hyperbolic.xyz/v1", "HYPERBOLIC_API_KEY", KEYED,
          chat(TOOLS, REASONING),
          "https://docs.hyperbolic.ai/inference/text-apis",
          "Page: 'OpenAI-compatible chat completions API', POST https://api.hyperbolic.xyz/v1/chat/completions with "
              + "Authorization: Bearer; parameters include max_tokens and stream (default false)."),
      row("novita", "Novita AI", "https://api.novita.ai/v3/openai", "NOVITA_API_KEY", KEYED,
          chat(TOOLS, REASONING),
          "https://novita.ai/docs/guides/llm-api",
          "Page (LLM API): 'compatibility with the OpenAI API standard'; API base URL https://api.novita.ai/v3/openai; "
              + "supported: 'Chat Completion, both streaming and regular'; the example sets stream=True and max_tokens "
              + "and reads chunk.choices[0].delta.content. Bearer key. Error table: 401 INVALID_API_KEY, 403 "
              + "NOT_ENOUGH_BALANCE, 404 MODEL_NOT_FOUND, 429 RATE_LIMIT_EXCEEDED, 500 MODEL_NOT_AVAILABLE."),
      row("sambanova", "SambaNova Cloud", "https://api.sambanova.ai/v1", "SAMBANOVA_API_KEY", KEYED,
          chat(TOOLS, REASONING),
          "https://docs.sambanova.ai/docs/en/get-started/api-keys-urls",
          "Page: base URL https://api.sambanova.ai/v1 for the OpenAI client, chat completion endpoint "
              + "https://api.sambanova.ai/v1/chat/completions; the OpenAI-compatibility page shows a streaming "
              + "example. SambaStack deployments use their own base URL."),
      row("nebius", "Nebius Token Factory", "https://api.tokenfactory.nebius.com/v1", "NEBIUS_API_KEY", KEYED,
          chat(TOOLS, REASONING),
          "https://docs.tokenfactory.nebius.com/api-reference/introduction",
          "Page: 'an OpenAI-compatible API for inference'; base_url https://api.tokenfactory.nebius.com/v1/, "
              + "Authorization: Bearer (NEBIUS_API_KEY). Formerly Nebius AI Studio."),
      row("github-models", "GitHub Models", "https://models.github.ai/inference", "GITHUB_TOKEN", KEYED,
          chat(TOOLS),
          "https://github.blog/changelog/2025-05-15-github-models-api-now-available",
          "Changelog: POST /inference/chat/completions (and /orgs/{org}/inference/chat/completions for org "
              + "attribution) 'support streaming and non-streaming completions'. The token is a GitHub PAT with "
              + "models:read; model ids are <publisher>/<model>."),
      row("huggingface", "Hugging Face Inference Providers", "https://router.huggingface.co/v1", "HF_TOKEN", KEYED,
          chat(TOOLS, REASONING, IMAGES),
          "https://huggingface.co/docs/inference-providers/tasks/chat-completion",
          "Page: chat completion API compatible with the OpenAI SDK, with streaming; base_url "
              + "https://router.huggingface.co/v1, api_key HF_TOKEN. A ':provider' suffix on the model id "
              + "(e.g. :cerebras) picks the backend."),
      row("cloudflare-workers-ai", "Cloudflare Workers AI",
          "https://api.cloudflare.com/client/v4/accounts/{account-id}/ai/v1", "CLOUDFLARE_API_KEY", KEYED,
          chat(TOOLS),
          "https://developers.cloudflare.com/workers-ai/configuration/open-ai-compatibility",
          "Page: OpenAI-compatible /v1/chat/completions at https://api.cloudflare.com/client/v4/accounts/"
              + "{account_id}/ai/v1 with Authorization: Bearer {api_token}; model ids like @cf/meta/llama-3.1-8b-"
              + "instruct. Needs the option account-id (the Cloudflare account id)."),
      row("vllm", "vLLM", "http://localhost:8000/v1", null, LOCAL_USAGE,
          chat(TOOLS, REASONING, USAGE_IN_STREAM, IMAGES, STRUCTURED_OUTPUT),
          "https://docs.vllm.ai/en/latest/serving/openai_compatible_server.html",
          "Page: 'vllm serve <model> --api-key token-abc123', OpenAI client base_url http://localhost:8000/v1; the "
              + "key is optional (only when the server was started with --api-key). stream_options is supported. "
              + "Reasoning parsers stream reasoning_content (newer releases: reasoning); tool-call fragments after "
              + "the first carry no id."),
      row("lm-studio", "LM Studio", "http://localhost:1234/v1", null, LOCAL,
          chat(TOOLS, REASONING, IMAGES, STRUCTURED_OUTPUT),
          "https://lmstudio.ai/docs/api/openai-api",
          "Page: OpenAI-compatible /v1/chat/completions (also /v1/responses, /v1/completions); point the base URL "
              + "at http://localhost:1234/v1 (default port 1234). No key unless 'Require Authentication' is on."),
      row("llama-cpp", "llama.cpp server", "http://localhost:8080/v1", null, LOCAL,
          chat(TOOLS, REASONING, STRUCTURED_OUTPUT),
          "https://github.com/ggml-org/llama.cpp/blob/master/tools/server/README.md",
          "llama-server docs: OpenAI-compatible /v1/chat/completions, listens on http://127.0.0.1:8080 by default, "
              + "streaming with server-sent events; --api-key makes a key required. The model field is not used "
              + "when one model is loaded."),
      row("minimax", "MiniMax", "https://api.minimax.io/v1", "MINIMAX_API_KEY", KEYED, chat(TOOLS, REASONING),
          "https://platform.minimax.io/docs/api-reference/text-openai-api",
          "Page: OPENAI_BASE_URL=https://api.minimax.io/v1 (China: https://api.minimaxi.com/v1). M2 models put "
              + "their thinking inside <think> tags in content (passed through as text); with reasoning_split=true "
              + "it moves to reasoning_details, which Rill does not read."),
      row("volcengine-ark", "Volcengine Ark (Doubao)", "https://ark.cn-beijing.volces.com/api/v3", "ARK_API_KEY",
          KEYED, chat(TOOLS, REASONING, IMAGES),
          "https://www.volcengine.com/docs/82379/1355331",
          "Page (SDK V1/V2 retirement and migration guide): the V3 interface is 'fully compatible with the OpenAI "
              + "protocol' and works with community OpenAI-compatible SDKs, served from ark.cn-beijing.volces.com "
              + "under /api/v3; the official arkruntime SDK (ARK_API_KEY) streams. The model is a model id or an "
              + "endpoint id (ep-...). Thinking models stream reasoning_content."),
      row("venice", "Venice AI", "https://api.venice.ai/api/v1", "VENICE_API_KEY", KEYED, chat(TOOLS, REASONING),
          "https://docs.venice.ai/getting-started/quick-start",
          "Quickstart: 'Venice is OpenAI-compatible', OpenAI client with base_url https://api.venice.ai/api/v1 and "
              + "VENICE_API_KEY. Venice-only settings go in a venice_parameters request option."),
      row("upstage", "Upstage (Solar)", "https://api.upstage.ai/v1", "UPSTAGE_API_KEY", KEYED,
          chat(TOOLS, REASONING),
          "https://console.upstage.ai/api-keys?api=chat-reasoning",
          "Console example: OpenAI client with base_url https://api.upstage.ai/v1, model solar-pro3, "
              + "reasoning_effort, stream=True reading chunk.choices[0].delta.content."),
      row("scaleway", "Scaleway Generative APIs", "https://api.scaleway.ai/v1", "SCW_SECRET_KEY", KEYED,
          chat(TOOLS),
          "https://www.scaleway.com/en/docs/generative-apis/api-cli/using-chat-api/",
          "Page: 'drop-in replacement for the OpenAI APIs'; POST https://api.scaleway.ai/v1/chat/completions with "
              + "Authorization: Bearer ${SCW_SECRET_KEY}; body fields include max_tokens and stream. Project-scoped "
              + "base https://api.scaleway.ai/<project-id>/v1 also exists."),
      row("qianfan", "Baidu Qianfan", "https://qianfan.baidubce.com/v2", "QIANFAN_API_KEY", KEYED,
          chat(TOOLS, REASONING),
          "https://cloud.baidu.com/doc/qianfan/s/Hmh4suq26",
          "Page (OpenAI SDK compatibility): base_url https://qianfan.baidubce.com/v2, Bearer API key "
              + "(bce-v3/...); an optional appid header (settings headers) attributes usage to an application."),
      row("hunyuan", "Tencent Hunyuan", "https://api.hunyuan.cloud.tencent.com/v1", "HUNYUAN_API_KEY", KEYED,
          chat(TOOLS, REASONING),
          "https://cloud.tencent.com/document/product/1729/111007",
          "Page (Hunyuan OpenAI-compatible interface examples): the API follows the OpenAI interface specification, "
              + "so the OpenAI SDKs work with base_url https://api.hunyuan.cloud.tencent.com/v1 and a console API key "
              + "(HUNYUAN_API_KEY, Bearer); full path /v1/chat/completions. The native ChatCompletions reference it "
              + "links states that streaming calls use SSE."),
      row("baseten", "Baseten Model APIs", "https://inference.baseten.co/v1", "BASETEN_API_KEY", KEYED,
          chat(TOOLS, REASONING),
          "https://docs.baseten.co/quickstart",
          "Quickstart: Model APIs are OpenAI-compatible at https://inference.baseten.co/v1 with BASETEN_API_KEY; "
              + "'set stream: true to receive tokens as they're generated'. Dedicated deployments have their own "
              + "/sync/v1 base URL."),
      row("chutes", "Chutes", "https://llm.chutes.ai/v1", "CHUTES_API_KEY", KEYED, chat(TOOLS, REASONING),
          "https://chutes.ai/agents/litellm",
          "Page: OpenAI-compatible chat requests at https://llm.chutes.ai/v1; send the cpk_ key as Authorization: "
              + "Bearer (X-API-Key is ignored). Model pages' OpenAPI documents SSE responses for /v1/chat/"
              + "completions."),
      row("perplexity", "Perplexity (Sonar)", "https://api.perplexity.ai", "PERPLEXITY_API_KEY", KEYED,
          chat(USAGE_IN_STREAM, STRUCTURED_OUTPUT),
          "https://docs.perplexity.ai/docs/sonar/features",
          "Page (Sonar features): streaming with stream=True, text read from chunk.choices[0].delta.content; "
              + "search_results and usage arrive in the final chunks (no stream_options needed). The API reference "
              + "posts to https://api.perplexity.ai/chat/completions (no version path) with Authorization: Bearer. No "
              + "tool calling on this endpoint; sonar-reasoning models put <think> text in content (passed through)."),
      row("gemini-openai", "Gemini (OpenAI compatibility)", "https://generativelanguage.googleapis.com/v1beta/openai",
          "GEMINI_API_KEY", KEYED, chat(TOOLS, REASONING, IMAGES, STRUCTURED_OUTPUT),
          "https://ai.google.dev/gemini-api/docs/openai",
          "Page (OpenAI compatibility): the OpenAI libraries and REST work with base_url "
              + "https://generativelanguage.googleapis.com/v1beta/openai/ and a Gemini API key as Bearer; sections "
              + "for streaming (stream=True), function calling and image understanding. The native protocol is the "
              + "gemini provider's (thought parts, usageMetadata)."));

  /** The capabilities of OpenAI itself. */
  public static final Set<Capability> OPENAI_CAPABILITIES = Set.of(TEXT, TOOLS, REASONING, USAGE_IN_STREAM, IMAGES,
      SYSTEM_PROMPT, FINISH_REASON, MULTIPLE_CHOICES, STRUCTURED_OUTPUT);

  private static final String MODELS = "https://platform.openai.com/docs/models";

  /**
   * OpenAI's model families that lack part of {@link #OPENAI_CAPABILITIES}, from each model's page (Features:
   * function calling, structured outputs, image input; reasoning_effort only for reasoning models). First match wins.
   */
  public static final List<ModelCapabilities> OPENAI_MODELS = List.of(
      ModelCapabilities.lacking("o1-mini*", MODELS + "/o1-mini", TOOLS, IMAGES, SYSTEM_PROMPT, STRUCTURED_OUTPUT),
      ModelCapabilities.lacking("o1-preview*", MODELS + "/o1-preview", TOOLS, IMAGES, SYSTEM_PROMPT,
          STRUCTURED_OUTPUT),
      ModelCapabilities.lacking("o3-mini*", MODELS + "/o3-mini", IMAGES),
      ModelCapabilities.lacking("gpt-3.5*", MODELS + "/gpt-3.5-turbo", IMAGES, REASONING, STRUCTURED_OUTPUT),
      ModelCapabilities.lacking("gpt-4", MODELS + "/gpt-4", IMAGES, REASONING, STRUCTURED_OUTPUT),
      ModelCapabilities.lacking("gpt-4-0*", MODELS + "/gpt-4", IMAGES, REASONING, STRUCTURED_OUTPUT),
      ModelCapabilities.lacking("gpt-4-turbo*", MODELS + "/gpt-4-turbo", REASONING, STRUCTURED_OUTPUT),
      ModelCapabilities.lacking("gpt-4o-2024-05-13", MODELS + "/gpt-4o", REASONING, STRUCTURED_OUTPUT),
      ModelCapabilities.lacking("chatgpt-4o*", MODELS + "/chatgpt-4o-latest", TOOLS, REASONING, STRUCTURED_OUTPUT),
      ModelCapabilities.lacking("gpt-4*", MODELS + " (GPT-4o and GPT-4.1 are not reasoning models)", REASONING));

  private CompatibleCatalogue() {}
}
