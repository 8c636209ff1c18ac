package dev.rill.provider.openai.internal;

import tools.jackson.core.json.JsonFactory;

/** Constants shared by the encoder, the decoder and the error classifier. */
public final class ChatCompletions {

  /** The wire protocol family every provider of this plugin declares. */
  public static final String FAMILY = "openai-chat";

  /** The path appended to a base URL. */
  public static final String PATH = "/chat/completions";

  /** The one JSON factory of this plugin: thread-safe, shared by every stream. */
  public static final JsonFactory JSON = JsonFactory.builder().build();

  private ChatCompletions() {}
}
