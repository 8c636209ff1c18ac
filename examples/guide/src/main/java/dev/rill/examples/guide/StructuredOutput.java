package dev.rill.examples.guide;

import dev.rill.api.ChatRequest;
import dev.rill.api.ResponseFormat;
import dev.rill.runtime.Rill;
import dev.rill.runtime.StreamOptions;
import java.util.Map;

/** Structured output, the typed sampling settings, and body fields addressed to one provider or wire family. */
public final class StructuredOutput {
  private StructuredOutput() {}

  /**
   * Asks for JSON following a schema, with a seed and an OpenAI-only body field.
   *
   * @param rill the client
   * @return the answer's text: the JSON document
   */
  public static String city(Rill rill) {
    // tag::structured[]
    String schema = """
        {"type":"object","properties":{"city":{"type":"string"},"country":{"type":"string"}},
         "required":["city","country"],"additionalProperties":false}""";
    ChatRequest request = ChatRequest.builder("openai:gpt-4o-mini")
        .user("Name a city and its country.")
        .responseFormat(ResponseFormat.jsonSchema("city", schema))   // the answer's text is the JSON
        .seed(7)                                                     // a typed setting: each family's own field
        .option("openai", "user", "u-42")                            // a body field for openai only
        .build();
    String json = rill.stream(request).text().join();                // {"city":"Paris","country":"France"}
    // end::structured[]
    return json;
  }

  /**
   * Asks Anthropic, falling back to OpenAI, with a body field for each: every attempt is sent only its own.
   *
   * @param rill the client
   * @return the answer's text, from whichever provider answered
   */
  public static String scopedOptions(Rill rill) {
    // tag::scoped-options[]
    ChatRequest request = ChatRequest.builder("anthropic:claude-sonnet-4-5")
        .user("Why is the sky blue?")
        .option("anthropic", "metadata", Map.of("user_id", "u-42"))  // the anthropic provider only
        .option("openai-chat", "user", "u-42")                        // every openai-chat provider
        .build();
    StreamOptions fallback = StreamOptions.enhancedBuilder().fallback("openai:gpt-4o-mini").build();
    String answer = rill.stream(request, fallback).text().join();     // each attempt gets only its own options
    // end::scoped-options[]
    return answer;
  }
}
