package dev.rill.provider.openairesponses.internal;

import dev.rill.api.Capability;
import tools.jackson.core.json.JsonFactory;

/** Constants shared by the encoder, the decoder and the error classifier of this plugin. */
public final class Responses {

  /** The wire protocol family every provider of this plugin declares. */
  public static final String FAMILY = "openai-responses";

  /** The path appended to a base URL. */
  public static final String PATH = "/responses";

  /** What every provider of this plugin can do. */
  public static final Capability[] CAPABILITIES = {Capability.TEXT, Capability.TOOLS, Capability.REASONING,
      Capability.USAGE_IN_STREAM, Capability.IMAGES, Capability.SYSTEM_PROMPT, Capability.FINISH_REASON};

  /** The one JSON factory of this plugin: thread-safe, shared by every stream. */
  public static final JsonFactory JSON = JsonFactory.builder().build();

  private Responses() {}
}
