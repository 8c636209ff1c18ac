package dev.rill.benchmarks;

import dev.rill.api.StreamingProvider;
import dev.rill.provider.anthropic.AnthropicProvider;
import dev.rill.provider.bedrock.BedrockProvider;
import dev.rill.provider.cohere.CohereProvider;
import dev.rill.provider.gemini.GeminiProvider;
import dev.rill.provider.ollama.OllamaProvider;
import dev.rill.provider.openai.OpenAiProvider;
import dev.rill.provider.openairesponses.OpenAiResponsesProvider;
import java.util.List;

/** The provider families whose plugins the benchmarks depend on, by provider id. */
final class Families {
  /** Every family {@link DecodeBenchmark} measures, OpenAI first (the reference). */
  static final List<String> IDS = List.of("openai", "anthropic", "gemini", "ollama", "cohere", "bedrock",
      "openai-responses");

  private Families() {}

  static StreamingProvider provider(String id) {
    return switch (id) {
      case "openai" -> new OpenAiProvider();
      case "anthropic" -> new AnthropicProvider();
      case "gemini" -> new GeminiProvider();
      case "ollama" -> new OllamaProvider();
      case "cohere" -> new CohereProvider();
      case "bedrock" -> new BedrockProvider();
      case "openai-responses" -> new OpenAiResponsesProvider();
      default -> throw new IllegalArgumentException("no family " + id + "; known: " + IDS);
    };
  }
}
