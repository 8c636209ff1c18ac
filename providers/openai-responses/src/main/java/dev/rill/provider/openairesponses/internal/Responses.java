package dev.rill.provider.openairesponses.internal;

import dev.rill.api.Capability;
import dev.rill.api.ModelCapabilities;
import java.util.List;
import tools.jackson.core.json.JsonFactory;

/** Constants shared by the encoder, the decoder and the error classifier of this plugin. */
public final class Responses {

  /** The wire protocol family every provider of this plugin declares. */
  public static final String FAMILY = "openai-responses";

  /** The path appended to a base URL. */
  public static final String PATH = "/responses";

  /** What every provider of this plugin can do. */
  public static final Capability[] CAPABILITIES = {Capability.TEXT, Capability.TOOLS, Capability.REASONING,
      Capability.USAGE_IN_STREAM, Capability.IMAGES, Capability.SYSTEM_PROMPT, Capability.FINISH_REASON,
      Capability.STRUCTURED_OUTPUT};

  private static final String MODELS = "https://platform.openai.com/docs/models";

  /**
   * OpenAI's model families that lack part of {@link #CAPABILITIES} (the same rows as the chat-completions
   * provider's): no reasoning options for GPT-4-class models, no tools or images for o1-mini, no images for o3-mini.
   */
  public static final List<ModelCapabilities> OPENAI_MODELS = List.of(
      ModelCapabilities.lacking("o1-mini*", MODELS + "/o1-mini", Capability.TOOLS, Capability.IMAGES,
          Capability.SYSTEM_PROMPT, Capability.STRUCTURED_OUTPUT),
      ModelCapabilities.lacking("o3-mini*", MODELS + "/o3-mini", Capability.IMAGES),
      ModelCapabilities.lacking("gpt-3.5*", MODELS + "/gpt-3.5-turbo", Capability.IMAGES, Capability.REASONING,
          Capability.STRUCTURED_OUTPUT),
      ModelCapabilities.lacking("gpt-4-turbo*", MODELS + "/gpt-4-turbo", Capability.REASONING,
          Capability.STRUCTURED_OUTPUT),
      ModelCapabilities.lacking("gpt-4*", MODELS + " (GPT-4o and GPT-4.1 are not reasoning models)",
          Capability.REASONING));

  /** The one JSON factory of this plugin: thread-safe, shared by every stream. */
  public static final JsonFactory JSON = JsonFactory.builder().build();

  private Responses() {}
}
