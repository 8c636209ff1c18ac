package dev.rill.provider.bedrock;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The source of the golden {@code .bin} transcripts under {@code src/main/resources/META-INF/rill/transcripts/bedrock/}:
 * each transcript's event-stream messages, written from AWS's documentation of the ConverseStream events
 * (https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_ConverseStream.html and the user-guide pages
 * each transcript's {@code .json} cites). {@link GoldenBinariesTest} re-encodes these and compares them with the shipped
 * files, so the two cannot drift. To regenerate after editing, run {@link #main} with the transcript directory.
 */
final class GoldenSources {

  private static final String PAD = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

  private GoldenSources() {}

  /** One transcript: its name and its messages, in order. */
  record Source(String name, List<byte[]> messages) {
    byte[] bytes() {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      messages.forEach(out::writeBytes);
      return out.toByteArray();
    }
  }

  /** Builds one transcript's messages; every JSON payload gets a {@code "p"} padding field as Bedrock sends. */
  private static final class Builder {
    private final String name;
    private final List<byte[]> messages = new ArrayList<>();

    Builder(String name) {
      this.name = name;
    }

    private String pad() {
      int n = (messages.size() * 17 + name.length() * 5) % 52 + 2;
      return ",\"p\":\"" + PAD.substring(0, n) + "\"";
    }

    Builder start() {
      messages.add(EventStreamEncoder.event("messageStart", "{\"role\":\"assistant\"" + pad() + "}"));
      return this;
    }

    Builder text(int block, String... deltas) {
      for (String d : deltas) {
        messages.add(EventStreamEncoder.event("contentBlockDelta",
            "{\"contentBlockIndex\":" + block + ",\"delta\":{\"text\":\"" + esc(d) + "\"}" + pad() + "}"));
      }
      return this;
    }

    Builder reasoning(int block, String... deltas) {
      for (String d : deltas) {
        messages.add(EventStreamEncoder.event("contentBlockDelta", "{\"contentBlockIndex\":" + block
            + ",\"delta\":{\"reasoningContent\":{\"text\":\"" + esc(d) + "\"}}" + pad() + "}"));
      }
      return this;
    }

    Builder signature(int block, String signature) {
      messages.add(EventStreamEncoder.event("contentBlockDelta", "{\"contentBlockIndex\":" + block
          + ",\"delta\":{\"reasoningContent\":{\"signature\":\"" + esc(signature) + "\"}}" + pad() + "}"));
      return this;
    }

    Builder toolStart(int block, String id, String toolName) {
      messages.add(EventStreamEncoder.event("contentBlockStart", "{\"contentBlockIndex\":" + block
          + ",\"start\":{\"toolUse\":{\"toolUseId\":\"" + id + "\",\"name\":\"" + toolName + "\"}}" + pad() + "}"));
      return this;
    }

    Builder toolInput(int block, String... fragments) {
      for (String f : fragments) {
        messages.add(EventStreamEncoder.event("contentBlockDelta", "{\"contentBlockIndex\":" + block
            + ",\"delta\":{\"toolUse\":{\"input\":\"" + esc(f) + "\"}}" + pad() + "}"));
      }
      return this;
    }

    Builder stop(int block) {
      messages.add(EventStreamEncoder.event("contentBlockStop", "{\"contentBlockIndex\":" + block + pad() + "}"));
      return this;
    }

    Builder messageStop(String stopReason) {
      messages.add(EventStreamEncoder.event("messageStop", "{\"stopReason\":\"" + stopReason + "\"" + pad() + "}"));
      return this;
    }

    Builder metadata(String usageJson, String extra) {
      messages.add(EventStreamEncoder.event("metadata", "{\"usage\":" + usageJson + ",\"metrics\":{\"latencyMs\":"
          + (300 + messages.size() * 11) + "}" + (extra == null ? "" : "," + extra) + pad() + "}"));
      return this;
    }

    Builder exception(String type, String message) {
      messages.add(EventStreamEncoder.exception(type, "{\"message\":\"" + esc(message) + "\"}"));
      return this;
    }

    Source build() {
      return new Source(name, List.copyOf(messages));
    }
  }

  static String esc(String s) {
    StringBuilder sb = new StringBuilder();
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        default -> sb.append(c);
      }
    }
    return sb.toString();
  }

  /** Every golden transcript, by name. */
  static List<Source> all() {
    return List.of(
        new Builder("text").start()
            .text(0, "Amazon Bedrock", " is a fully managed service", " that offers a choice of high-performing",
                " foundation models from leading AI companies", " through a single API.", " It lets you build and",
                " scale generative AI applications", " with security, privacy, and responsible AI built in.")
            .stop(0).messageStop("end_turn")
            .metadata("{\"inputTokens\":12,\"outputTokens\":41,\"totalTokens\":53}", null).build(),
        new Builder("tool-use").start()
            .text(0, "To find the most popular song", " on WZPZ, I'll use", " the top_song tool.")
            .stop(0)
            .toolStart(1, "tooluse_kZJMlvQmRJ6eAyJE5GIl7Q", "top_song")
            .toolInput(1, "{\"sign\":", " \"WZ", "PZ\"}")
            .stop(1).messageStop("tool_use")
            .metadata("{\"inputTokens\":375,\"outputTokens\":73,\"totalTokens\":448}", null).build(),
        new Builder("parallel-tool-use").start()
            .text(0, "I'll check the weather", " in both cities at once.")
            .stop(0)
            .toolStart(1, "tooluse_Vt1qW0mPSUm6B0a7x1bPnw", "get_weather")
            .toolInput(1, "{\"city\":", "\"Paris\"}")
            .stop(1)
            .toolStart(2, "tooluse_3N8yZ2pXTf2a9Kc4u7Lrhg", "get_weather")
            .toolInput(2, "{\"ci", "ty\":\"London\"}")
            .stop(2).messageStop("tool_use")
            .metadata("{\"inputTokens\":412,\"outputTokens\":102,\"totalTokens\":514}", null).build(),
        new Builder("reasoning").start()
            .reasoning(0, "The user asks whether 97 is prime.", " Its square root is a little under 10,",
                " so I only need to try 2, 3, 5 and 7.", " 97 is odd; 9+7=16 is not divisible by 3;",
                " it does not end in 0 or 5; 7*13=91 and 7*14=98.", " No divisor works, so 97 is prime.")
            .signature(0, "EqoBCkgIARABGAIiQGyOjzRo5ZqjVbM4OcFh3v0q2RJ6Y7HkP1c8xF5uW2nD9aLtZs0EiB3mQvRkT8pJ1w==")
            .stop(0)
            .text(1, "Yes, 97 is a prime number.", " It has no divisors other than 1 and itself:",
                " none of 2, 3, 5 or 7 divides it, and 10 x 10 is already more than 97.")
            .stop(1).messageStop("end_turn")
            .metadata("{\"inputTokens\":45,\"outputTokens\":210,\"totalTokens\":255}", null).build(),
        new Builder("max-tokens").start()
            .text(0, "Here is a short history of the printing press.", " In around 1440,",
                " Johannes Gutenberg developed a movable-type", " printing press in Mainz,")
            .stop(0).messageStop("max_tokens")
            .metadata("{\"inputTokens\":14,\"outputTokens\":20,\"totalTokens\":34}", null).build(),
        new Builder("prompt-caching").start()
            .text(0, "Based on the cached contract,", " the notice period", " is 30 days.")
            .stop(0).messageStop("end_turn")
            .metadata("{\"inputTokens\":4,\"outputTokens\":18,\"totalTokens\":4012,\"cacheReadInputTokens\":3990,"
                + "\"cacheWriteInputTokens\":0}", null).build(),
        new Builder("guardrail-intervened").start()
            .text(0, "Sorry, the model cannot answer this question.")
            .stop(0).messageStop("guardrail_intervened")
            .metadata("{\"inputTokens\":21,\"outputTokens\":9,\"totalTokens\":30}",
                "\"trace\":{\"guardrail\":{\"inputAssessment\":{\"gr-example\":{\"topicPolicy\":{\"topics\":[{\"name\":"
                    + "\"Investment advice\",\"type\":\"DENY\",\"action\":\"BLOCKED\"}]}}}}}").build(),
        new Builder("throttling-exception").start()
            .text(0, "Photosynthesis is the process", " by which plants turn light,", " water and carbon dioxide")
            .exception("throttlingException", "Too many tokens, please wait before trying again.").build());
  }

  /** Writes every transcript's {@code .bin} into {@code args[0]} (the transcript directory). */
  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args[0]);
    for (Source s : all()) {
      Files.write(dir.resolve(s.name() + ".bin"), s.bytes());
    }
  }
}
