package dev.rill.micrometer;

import dev.rill.testkit.server.Response;

/** OpenAI chat-completions streams as the provider sends them, for the telemetry tests. */
final class OpenAiWire {
  static final String MODEL = "gpt-4o-mini-2024-07-18";

  private OpenAiWire() {}

  private static String chunk(String choices) {
    return "data: {\"id\":\"chatcmpl-42\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"" + MODEL
        + "\",\"choices\":" + choices + "}\n\n";
  }

  private static String delta(String content) {
    return chunk("[{\"index\":0,\"delta\":{\"content\":\"" + content + "\"},\"finish_reason\":null}]");
  }

  /** "Hello!" in three chunks, finish reason stop, 9 input and 3 output tokens. */
  static Response hello() {
    return Response.sse(
        chunk("[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},\"finish_reason\":null}]"),
        delta("Hel"), delta("lo"), delta("!"),
        chunk("[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]"),
        "data: {\"id\":\"chatcmpl-42\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"" + MODEL
            + "\",\"choices\":[],\"usage\":{\"prompt_tokens\":9,\"completion_tokens\":3,\"total_tokens\":12}}\n\n",
        "data: [DONE]\n\n");
  }

  static Response status(int code, String type) {
    return Response.json(code, "{\"error\":{\"message\":\"" + type + "\",\"type\":\"" + type + "\"}}");
  }
}
