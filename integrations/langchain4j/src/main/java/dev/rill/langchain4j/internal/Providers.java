package dev.rill.langchain4j.internal;

import dev.langchain4j.model.ModelProvider;
import dev.rill.runtime.ModelSpec;

/** LangChain4j's name for the provider a Rill model spec names, for its listeners and metrics. */
public final class Providers {
  private Providers() {}

  /** The provider of {@code spec} ({@code provider:model}), or {@link ModelProvider#OTHER}. */
  public static ModelProvider of(String spec) {
    if (spec == null) {
      return ModelProvider.OTHER;
    }
    String id = ModelSpec.parse(spec).provider();
    if (id == null) {
      return ModelProvider.OTHER;
    }
    return switch (id) {
      case "openai", "openai-responses" -> ModelProvider.OPEN_AI;
      case "anthropic" -> ModelProvider.ANTHROPIC;
      case "gemini" -> ModelProvider.GOOGLE_AI_GEMINI;
      case "vertex" -> ModelProvider.GOOGLE_VERTEX_AI_GEMINI;
      case "vertex-anthropic" -> ModelProvider.GOOGLE_VERTEX_AI_ANTHROPIC;
      case "bedrock" -> ModelProvider.AMAZON_BEDROCK;
      case "ollama" -> ModelProvider.OLLAMA;
      case "cohere" -> ModelProvider.COHERE;
      case "mistral" -> ModelProvider.MISTRAL_AI;
      case "github-models" -> ModelProvider.GITHUB_MODELS;
      default -> ModelProvider.OTHER;
    };
  }
}
