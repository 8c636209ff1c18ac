package dev.acme.rill.internal;

import tools.jackson.core.json.JsonFactory;

/** The plugin's one JSON factory. */
final class AcmeJson {
  static final JsonFactory FACTORY = new JsonFactory();

  private AcmeJson() {}
}
