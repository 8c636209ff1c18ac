package dev.rill.provider.bedrock.internal;

import tools.jackson.core.json.JsonFactory;

/** The one JSON factory of this plugin: thread-safe, shared by the encoder, decoders and classifier. */
final class BedrockJson {

  /** Shared by every stream; each stream creates its own parsers and generators from it. */
  static final JsonFactory FACTORY = new JsonFactory();

  private BedrockJson() {}
}
