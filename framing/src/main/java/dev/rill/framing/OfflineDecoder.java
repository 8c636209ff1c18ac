package dev.rill.framing;

import dev.rill.api.ChatRequest;
import dev.rill.api.ChatResponse;
import dev.rill.api.RillException;
import dev.rill.api.StreamChunk;
import dev.rill.api.StreamingProvider;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Decodes a recorded response body without a network, through a {@link DecodeSession} exactly as the runtime
 * decodes a live one: the bytes go through the provider's framer and a fresh decoder, and the chunks are folded
 * into a {@link ChatResponse}. Used by tests and plugin authors; the conformance kit and {@code rill decode} use
 * the session directly.
 *
 * <p>Each read is framed in order, so read boundaries are exercised as they were recorded. The outcome is the
 * session's: the decoder's {@link dev.rill.api.StreamDecoder.Progress#END} or an accepted end of input ends it
 * properly; a body that ends without either is a {@link dev.rill.api.ErrorKind#TRUNCATED} error, as it is online;
 * the first error, thrown by the framer or the decoder, stops decoding and is returned in the {@link Result} with
 * the partial response attached. Nothing is thrown from here except for invalid arguments. An exception of another
 * type thrown by a decoder becomes a {@link dev.rill.api.ErrorKind#MALFORMED_RESPONSE} carrying the event text.
 *
 * <pre>{@code
 * OfflineDecoder.Result result = OfflineDecoder.decode(new OpenAiProvider(), request, body);
 * assertThat(result.error()).isNull();
 * assertThat(result.response().text()).isEqualTo("Hello!");
 * }</pre>
 *
 * @since 0.1
 */
public final class OfflineDecoder {

  private OfflineDecoder() {}

  /**
   * What decoding a recorded body gave.
   *
   * @param chunks every chunk the decoder emitted, in order
   * @param response the chunks folded by {@link dev.rill.api.ChatAccumulator}, response id and model included
   * @param ended whether the stream ended properly: the decoder returned {@code END}, or its
   *     {@code endOfInput} returned {@code true}
   * @param error the first error ({@code TRUNCATED} for a body that ends without its terminator), with the partial
   *     response attached, or {@code null}
   * @param events how many events the framer dispatched to the decoder
   * @param keepAlives how many keep-alives (comments, blank lines) the framer reported
   */
  public record Result(List<StreamChunk> chunks, ChatResponse response, boolean ended, RillException error,
      int events, int keepAlives) {
    /** Checks and normalises the components (see the class comment). */
    public Result {
      chunks = List.copyOf(chunks);
      Objects.requireNonNull(response, "response");
    }
  }

  /**
   * {@code body} as the reads a socket might deliver it in: cut at every position of {@code cuts}, taken in order
   * after sorting and clamped to the body. A repeated position (or 0, or the body's length) gives an empty read, as a
   * read of zero bytes would; pass distinct positions inside the body for non-empty reads only.
   */
  public static List<byte[]> reads(byte[] body, int... cuts) {
    int[] points = cuts.clone();
    Arrays.sort(points);
    List<byte[]> out = new ArrayList<>(points.length + 1);
    int from = 0;
    for (int cut : points) {
      int at = Math.max(from, Math.min(cut, body.length));
      out.add(Arrays.copyOfRange(body, from, at));
      from = at;
    }
    out.add(Arrays.copyOfRange(body, from, body.length));
    return out;
  }

  /** {@code body} one byte per read: the harshest partition. */
  public static List<byte[]> oneBytePerRead(byte[] body) {
    List<byte[]> out = new ArrayList<>(body.length);
    for (byte b : body) {
      out.add(new byte[] {b});
    }
    return out;
  }

  /** Decodes a body that arrived in one read, with the default limits. */
  public static Result decode(StreamingProvider provider, ChatRequest request, byte[] body) {
    return decode(provider, request, List.of(body), FramingLimits.DEFAULT);
  }

  /** Decodes a body that arrived as {@code reads}, framing each read in order. */
  public static Result decode(StreamingProvider provider, ChatRequest request, List<byte[]> reads,
      FramingLimits limits) {
    Objects.requireNonNull(limits, "limits");
    return decode(provider, request, reads, DecodeLimits.DEFAULT.withFraming(limits));
  }

  /** Decodes a body that arrived as {@code reads}, with every {@link DecodeLimits} cap. */
  public static Result decode(StreamingProvider provider, ChatRequest request, List<byte[]> reads,
      DecodeLimits limits) {
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(reads, "reads");
    Objects.requireNonNull(limits, "limits");
    List<StreamChunk> chunks = new ArrayList<>();
    DecodeSession session = DecodeSession.builder(provider, request).limits(limits).output(chunks::add).build();
    for (byte[] read : reads) {
      session.feed(read, 0, read.length);
      if (session.isDone()) {
        break;
      }
    }
    session.endOfInput();
    session.close();
    return new Result(chunks, session.response(), session.state() == DecodeSession.State.COMPLETED,
        session.error(), session.events(), session.keepAlives());
  }
}
