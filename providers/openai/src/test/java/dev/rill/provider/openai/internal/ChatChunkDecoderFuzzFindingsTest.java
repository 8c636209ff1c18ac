package dev.rill.provider.openai.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rill.api.ChunkSink;
import dev.rill.api.ErrorKind;
import dev.rill.api.RillException;
import dev.rill.api.StreamChunk;
import dev.rill.api.WireEvent;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

/** Inputs the fuzzer (the fuzz module's DecoderFuzzTest) found, minimised: each must fail typed. */
class ChatChunkDecoderFuzzFindingsTest {
  private static final ChunkSink SINK = new ChunkSink() {
    @Override public void emit(StreamChunk chunk) {}
    @Override public void responseInfo(String responseId, String model) {}
  };

  /** Tool-call arguments sent as a JSON object that the event ends inside: was IllegalStateException (NOT_AVAILABLE). */
  @Test
  void argumentsAsAnObjectTheEventEndsInsideAreMalformed() {
    for (String cut : new String[] {"{\"city\":", "{\"city\":\"Par", "[1,{\"a\":[", "{"}) {
      ChatChunkDecoder decoder = new ChatChunkDecoder("openai", "gpt-4o-mini");
      String event = "{\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":{\"name\":\"f\","
          + "\"arguments\":" + cut;
      RillException e = Assertions.catchThrowableOfType(RillException.class,
          () -> decoder.decode(WireEvent.ofText(event), SINK));
      assertThat(e).as(cut).isNotNull();
      assertThat(e.kind()).isEqualTo(ErrorKind.MALFORMED_RESPONSE);
    }
  }

  @Test
  void argumentsAsACompleteObjectAreStillKeptAsJson() {
    ChatChunkDecoder decoder = new ChatChunkDecoder("openai", "gpt-4o-mini");
    ChatChunkDecoderTest.Recorder sink = new ChatChunkDecoderTest.Recorder();
    decoder.decode(WireEvent.ofText("{\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"id\":\"c1\","
        + "\"type\":\"function\",\"function\":{\"name\":\"f\",\"arguments\":{\"city\":\"Paris\",\"days\":[1,2],"
        + "\"x\":{\"y\":null}}}}]}}]}"), sink);
    assertThat(sink.response().toolCalls()).singleElement()
        .satisfies(c -> assertThat(c.arguments()).isEqualTo("{\"city\":\"Paris\",\"days\":[1,2],\"x\":{\"y\":null}}"));
  }
}
