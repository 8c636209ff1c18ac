package dev.rill.framing;

import static dev.rill.framing.RecordingHandler.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rill.api.ChatRequest;
import dev.rill.api.ChunkSink;
import dev.rill.api.ErrorKind;
import dev.rill.api.FinishReason;
import dev.rill.api.Framing;
import dev.rill.api.HttpCall;
import dev.rill.api.Limit;
import dev.rill.api.ProviderInfo;
import dev.rill.api.ProviderSettings;
import dev.rill.api.RillException;
import dev.rill.api.StreamChunk;
import dev.rill.api.StreamDecoder;
import dev.rill.api.StreamingProvider;
import dev.rill.api.ToolCallDelta;
import dev.rill.api.WireEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * {@link DecodeSession}: every way a stream ends gives one outcome, the decoder is closed exactly once on each of
 * them, and the limits end a stream with their own typed error and the partial kept.
 */
class DecodeSessionTest {

  /**
   * Events are commands: {@code text:<delta>}, {@code choice:<i>:<delta>}, {@code tool:<i>:<args>},
   * {@code finish:<raw>}, {@code malformed} (a MALFORMED_RESPONSE), {@code overloaded} (an error event),
   * {@code boom} (a decoder bug) and {@code [DONE]}. Counts decode calls after close and closes.
   */
  static final class CountingProvider implements StreamingProvider {
    final AtomicInteger closes = new AtomicInteger();
    final AtomicInteger decodesAfterClose = new AtomicInteger();

    @Override
    public ProviderInfo info() {
      return ProviderInfo.builder("cmd", "Commands").defaultBaseUrl("http://localhost:1").framing(Framing.SSE).build();
    }

    @Override
    public HttpCall prepare(ChatRequest request, ProviderSettings settings) {
      throw new UnsupportedOperationException("offline only");
    }

    @Override
    public StreamDecoder newDecoder(ChatRequest request) {
      return new StreamDecoder() {
        boolean finished;
        boolean closed;

        @Override
        public Progress decode(WireEvent event, ChunkSink sink) {
          if (closed) {
            decodesAfterClose.incrementAndGet();
          }
          String[] p = event.text().split(":", 3);
          switch (p[0]) {
            case "[DONE]" -> {
              return Progress.END;
            }
            case "text" -> sink.emit(StreamChunk.text(p[1]));
            case "choice" -> sink.emit(StreamChunk.builder().choice(Integer.parseInt(p[1])).content(p[2]).build());
            case "tool" -> sink.emit(StreamChunk.toolCalls(
                List.of(new ToolCallDelta(Integer.parseInt(p[1]), "id" + p[1], "f", p[2], ""))));
            case "finish" -> {
              finished = true;
              sink.emit(StreamChunk.finish(FinishReason.of(FinishReason.Kind.STOP, p[1])));
            }
            case "malformed" -> throw RillException.builder(ErrorKind.MALFORMED_RESPONSE).message("bad json")
                .rawEvent(event.text()).build();
            case "overloaded" -> throw RillException.builder(ErrorKind.OVERLOADED).providerCode("overloaded").build();
            case "boom" -> throw new IllegalStateException("decoder bug");
            default -> { }
          }
          return Progress.CONTINUE;
        }

        @Override
        public boolean endOfInput(ChunkSink sink) {
          return finished;
        }

        @Override
        public void close() {
          closed = true;
          closes.incrementAndGet();
        }
      };
    }
  }

  private static final ChatRequest REQUEST = ChatRequest.builder("cmd:m").user("hi").build();

  private static String sse(String... events) {
    StringBuilder sb = new StringBuilder();
    for (String e : events) {
      sb.append("data: ").append(e).append("\n\n");
    }
    return sb.toString();
  }

  private record Run(DecodeSession session, CountingProvider provider, List<StreamChunk> chunks) {}

  private static Run run(DecodeLimits limits, boolean skipMalformed, boolean endOfInput, String body) {
    CountingProvider provider = new CountingProvider();
    List<StreamChunk> chunks = new ArrayList<>();
    DecodeSession session = DecodeSession.builder(provider, REQUEST).limits(limits).skipMalformed(skipMalformed)
        .output(chunks::add).build();
    for (byte b : utf8(body)) { // one byte per read: the outcome must not depend on the split
      session.feed(new byte[] {b}, 0, 1);
    }
    if (endOfInput) {
      session.endOfInput();
    }
    return new Run(session, provider, chunks);
  }

  private static Run run(String body) {
    return run(DecodeLimits.DEFAULT, false, true, body);
  }

  @Test
  void theTerminatorCompletesAndClosesTheDecoderOnce() {
    Run r = run(sse("text:Hel", "text:lo", "finish:stop", "[DONE]", "text:ignored"));
    assertThat(r.session().state()).isEqualTo(DecodeSession.State.COMPLETED);
    assertThat(r.session().endedByTerminator()).isTrue();
    assertThat(r.session().response().text()).isEqualTo("Hello");
    assertThat(r.chunks()).hasSize(3);
    assertThat(r.session().error()).isNull();
    r.session().close();
    assertThat(r.provider().closes).hasValue(1);
    assertThat(r.provider().decodesAfterClose).hasValue(0);
  }

  @Test
  void anAcceptedEndOfInputCompletes() {
    Run r = run(sse("text:x", "finish:stop"));
    assertThat(r.session().state()).isEqualTo(DecodeSession.State.COMPLETED);
    assertThat(r.session().endedByTerminator()).isFalse();
    assertThat(r.provider().closes).hasValue(1);
  }

  @Test
  void aBodyWithoutItsTerminatorIsTruncatedWithThePartial() {
    Run r = run(sse("text:x") + "data: fin");
    RillException e = r.session().error();
    assertThat(e.kind()).isEqualTo(ErrorKind.TRUNCATED);
    assertThat(e.partial().text()).isEqualTo("x");
    assertThat(e.provider()).isEqualTo("cmd");
    assertThat(e.model()).isEqualTo("m");
    assertThat(r.provider().closes).hasValue(1);
  }

  @Test
  void anErrorEventFailsWithItsKindAndThePartial() {
    Run r = run(sse("text:a", "overloaded", "text:b"));
    assertThat(r.session().error().kind()).isEqualTo(ErrorKind.OVERLOADED);
    assertThat(r.session().error().providerCode()).isEqualTo("overloaded");
    assertThat(r.session().error().partial().text()).isEqualTo("a");
    assertThat(r.session().foreignFailure()).isNull();
    assertThat(r.provider().closes).hasValue(1);
    assertThat(r.provider().decodesAfterClose).hasValue(0);
  }

  @Test
  void aDecoderBugIsMalformedWithTheEventAndTheOriginalKept() {
    Run r = run(sse("text:a", "boom"));
    RillException e = r.session().error();
    assertThat(e.kind()).isEqualTo(ErrorKind.MALFORMED_RESPONSE);
    assertThat(e.rawEvent()).isEqualTo("boom");
    assertThat(r.session().foreignFailure()).isInstanceOf(IllegalStateException.class);
    assertThat(r.provider().closes).hasValue(1);
  }

  @Test
  void malformedEventsFailByDefaultAndAreSkippedWithAWarningOnRequest() {
    assertThat(run(sse("text:a", "malformed", "text:b", "[DONE]")).session().error().kind())
        .isEqualTo(ErrorKind.MALFORMED_RESPONSE);
    Run skipped = run(DecodeLimits.DEFAULT, true, true, sse("text:a", "malformed", "text:b", "[DONE]"));
    assertThat(skipped.session().state()).isEqualTo(DecodeSession.State.COMPLETED);
    assertThat(skipped.session().response().text()).isEqualTo("ab");
    assertThat(skipped.session().response().warnings()).singleElement().asString()
        .contains("skipped malformed event #1").contains("raw: malformed");
  }

  @Test
  void closingBeforeTheEndReleasesTheDecoderOnceAndIgnoresLaterInput() {
    Run r = run(DecodeLimits.DEFAULT, false, false, sse("text:a"));
    assertThat(r.session().state()).isEqualTo(DecodeSession.State.RUNNING);
    r.session().close();
    r.session().close();
    r.session().feed(utf8(sse("text:b", "[DONE]")), 0, utf8(sse("text:b", "[DONE]")).length);
    r.session().endOfInput();
    assertThat(r.provider().closes).hasValue(1);
    assertThat(r.provider().decodesAfterClose).hasValue(0);
    assertThat(r.session().response().text()).isEqualTo("a");
    assertThat(r.session().decoderClosed()).isTrue();
  }

  @Test
  void tooManyChoicesIsItsOwnLimit() {
    DecodeLimits limits = DecodeLimits.DEFAULT.withMaxChoicesAndToolCalls(4, 8);
    Run r = run(limits, false, true, sse("choice:3:ok", "choice:4:no", "[DONE]"));
    assertThat(r.session().error().kind()).isEqualTo(ErrorKind.LIMIT_EXCEEDED);
    assertThat(r.session().error().limit()).contains(Limit.CHOICES);
    assertThat(r.session().error().partial().choices()).hasSize(2); // choice 0 (empty) and choice 3
    assertThat(r.provider().closes).hasValue(1);
  }

  @Test
  void tooManyToolCallsIsItsOwnLimit() {
    DecodeLimits limits = DecodeLimits.DEFAULT.withMaxChoicesAndToolCalls(4, 8);
    Run r = run(limits, false, true, sse("tool:7:{}", "tool:8:{}", "[DONE]"));
    assertThat(r.session().error().limit()).contains(Limit.TOOL_CALLS);
    assertThat(r.session().error().partial().toolCalls()).hasSize(1);
  }

  @Test
  void theFoldIsCappedInCharacters() {
    DecodeLimits limits = DecodeLimits.DEFAULT.withMaxFoldChars(10);
    Run r = run(limits, false, true, sse("text:12345", "tool:0:12345", "text:x", "[DONE]"));
    assertThat(r.session().error().kind()).isEqualTo(ErrorKind.LIMIT_EXCEEDED);
    assertThat(r.session().error().limit()).contains(Limit.FOLD_CHARS);
    assertThat(r.session().error().partial().text()).isEqualTo("12345");
    assertThat(r.chunks()).hasSize(2); // the chunk over the limit is neither folded nor passed on
  }

  @Test
  void theResponseBytesAreCapped() {
    DecodeLimits limits = DecodeLimits.DEFAULT.withMaxResponseBytes(40);
    Run r = run(limits, false, true, sse("text:a", "text:b", "text:c", "text:d", "[DONE]"));
    assertThat(r.session().error().kind()).isEqualTo(ErrorKind.LIMIT_EXCEEDED);
    assertThat(r.session().error().limit()).contains(Limit.RESPONSE_BYTES);
    assertThat(r.session().error().partial().text()).isEqualTo("ab"); // events of 14 bytes: the third ends at 42
    assertThat(r.session().wireBytes()).isGreaterThan(40);
    assertThat(r.provider().closes).hasValue(1);
  }

  @Test
  void anOversizedEventIsLimitExceededWithThePartial() {
    DecodeLimits limits = DecodeLimits.DEFAULT.withFraming(FramingLimits.of(32));
    Run r = run(limits, false, true, sse("text:ok", "text:" + "x".repeat(40), "[DONE]"));
    assertThat(r.session().error().kind()).isEqualTo(ErrorKind.LIMIT_EXCEEDED);
    assertThat(r.session().error().limit()).contains(Limit.EVENT_BYTES);
    assertThat(r.session().error().partial().text()).isEqualTo("ok");
    assertThat(r.provider().closes).hasValue(1);
  }

  @Test
  void aSevenMebibyteEventOnOneLineFitsTheDefaults() {
    String big = "y".repeat(7 << 20); // a base64 image or a large tool argument
    CountingProvider provider = new CountingProvider();
    DecodeSession session = DecodeSession.builder(provider, REQUEST).build();
    byte[] body = utf8(sse("text:" + big, "[DONE]"));
    session.feed(body, 0, body.length);
    assertThat(session.state()).isEqualTo(DecodeSession.State.COMPLETED);
    assertThat(session.response().text()).hasSize(7 << 20);
  }

  @Test
  void anOutputThatThrowsIsTheCallersFailureNotTheDecoders() {
    CountingProvider provider = new CountingProvider();
    DecodeSession session = DecodeSession.builder(provider, REQUEST).output(c -> {
      throw new IllegalStateException("the caller's bug");
    }).build();
    byte[] body = utf8(sse("text:a", "[DONE]"));
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> session.feed(body, 0, body.length))
        .isInstanceOf(IllegalStateException.class).hasMessage("the caller's bug");
    session.close();
    assertThat(provider.closes).hasValue(1);
  }
}
