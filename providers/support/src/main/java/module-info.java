/**
 * Helpers plugins share: writing option values and JSON texts into request bodies ({@code JsonValues}), reading
 * event fields in one streaming pass ({@code JsonFields}), retry delays from response headers
 * ({@code RetryDelays}), the OpenAI-style error body classifier ({@code OpenAiStyleErrors}), the effort level for a
 * reasoning budget ({@code ReasoningEfforts}) and the regrouping of a conversation into Anthropic-style turns
 * ({@code Turns}). Depends on the api and Jackson's streaming core only.
 */
module dev.rill.provider.support {
  requires transitive dev.rill.api;
  requires transitive tools.jackson.core;

  exports dev.rill.provider.support;
}
