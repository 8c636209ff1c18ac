package dev.rill.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rill.api.ChatRequest;
import dev.rill.framing.Framers;
import dev.rill.framing.FramingLimits;
import dev.rill.framing.OfflineDecoder;
import dev.rill.provider.openai.OpenAiProvider;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The harness's own pieces: the generated transcript, the floors' parser, the text check, the report. */
class HarnessTest {

  @Test
  void theGeneratedStreamDecodesThroughRillsOpenAiPluginToItsText() {
    OpenAiStream stream = OpenAiStream.of(200);
    OfflineDecoder.Result result = OfflineDecoder.decode(new OpenAiProvider(),
        ChatRequest.builder("openai:gpt-4o-mini").user("hi").build(), stream.body());
    assertThat(result.error()).isNull();
    assertThat(result.ended()).isTrue();
    assertThat(result.response().text()).isEqualTo(stream.text()).contains("caf\u00e9", "\"quoted\"", "\n", "\ud83d\ude00");
    assertThat(stream.wireEvents()).isEqualTo(201);
  }

  @Test
  void contentEventsAreAboutThe334BytesOfTheIssuesTranscript() {
    List<byte[]> events = OpenAiStream.of(OpenAiStream.EVENTS).events();
    double mean = events.subList(1, events.size() - 3).stream().mapToInt(e -> e.length).average().orElse(0);
    assertThat(mean).isBetween(320.0, 345.0);
  }

  @Test
  void theFloorsSplitterAndParserDeliverTheSameTextAtAnyReadSize() {
    OpenAiStream stream = OpenAiStream.of(300);
    byte[] body = stream.body();
    for (int size : new int[] {1, 7, 333, 16384}) {
      StringBuilder text = new StringBuilder();
      SseSplitter splitter = new SseSplitter((a, off, len) -> {
        if (!(len == 6 && a[off] == '[')) {
          ChunkText.append(a, off, len, text);
        }
      });
      for (int at = 0; at < body.length; at += size) {
        splitter.feed(ByteBuffer.wrap(body, at, Math.min(size, body.length - at)));
      }
      assertThat(text.toString()).as("read size %d", size).isEqualTo(stream.text());
    }
  }

  @Test
  void theTextCheckNamesTheClientAndTheFirstDifference() {
    assertThat(TextCheck.require("x", "abc", "abc")).isEqualTo(3);
    assertThatThrownBy(() -> TextCheck.require("peer", "abcdef", "abcXef"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("'peer'").hasMessageContaining("first difference at char 3");
  }

  @Test
  void everyCorpusFramesIntoTheEventsItDeclares() {
    for (SseCorpus corpus : SseCorpus.values()) {
      int[] events = {0};
      byte[] body = corpus.body();
      var framer = Framers.sse(FramingLimits.DEFAULT, e -> ++events[0] > 0);
      for (int at = 0; at < body.length; at += corpus.feedSize()) {
        framer.feed(body, at, Math.min(corpus.feedSize(), body.length - at));
      }
      assertThat(events[0]).as(corpus.name()).isEqualTo(corpus.events());
      assertThat(body.length).isGreaterThanOrEqualTo(SseCorpus.TARGET_BYTES);
    }
  }

  @Test
  void chartsAreStandaloneSvgWithEscapedLabels() {
    String svg = SvgChart.bars("CPU <per> event", "ns", SvgChart.Better.LOWER,
        List.of(new SvgChart.Bar("a&b", 10, "#d9480f"), new SvgChart.Bar("c", Double.NaN, "#4c6ef5")));
    assertThat(svg).startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\"").endsWith("</svg>\n")
        .contains("a&amp;b", "CPU &lt;per&gt; event (ns), lower is better", "n/a").doesNotContain("<script", "http://www.w3.org/1999/xlink");
  }

  @Test
  void jsonIsWrittenWithNullForMissingFigures() {
    String json = Json.write(Map.of("a", Double.NaN));
    assertThat(json).isEqualTo("{\n  \"a\": null\n}\n");
    assertThat(Json.write(List.of(1234.5678, "q\"\n"))).isEqualTo("[\n  1234.568,\n  \"q\\\"\\n\"\n]\n");
  }
}
