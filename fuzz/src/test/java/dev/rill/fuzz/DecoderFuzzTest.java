package dev.rill.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.rill.api.ChatRequest;
import dev.rill.api.RillException;
import dev.rill.api.StreamingProvider;
import dev.rill.framing.FramingLimits;
import dev.rill.framing.OfflineDecoder;
import dev.rill.provider.anthropic.AnthropicProvider;
import dev.rill.provider.bedrock.BedrockProvider;
import dev.rill.provider.cohere.CohereProvider;
import dev.rill.provider.gemini.GeminiProvider;
import dev.rill.provider.ollama.OllamaProvider;
import dev.rill.provider.openai.OpenAiProvider;
import dev.rill.provider.openairesponses.OpenAiResponsesProvider;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Fuzz targets for every wire family's decoder, through {@link OfflineDecoder} (framer, decoder and fold, as
 * {@code rill decode} and the kit run them), seeded with the family's golden transcripts. Each input is decoded in
 * one read and again in reads of a size derived from the input. Oracle: every failure is a typed
 * {@link RillException} that the decoder or framer raised itself; {@code OfflineDecoder}'s session turns any other
 * exception from a decoder into MALFORMED_RESPONSE "the decoder of '...' failed", and that wrapping is a finding.
 * An exception escaping {@code OfflineDecoder} (from a framer), a hang or an {@code OutOfMemoryError} is a finding
 * too.
 */
class DecoderFuzzTest {
  static final StreamingProvider OPENAI = new OpenAiProvider();
  static final StreamingProvider ANTHROPIC = new AnthropicProvider();
  static final StreamingProvider GEMINI = new GeminiProvider();
  static final StreamingProvider OLLAMA = new OllamaProvider();
  static final StreamingProvider COHERE = new CohereProvider();
  static final StreamingProvider BEDROCK = new BedrockProvider();
  static final StreamingProvider RESPONSES = new OpenAiResponsesProvider();

  static Stream<Arguments> openAiSeeds() { return Seeds.ofProviders("openai"); }
  static Stream<Arguments> anthropicSeeds() { return Seeds.ofProviders("anthropic"); }
  static Stream<Arguments> geminiSeeds() { return Seeds.ofProviders("gemini", "vertex"); }
  static Stream<Arguments> ollamaSeeds() { return Seeds.ofProviders("ollama"); }
  static Stream<Arguments> cohereSeeds() { return Seeds.ofProviders("cohere"); }
  static Stream<Arguments> bedrockSeeds() { return Seeds.ofProviders("bedrock"); }
  static Stream<Arguments> responsesSeeds() { return Seeds.ofProviders("openai-responses"); }

  @MethodSource("openAiSeeds")
  @FuzzTest(maxDuration = "10s")
  void openAiChat(byte[] data) {
    decode(OPENAI, data);
  }

  @MethodSource("anthropicSeeds")
  @FuzzTest(maxDuration = "10s")
  void anthropicMessages(byte[] data) {
    decode(ANTHROPIC, data);
  }

  @MethodSource("geminiSeeds")
  @FuzzTest(maxDuration = "10s")
  void gemini(byte[] data) {
    decode(GEMINI, data);
  }

  @MethodSource("ollamaSeeds")
  @FuzzTest(maxDuration = "10s")
  void ollama(byte[] data) {
    decode(OLLAMA, data);
  }

  @MethodSource("cohereSeeds")
  @FuzzTest(maxDuration = "10s")
  void cohere(byte[] data) {
    decode(COHERE, data);
  }

  /** The raw bytes, and the same bytes with their event-stream CRCs repaired so that the decoder sees them. */
  @MethodSource("bedrockSeeds")
  @FuzzTest(maxDuration = "10s")
  void bedrock(byte[] data) {
    decode(BEDROCK, data);
    decode(BEDROCK, EventStreamRepair.repair(data));
  }

  @MethodSource("responsesSeeds")
  @FuzzTest(maxDuration = "10s")
  void openAiResponses(byte[] data) {
    decode(RESPONSES, data);
  }

  static void decode(StreamingProvider provider, byte[] data) {
    ChatRequest request = ChatRequest.builder(provider.info().id() + ":fuzz-model").user("hi").build();
    check(provider, OfflineDecoder.decode(provider, request, java.util.List.of(data), FramingLimits.DEFAULT));
    int step = 1 + Math.floorMod(Arrays.hashCode(data), 97);
    int[] cuts = new int[Math.max(0, (data.length - 1) / step)];
    for (int i = 0; i < cuts.length; i++) {
      cuts[i] = (i + 1) * step;
    }
    check(provider, OfflineDecoder.decode(provider, request, OfflineDecoder.reads(data, cuts), FramingLimits.DEFAULT));
  }

  static void check(StreamingProvider provider, OfflineDecoder.Result result) {
    RillException e = result.error();
    if (e != null && e.getCause() != null && !(e.getCause() instanceof RillException) && e.detail() != null
        && e.detail().startsWith("the decoder of '" + provider.info().id() + "' failed")) {
      throw new AssertionError("the " + provider.info().family() + " decoder threw an untyped exception: "
          + e.getCause(), e.getCause());
    }
  }
}
