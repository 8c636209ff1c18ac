package dev.rill.provider.anthropic.internal;

import static dev.rill.api.Capability.IMAGES;
import static dev.rill.api.Capability.REASONING;
import static dev.rill.api.Capability.TOOLS;

import dev.rill.api.ModelCapabilities;
import java.util.List;

/**
 * The Claude model families that lack part of what the Messages API offers, from Anthropic's model overview
 * (extended thinking from Claude 3.7 Sonnet on; no vision on Claude 3.5 Haiku; no tool use before Claude 3). The
 * same names serve Claude on Vertex AI ({@code claude-3-5-haiku@20241022}). First match wins; a model no row names,
 * such as every Claude 4, has the provider's full set.
 */
public final class ClaudeModels {
  private static final String OVERVIEW = "https://docs.claude.com/en/docs/about-claude/models/overview";
  private static final String THINKING = "https://docs.claude.com/en/docs/build-with-claude/extended-thinking";

  /** The rows, in match order. */
  public static final List<ModelCapabilities> ROWS = List.of(
      ModelCapabilities.lacking("claude-3-5-haiku*", OVERVIEW + " (no vision); " + THINKING, IMAGES, REASONING),
      ModelCapabilities.lacking("claude-3-5-sonnet*", THINKING, REASONING),
      ModelCapabilities.lacking("claude-3-haiku*", THINKING, REASONING),
      ModelCapabilities.lacking("claude-3-opus*", THINKING, REASONING),
      ModelCapabilities.lacking("claude-3-sonnet*", THINKING, REASONING),
      ModelCapabilities.lacking("claude-2*", OVERVIEW + " (legacy models)", TOOLS, IMAGES, REASONING),
      ModelCapabilities.lacking("claude-instant*", OVERVIEW + " (legacy models)", TOOLS, IMAGES, REASONING));

  private ClaudeModels() {}
}
