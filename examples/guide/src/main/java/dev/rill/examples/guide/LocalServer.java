package dev.rill.examples.guide;

import dev.rill.api.ChatRequest;
import dev.rill.runtime.Rill;

/** A local OpenAI-compatible server (vLLM, LM Studio, llama.cpp, Ollama's {@code /v1}): the base URL goes on the client. */
public final class LocalServer {
  private LocalServer() {}

  /**
   * Asks a model served at {@code baseUrl}, e.g. {@code http://localhost:8000/v1}.
   *
   * @param baseUrl the server's OpenAI-compatible base URL
   * @return the answer's text
   */
  public static String ask(String baseUrl) {
    // tag::local-server[]
    try (Rill rill = Rill.builder()
        .baseUrl("openai-compatible", baseUrl)            // e.g. "http://localhost:8000/v1": on Rill.builder()
        .build()) {
      ChatRequest request = ChatRequest.builder("openai-compatible:my-model").user("Hello!").build();
      return rill.stream(request).text().join();
    }
    // end::local-server[]
  }
}
