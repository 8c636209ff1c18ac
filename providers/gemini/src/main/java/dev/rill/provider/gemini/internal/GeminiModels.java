package dev.rill.provider.gemini.internal;

import static dev.rill.api.Capability.REASONING;
import static dev.rill.api.Capability.STRUCTURED_OUTPUT;
import static dev.rill.api.Capability.SYSTEM_PROMPT;
import static dev.rill.api.Capability.TOOLS;

import dev.rill.api.ModelCapabilities;
import java.util.List;

/**
 * The model families of the Gemini API (and Vertex AI) that lack part of what {@code generateContent} offers:
 * thinking came with Gemini 2.5 (1.5 and 2.0 Flash take no thinking configuration), and Gemma models served by
 * the Gemini API take no system instruction, no function declarations and no response schema (Gemma does function
 * calling by prompt only). First match wins; a model no row names has the provider's full set.
 */
public final class GeminiModels {
  private static final String THINKING = "https://ai.google.dev/gemini-api/docs/thinking";
  private static final String GEMMA = "https://ai.google.dev/gemma/docs/capabilities/function-calling";

  /** The rows, in match order. */
  public static final List<ModelCapabilities> ROWS = List.of(
      ModelCapabilities.lacking("gemma-*", GEMMA + " (no native tools; no system instruction or JSON mode on the"
          + " Gemini API)", TOOLS, SYSTEM_PROMPT, REASONING, STRUCTURED_OUTPUT),
      ModelCapabilities.lacking("gemini-1.*", THINKING + " (thinking from Gemini 2.5)", REASONING),
      ModelCapabilities.lacking("gemini-2.0-flash", THINKING + " (thinking from Gemini 2.5)", REASONING),
      ModelCapabilities.lacking("gemini-2.0-flash-0*", THINKING + " (thinking from Gemini 2.5)", REASONING),
      ModelCapabilities.lacking("gemini-2.0-flash-lite*", THINKING + " (thinking from Gemini 2.5)", REASONING));

  private GeminiModels() {}
}
