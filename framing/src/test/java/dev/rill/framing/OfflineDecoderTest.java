package dev.rill.framing;

import static dev.rill.framing.RecordingHandler.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rill.api.ChatRequest;
import dev.rill.api.ChunkSink;
import dev.rill.api.ErrorKind;
import dev.rill.api.FinishReason;
import dev.rill.api.Framing;
import dev.rill.api.HttpCall;
import dev.rill.api.ProviderInfo;
import dev.rill.api.ProviderSettings;
import dev.rill.api.RillException;
import dev.rill.api.StreamChunk;
import dev.rill.api.StreamDecoder;
import dev.rill.api.StreamingProvider;
import dev.rill.api.WireEvent;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link OfflineDecoder} with a tiny line-protocol provider defined here. */
class OfflineDecoderTest {

  /**
   * A provider whose events are plain text commands: {@code text:<delta>}, {@code finish:<raw>},
   * {@code info:<id>:<model>}, {@code overloaded} (an error event), {@code boom} (a decoder bug) and
   * {@code [DONE]} (the terminator). {@code endOfInput} says the stream is complete when a finish was seen.
   */
  static final class TinyProvider implements StreamingProvider {
    private final Framing framing;

    TinyProvider(Framing framing) {
      this.framing = framing;
    }

    @Override
    public ProviderInfo info() {
      return ProviderInfo.builder("tiny", "Tiny").defaultBaseUrl("http://localhost:1").framing(framing).build();
    }

    @Override
    public HttpCall prepare(ChatRequest request, ProviderSettings settings) {
      throw new UnsupportedOperationException("offline only");
    }

    @Override
    public StreamDecoder newDecoder(ChatRequest request) {
      return new StreamDecoder() {
        private boolean finished;

        @Override
        public Progress decode(WireEvent event, ChunkSink sink) {
          String data = event.text();
          if (data.equals("[DONE]")) {
            return Progress.END;
          } else if (data.startsWith("text:")) {
            sink.emit(StreamChunk.text(data.substring(5)));
          } else if (data.startsWith("finish:")) {
            finished = true;
            sink.emit(StreamChunk.finish(FinishReason.of(FinishReason.Kind.STOP, data.substring(7))));
          } else if (data.startsWith("info:")) {
            String[] parts = data.split(":");
            sink.responseInfo(parts[1], parts[2]);
          } else if (data.equals("overloaded")) {
            throw RillException.builder(ErrorKind.OVERLOADED).providerCode("overloaded_error").build();
          } else if (data.equals("boom")) {
            throw new IllegalStateException("decoder bug");
          }
          return Progress.CONTINUE;
        }

        @Override
        public boolean endOfInput(ChunkSink sink) {
          return finished;
        }
      };
    }
  }

  private static final ChatRequest REQUEST = ChatRequest.builder("tiny:small").user("hi").build();
  private static final StreamingProvider SSE = new TinyProvider(Framing.SSE);

  @Test
  void readsCutTheBodyAtSortedClampedPositions() {
    byte[] body = {1, 2, 3, 4, 5};
    assertThat(OfflineDecoder.reads(body, 3, 1)).containsExactly(new byte[] {1}, new byte[] {2, 3}, new byte[] {4, 5});
    assertThat(OfflineDecoder.reads(body)).containsExactly(body);
    // a repeated position, 0 and the length give empty reads; positions past the end are clamped
    assertThat(OfflineDecoder.reads(body, 0, 2, 2, 9)).containsExactly(new byte[0], new byte[] {1, 2}, new byte[0],
        new byte[] {3, 4, 5}, new byte[0]);
    assertThat(OfflineDecoder.oneBytePerRead(new byte[] {7, 8})).containsExactly(new byte[] {7}, new byte[] {8});
  }

  @Test
  void decodesFoldsAndStopsAtTheTerminator() {
    byte[] body = utf8(": hello\n\ndata: info:r1:small-2\n\ndata: text:Hel\n\ndata: text:lo\n\n"
        + "data: finish:stop\n\ndata: [DONE]\n\ndata: text:ignored\n\n");
    OfflineDecoder.Result r = OfflineDecoder.decode(SSE, REQUEST, body);
    assertThat(r.error()).isNull();
    assertThat(r.ended()).isTrue();
    assertThat(r.events()).isEqualTo(5);
    assertThat(r.keepAlives()).isEqualTo(2);
    assertThat(r.chunks()).hasSize(3);
    assertThat(r.response().text()).isEqualTo("Hello");
    assertThat(r.response().finishReason()).isEqualTo(FinishReason.of(FinishReason.Kind.STOP, "stop"));
    assertThat(r.response().provider()).isEqualTo("tiny");
    assertThat(r.response().responseId()).isEqualTo("r1");
    assertThat(r.response().model()).isEqualTo("small-2");
  }

  @Test
  void readsAreFramedInOrderWithTheirBoundaries() {
    List<byte[]> reads = List.of(utf8("data: text:A\r"), utf8("\ndata: text:B\r\n"), utf8("\r\ndata: [DONE]\r\n\r\n"));
    OfflineDecoder.Result r = OfflineDecoder.decode(SSE, REQUEST, reads, FramingLimits.DEFAULT);
    assertThat(r.response().text()).isEqualTo("A\ntext:B");
    assertThat(r.ended()).isTrue();
  }

  @Test
  void withoutTerminatorTheDecoderDecidesAtEndOfInput() {
    OfflineDecoder.Result finished = OfflineDecoder.decode(SSE, REQUEST, utf8("data: text:x\n\ndata: finish:stop\n\n"));
    assertThat(finished.ended()).isTrue();
    assertThat(finished.error()).isNull();
    OfflineDecoder.Result truncated = OfflineDecoder.decode(SSE, REQUEST, utf8("data: text:x\n\ndata: finish:st"));
    assertThat(truncated.ended()).isFalse();
    // Offline agrees with the runtime: a body without its terminator (and not accepted at its end) is TRUNCATED.
    assertThat(truncated.error().kind()).isEqualTo(ErrorKind.TRUNCATED);
    assertThat(truncated.error().partial().text()).isEqualTo("x");
    assertThat(truncated.response().text()).isEqualTo("x");
  }

  @Test
  void ndjsonLastLineWithoutNewlineReachesTheDecoder() {
    StreamingProvider ndjson = new TinyProvider(Framing.NDJSON);
    OfflineDecoder.Result r = OfflineDecoder.decode(ndjson, REQUEST, utf8("text:a\n\ntext:b\n[DONE]"));
    assertThat(r.ended()).isTrue();
    assertThat(r.response().text()).isEqualTo("ab");
    assertThat(r.keepAlives()).isEqualTo(1);
  }

  @Test
  void errorEventStopsDecodingWithThePartialResponseAttached() {
    OfflineDecoder.Result r = OfflineDecoder.decode(SSE, REQUEST,
        utf8("data: text:Hi\n\ndata: overloaded\n\ndata: text:more\n\n"));
    assertThat(r.ended()).isFalse();
    assertThat(r.events()).isEqualTo(2);
    assertThat(r.error().kind()).isEqualTo(ErrorKind.OVERLOADED);
    assertThat(r.error().providerCode()).isEqualTo("overloaded_error");
    assertThat(r.error().partial().text()).isEqualTo("Hi");
    assertThat(r.error().provider()).isEqualTo("tiny");
    assertThat(r.error().model()).isEqualTo("small");
  }

  @Test
  void otherDecoderExceptionsBecomeMalformedResponseWithTheRawEvent() {
    OfflineDecoder.Result r = OfflineDecoder.decode(SSE, REQUEST, utf8("data: text:Hi\n\ndata: boom\n\n"));
    assertThat(r.error().kind()).isEqualTo(ErrorKind.MALFORMED_RESPONSE);
    assertThat(r.error().rawEvent()).isEqualTo("boom");
    assertThat(r.error().getCause()).isInstanceOf(IllegalStateException.class);
    assertThat(r.error().partial().text()).isEqualTo("Hi");
  }

  @Test
  void framingErrorIsReportedWithThePartialResponse() {
    List<byte[]> reads = new ArrayList<>();
    reads.add(utf8("data: text:ok\n\n"));
    reads.add(utf8("data: " + "x".repeat(100) + "\n\n"));
    OfflineDecoder.Result r = OfflineDecoder.decode(SSE, REQUEST, reads, new FramingLimits(64, 1024));
    assertThat(r.error().kind()).isEqualTo(ErrorKind.LIMIT_EXCEEDED);
    assertThat(r.error().getMessage()).contains("limit of 64 bytes");
    assertThat(r.error().partial().text()).isEqualTo("ok");
    assertThat(r.ended()).isFalse();
  }
}
