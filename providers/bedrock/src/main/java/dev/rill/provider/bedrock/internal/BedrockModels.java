package dev.rill.provider.bedrock.internal;

import static dev.rill.api.Capability.IMAGES;
import static dev.rill.api.Capability.REASONING;
import static dev.rill.api.Capability.SYSTEM_PROMPT;
import static dev.rill.api.Capability.TOOLS;

import dev.rill.api.ModelCapabilities;
import java.util.List;

/**
 * The Bedrock model families that lack part of what ConverseStream offers, from AWS's "Supported models and model
 * features" table (system prompts, vision, streaming tool use) and, for reasoning, the families that take no
 * reasoning option: the Claude models before 3.7 Sonnet, Nova Micro, Lite and Pro (v1), and the Llama, Mistral,
 * Cohere Command and DeepSeek-R1 models (whose inference parameters have no reasoning field; R1 always reasons and
 * cannot be told how much). Reasoning options reach a model in its family's field ({@link BedrockReasoning}).
 * Patterns start with {@code *} so that a cross-region inference profile ({@code us.anthropic...}) or an ARN matches
 * too. First match wins; a model no row names has the provider's full set.
 */
public final class BedrockModels {
  private static final String TABLE =
      "https://docs.aws.amazon.com/bedrock/latest/userguide/conversation-inference-supported-models-features.html";
  private static final String NOVA_2_THINKING = "https://docs.aws.amazon.com/nova/latest/nova2-userguide/"
      + "extended-thinking.html (extended thinking comes with Nova 2; Nova Lite and Pro v1 take no reasoning option)";
  private static final String PARAMETERS = "https://docs.aws.amazon.com/bedrock/latest/userguide/model-parameters";

  /** The rows, in match order. */
  public static final List<ModelCapabilities> ROWS = List.of(
      ModelCapabilities.lacking("*anthropic.claude-3-5-haiku*", TABLE + " (no vision); no extended thinking",
          IMAGES, REASONING),
      ModelCapabilities.lacking("*anthropic.claude-3-5-sonnet*", "extended thinking from Claude 3.7 Sonnet",
          REASONING),
      ModelCapabilities.lacking("*anthropic.claude-3-haiku*", "extended thinking from Claude 3.7 Sonnet", REASONING),
      ModelCapabilities.lacking("*anthropic.claude-3-opus*", "extended thinking from Claude 3.7 Sonnet", REASONING),
      ModelCapabilities.lacking("*anthropic.claude-3-sonnet*", "extended thinking from Claude 3.7 Sonnet", REASONING),
      ModelCapabilities.lacking("*anthropic.claude-v2*", TABLE + " (Claude 2.x: no vision, no tool use)", TOOLS,
          IMAGES, REASONING),
      ModelCapabilities.lacking("*anthropic.claude-instant*", TABLE + " (Claude 2.x and earlier)", TOOLS, IMAGES,
          REASONING),
      ModelCapabilities.lacking("*amazon.titan-*", TABLE + " (Titan: no system prompts, vision or tool use)",
          SYSTEM_PROMPT, TOOLS, IMAGES, REASONING),
      ModelCapabilities.lacking("*amazon.nova-micro*", TABLE + " (Nova Micro: no vision)", IMAGES, REASONING),
      ModelCapabilities.lacking("*amazon.nova-lite-v1*", NOVA_2_THINKING, REASONING),
      ModelCapabilities.lacking("*amazon.nova-pro-v1*", NOVA_2_THINKING, REASONING),
      ModelCapabilities.lacking("*ai21.jamba-instruct*", TABLE + " (no vision, no tool use)", TOOLS, IMAGES,
          REASONING),
      ModelCapabilities.lacking("*ai21.jamba-1-5*", TABLE + " (no vision)", IMAGES, REASONING),
      ModelCapabilities.lacking("*meta.llama3-*", TABLE + " (Llama 3 Instruct: no tool use)", TOOLS, IMAGES,
          REASONING),
      ModelCapabilities.lacking("*meta.llama*", PARAMETERS + "-meta.html (no reasoning parameter)", REASONING),
      ModelCapabilities.lacking("*mistral.mistral-*", PARAMETERS + "-mistral.html (no reasoning parameter)",
          REASONING),
      ModelCapabilities.lacking("*mistral.mixtral-*", PARAMETERS + "-mistral.html (no reasoning parameter)",
          REASONING),
      ModelCapabilities.lacking("*cohere.command*", PARAMETERS + "-cohere-command-r-plus.html (no reasoning "
          + "parameter)", REASONING),
      ModelCapabilities.lacking("*deepseek.r1*", "https://docs.aws.amazon.com/bedrock/latest/userguide/"
          + "kb-test-configure-reasoning.html (DeepSeek-R1 always reasons; no reasoning option)", REASONING));

  private BedrockModels() {}
}
