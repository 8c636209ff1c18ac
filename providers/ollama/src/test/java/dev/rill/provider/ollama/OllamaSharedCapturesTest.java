package dev.rill.provider.ollama;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.rill.api.ChatRequest;
import dev.rill.api.FinishReason;
import dev.rill.api.Usage;
import dev.rill.framing.FramingLimits;
import dev.rill.framing.OfflineDecoder;
import dev.rill.testkit.fixtures.Recording;
import dev.rill.testkit.fixtures.Recordings;
import dev.rill.testkit.fixtures.SharedFixtures;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every recorded Ollama capture in ../shared/fixtures/wire/ollama (langchaingo httprr traces, chunked). */
class OllamaSharedCapturesTest {

  private static final OllamaProvider PROVIDER = new OllamaProvider();
  private static final ChatRequest REQUEST = ChatRequest.builder("gemma3:1b").user("Count from 1 to 5").build();

  static Stream<Path> captures() {
    List<Path> files = SharedFixtures.family("ollama");
    assumeTrue(!files.isEmpty(), "no ../shared/fixtures/wire/ollama captures (set -Drill.shared.dir)");
    return files.stream();
  }

  private static OfflineDecoder.Result decode(String fileName) {
    Path dir = SharedFixtures.wireDir().orElse(null);
    assumeTrue(dir != null, "no ../shared/fixtures/wire directory (set -Drill.shared.dir)");
    Recording rec = Recordings.load(dir.resolve("ollama").resolve(fileName));
    return OfflineDecoder.decode(PROVIDER, REQUEST, rec.reads(), FramingLimits.DEFAULT);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("captures")
  void everyCaptureDecodesToTextAndAFinish(Path file) {
    Recording rec = Recordings.load(file);
    assertThat(rec.status()).isEqualTo(200);
    assertThat(rec.reads()).as("chunked reads kept").isNotEmpty();
    OfflineDecoder.Result result = OfflineDecoder.decode(PROVIDER, REQUEST, rec.reads(), FramingLimits.DEFAULT);
    assertThat(result.error()).isNull();
    assertThat(result.ended()).isTrue();
    assertThat(result.response().text()).isNotEmpty();
    assertThat(result.response().finishReason()).isNotNull();
    assertThat(result.response().model()).isEqualTo("gemma3:1b");
    assertThat(result.response().usage()).isNotNull();
  }

  @Test
  void chatStream() {
    OfflineDecoder.Result result = decode("langchaingo.chat-stream.httprr");
    assertThat(result.response().text()).isEqualTo("Okay, here we go!\n\n1, 2, 3, 4, 5\n");
    assertThat(result.response().finishReason()).isEqualTo(FinishReason.of(FinishReason.Kind.STOP, "stop"));
    assertThat(result.response().usage()).isEqualTo(new Usage(16L, 22L, 38L, null, null, null));
  }

  @Test
  void chatDoneLength() {
    OfflineDecoder.Result result = decode("langchaingo.chat-done-length.httprr");
    assertThat(result.response().finishReason()).isEqualTo(FinishReason.of(FinishReason.Kind.LENGTH, "length"));
    assertThat(result.response().usage().outputTokens()).isEqualTo(50L);
  }

  @Test
  void generateStreamUsesTheResponseField() {
    OfflineDecoder.Result result = decode("langchaingo.generate-stream.httprr");
    assertThat(result.response().text()).isEqualTo("Okay, here we go!\n\n1, 2, 3, 4, 5\n");
  }

  @Test
  void thinkRequestedOnANonThinkingModelGivesTextOnly() {
    OfflineDecoder.Result result = decode("langchaingo.chat-think-requested.httprr");
    assertThat(result.response().reasoning()).isEmpty();
    assertThat(result.response().text()).startsWith("2 + 2 = 4");
  }

  @Test
  void formatJsonStreamsJsonText() {
    OfflineDecoder.Result result = decode("langchaingo.chat-format-json.httprr");
    assertThat(result.response().text().strip()).startsWith("{").endsWith("}");
  }
}
