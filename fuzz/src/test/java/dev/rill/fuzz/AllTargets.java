package dev.rill.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.rill.api.Framing;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every fuzz target behind one: the input's first byte picks the target (modulo their number) and the rest is that
 * target's input. The normal build fuzzes this one briefly ({@link FuzzCampaignTest}), so that all eleven targets get
 * coverage-guided executions in one JVM and a few seconds; the {@code fuzz} profile runs each target on its own. The
 * seeds are every target's seeds, each behind its target's byte. Not named {@code *Test}: its seeds already run as
 * the targets' own regression tests.
 */
final class AllTargets {
  /** The targets, in the order of their selector byte. */
  static final List<Target> TARGETS = List.of(
      new Target("Framer.sse", d -> FramerFuzzTest.check(Framing.SSE, d), () -> Seeds.ofFraming(Framing.SSE)),
      new Target("Framer.ndjson", d -> FramerFuzzTest.check(Framing.NDJSON, d), () -> Seeds.ofFraming(Framing.NDJSON)),
      new Target("Framer.eventStream", d -> {
        FramerFuzzTest.check(Framing.AWS_EVENT_STREAM, d);
        FramerFuzzTest.check(Framing.AWS_EVENT_STREAM, EventStreamRepair.repair(d));
      }, () -> Seeds.ofFraming(Framing.AWS_EVENT_STREAM)),
      new Target("Framer.jsonArray", d -> FramerFuzzTest.check(Framing.JSON_ARRAY, d), Seeds::jsonArrays),
      new Target("Decoder.openAiChat", d -> DecoderFuzzTest.decode(DecoderFuzzTest.OPENAI, d),
          () -> Seeds.ofProviders("openai")),
      new Target("Decoder.anthropicMessages", d -> DecoderFuzzTest.decode(DecoderFuzzTest.ANTHROPIC, d),
          () -> Seeds.ofProviders("anthropic")),
      new Target("Decoder.gemini", d -> DecoderFuzzTest.decode(DecoderFuzzTest.GEMINI, d),
          () -> Seeds.ofProviders("gemini", "vertex")),
      new Target("Decoder.ollama", d -> DecoderFuzzTest.decode(DecoderFuzzTest.OLLAMA, d),
          () -> Seeds.ofProviders("ollama")),
      new Target("Decoder.cohere", d -> DecoderFuzzTest.decode(DecoderFuzzTest.COHERE, d),
          () -> Seeds.ofProviders("cohere")),
      new Target("Decoder.bedrock", d -> {
        DecoderFuzzTest.decode(DecoderFuzzTest.BEDROCK, d);
        DecoderFuzzTest.decode(DecoderFuzzTest.BEDROCK, EventStreamRepair.repair(d));
      }, () -> Seeds.ofProviders("bedrock")),
      new Target("Decoder.openAiResponses", d -> DecoderFuzzTest.decode(DecoderFuzzTest.RESPONSES, d),
          () -> Seeds.ofProviders("openai-responses")));

  /**
   * One target.
   *
   * @param name its name in reports
   * @param run runs one input
   * @param seeds its seeds
   */
  record Target(String name, Consumer<byte[]> run, Supplier<Stream<Arguments>> seeds) {}

  static Stream<Arguments> seeds() {
    List<Arguments> out = new ArrayList<>();
    for (int i = 0; i < TARGETS.size(); i++) {
      byte selector = (byte) i;
      TARGETS.get(i).seeds().get().forEach(a -> {
        byte[] body = (byte[]) a.get()[0];
        byte[] input = new byte[body.length + 1];
        input[0] = selector;
        System.arraycopy(body, 0, input, 1, body.length);
        out.add(Arguments.of((Object) input));
      });
    }
    return out.stream();
  }

  @MethodSource("seeds")
  @FuzzTest(maxDuration = "10s")
  void all(byte[] data) {
    if (data.length == 0) {
      return;
    }
    TARGETS.get(Math.floorMod(data[0], TARGETS.size())).run().accept(Arrays.copyOfRange(data, 1, data.length));
  }
}
