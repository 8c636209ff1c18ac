package dev.rill.provider.cohere;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rill.api.ChatRequest;
import dev.rill.api.Framing;
import dev.rill.framing.FramingLimits;
import dev.rill.framing.OfflineDecoder;
import dev.rill.testkit.golden.Golden;
import dev.rill.testkit.golden.GoldenTranscripts;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class CohereGoldenTranscriptsTest {

  private static final CohereProvider PROVIDER = new CohereProvider();

  static Stream<Golden> goldens() {
    return GoldenTranscripts.list("cohere").stream();
  }

  @Test
  void everyDocumentedFeatureHasATranscript() {
    assertThat(GoldenTranscripts.list("cohere")).extracting(Golden::name).contains("text", "tool-call", "thinking", "max-tokens", "stop-sequence");
    assertThat(GoldenTranscripts.list("cohere")).allSatisfy(g -> assertThat(g.framing()).isEqualTo(Framing.SSE));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("goldens")
  void decodesToItsExpectation(Golden golden) {
    OfflineDecoder.Result result = OfflineDecoder.decode(PROVIDER, request(golden), golden.wire());
    if (golden.expect().expectsError()) {
      assertThat(result.error()).as("the stream must fail").isNotNull();
      golden.expect().mismatches(result.response(), result.error()).forEach(m -> {
        throw new AssertionError(golden.name() + ": " + m);
      });
    } else {
      assertThat(result.error()).isNull();
      assertThat(result.ended()).isTrue();
      golden.expect().assertMatches(result.response());
      assertThat(result.response().model()).isEqualTo(golden.model());
    }
  }

  /** §W1.2: any partition of the wire bytes gives the same chunks. */
  @Property(tries = 200)
  void rechunkingDoesNotChangeTheChunks(@ForAll("splits") Split split) {
    OfflineDecoder.Result whole = OfflineDecoder.decode(PROVIDER, request(split.golden), split.golden.wire());
    OfflineDecoder.Result pieces = OfflineDecoder.decode(PROVIDER, request(split.golden), split.reads(),
        FramingLimits.DEFAULT);
    assertThat(pieces.chunks()).isEqualTo(whole.chunks());
    assertThat(pieces.ended()).isEqualTo(whole.ended());
    assertThat(pieces.error() == null).isEqualTo(whole.error() == null);
  }

  @Provide
  Arbitrary<Split> splits() {
    List<Golden> all = GoldenTranscripts.list("cohere");
    return Arbitraries.of(all).flatMap(g -> Arbitraries.integers().between(0, g.wire().length).list().ofMaxSize(40)
        .map(cuts -> new Split(g, cuts)));
  }

  record Split(Golden golden, List<Integer> cuts) {
    List<byte[]> reads() {
      return OfflineDecoder.reads(golden.wire(), cuts.stream().mapToInt(Integer::intValue).toArray());
    }

    @Override
    public String toString() {
      return golden.name() + " cut at " + cuts;
    }
  }

  private static ChatRequest request(Golden golden) {
    return ChatRequest.builder(golden.model() == null ? "command-a-03-2025" : golden.model())
        .user(golden.prompt() == null ? "hello" : golden.prompt()).build();
  }

}
