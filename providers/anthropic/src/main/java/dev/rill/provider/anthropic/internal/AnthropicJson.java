package dev.rill.provider.anthropic.internal;

import tools.jackson.core.json.JsonFactory;

/** The one JSON factory of this plugin: thread-safe, shared by every encoder, decoder and classifier. */
final class AnthropicJson {

  /** Shared by every stream; each stream creates its own parsers and generators from it. */
  static final JsonFactory FACTORY = new JsonFactory();

  private AnthropicJson() {}
}
