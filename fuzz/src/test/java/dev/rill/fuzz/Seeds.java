package dev.rill.fuzz;

import dev.rill.api.Framing;
import dev.rill.testkit.golden.Golden;
import dev.rill.testkit.golden.GoldenTranscripts;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/**
 * Seed inputs: the golden transcripts every plugin ships ({@code META-INF/rill/transcripts}), by provider or by
 * framing, as {@link Arguments} for {@code @MethodSource}. Jazzer records them as the fuzzer's starting corpus, and in
 * regression mode (the normal build) each one runs through its target as a test case.
 */
final class Seeds {
  /** Every provider id that ships transcripts, with its framing. */
  static final List<String> PROVIDERS = List.of("openai", "anthropic", "gemini", "vertex", "ollama", "cohere",
      "bedrock", "openai-responses");

  private Seeds() {}

  static Stream<Arguments> ofProviders(String... ids) {
    List<Arguments> out = new ArrayList<>();
    for (String id : ids) {
      for (Golden g : GoldenTranscripts.list(id)) {
        out.add(Arguments.of((Object) g.wire()));
      }
    }
    if (out.isEmpty()) {
      throw new IllegalStateException("no golden transcripts for " + String.join(", ", ids));
    }
    return out.stream();
  }

  static Stream<Arguments> ofFraming(Framing framing) {
    List<Arguments> out = new ArrayList<>();
    for (String id : PROVIDERS) {
      for (Golden g : GoldenTranscripts.list(id)) {
        if (g.framing() == framing) {
          out.add(Arguments.of((Object) g.wire()));
        }
      }
    }
    return out.stream();
  }

  /**
   * JSON-array bodies (Gemini's {@code streamGenerateContent} without {@code alt=sse}): the data payloads of each
   * Gemini SSE golden, written as one JSON array, as Google sends them.
   */
  static Stream<Arguments> jsonArrays() {
    List<Arguments> out = new ArrayList<>();
    for (String id : List.of("gemini", "vertex")) {
      for (Golden g : GoldenTranscripts.list(id)) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes("[".getBytes(StandardCharsets.UTF_8));
        boolean first = true;
        for (String line : g.wireText().split("\r?\n")) {
          if (line.startsWith("data:")) {
            b.writeBytes(((first ? "" : ",\r\n") + line.substring(5).strip()).getBytes(StandardCharsets.UTF_8));
            first = false;
          }
        }
        b.writeBytes("]".getBytes(StandardCharsets.UTF_8));
        out.add(Arguments.of((Object) b.toByteArray()));
      }
    }
    return out.stream();
  }
}
