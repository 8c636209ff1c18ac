package dev.rill.framing;

import dev.rill.api.ChatAccumulator;
import dev.rill.api.ChatRequest;
import dev.rill.api.ChatResponse;
import dev.rill.api.ChunkSink;
import dev.rill.api.ErrorKind;
import dev.rill.api.RillException;
import dev.rill.api.StreamChunk;
import dev.rill.api.StreamDecoder;
import dev.rill.api.StreamingProvider;
import dev.rill.api.WireEvent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Decodes a recorded response body without a network: the bytes go through the provider's framer and a fresh
 * decoder, and the chunks are folded into a {@link ChatResponse}. Used by tests, the conformance kit and
 * {@code rill decode}.
 *
 * <p>Each read is framed in order, so read boundaries are exercised as they were recorded. Decoding stops at
 * the decoder's {@link StreamDecoder.Progress#END}; if the body ends without one, the framer's and the
 * decoder's {@code endOfInput} are called and the decoder says whether that is a proper end. The first
 * error, thrown by the framer or the decoder, stops decoding and is returned in the {@link Result} with the
 * partial response attached; nothing is thrown from here except for invalid arguments. An exception of
 * another type thrown by a decoder becomes a {@link ErrorKind#MALFORMED_RESPONSE} carrying the event text.
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
   * @param response the chunks folded by {@link ChatAccumulator}, response id and model included
   * @param ended whether the stream ended properly: the decoder returned {@code END}, or its
   *     {@code endOfInput} returned {@code true}
   * @param error the first error, with the partial response attached, or {@code null}
   * @param events how many events the framer dispatched to the decoder
   * @param keepAlives how many keep-alives (comments, blank lines) the framer reported
   */
  public record Result(List<StreamChunk> chunks, ChatResponse response, boolean ended, RillException error,
      int events, int keepAlives) {
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
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(reads, "reads");
    Objects.requireNonNull(limits, "limits");
    Run run = new Run(provider, request);
    Framer framer = Framers.of(provider.info().framing(), limits, run);
    try {
      for (byte[] read : reads) {
        framer.feed(read, 0, read.length);
        if (run.done()) {
          break;
        }
      }
      if (!run.done()) {
        framer.endOfInput();
      }
    } catch (RillException e) {
      run.fail(e);
    }
    if (!run.done()) {
      run.endOfInput();
    }
    return run.result();
  }

  /** The state of one offline decode: the event handler feeding the decoder, and the chunk sink. */
  private static final class Run implements EventHandler, ChunkSink {
    private final String providerId;
    private final String model;
    private final StreamDecoder decoder;
    private final ChatAccumulator accumulator;
    private final List<StreamChunk> chunks = new ArrayList<>();
    private boolean ended;
    private RillException error;
    private int events;
    private int keepAlives;

    Run(StreamingProvider provider, ChatRequest request) {
      this.providerId = provider.info().id();
      String spec = request.model();
      this.model = spec.startsWith(providerId + ":") ? spec.substring(providerId.length() + 1) : spec;
      this.decoder = provider.newDecoder(request);
      this.accumulator = new ChatAccumulator(providerId, model);
    }

    boolean done() {
      return ended || error != null;
    }

    @Override
    public boolean onEvent(WireEvent event) {
      events++;
      try {
        if (decoder.decode(event, this) == StreamDecoder.Progress.END) {
          ended = true;
        }
      } catch (RillException e) {
        fail(e);
      } catch (RuntimeException e) {
        fail(RillException.builder(ErrorKind.MALFORMED_RESPONSE)
            .message("decoder of " + providerId + " failed on a '" + event.type() + "' event: " + e)
            .rawEvent(event.text()).cause(e).build());
      }
      return !done();
    }

    @Override
    public void onKeepAlive(int bytes) {
      keepAlives++;
    }

    void endOfInput() {
      try {
        ended = decoder.endOfInput(this);
      } catch (RillException e) {
        fail(e);
      } catch (RuntimeException e) {
        fail(RillException.builder(ErrorKind.MALFORMED_RESPONSE)
            .message("decoder of " + providerId + " failed at the end of input: " + e).cause(e).build());
      }
    }

    void fail(RillException e) {
      if (error == null) {
        error = e;
      }
    }

    @Override
    public void emit(StreamChunk chunk) {
      chunks.add(chunk);
      accumulator.add(chunk);
    }

    @Override
    public void responseInfo(String responseId, String model) {
      accumulator.responseInfo(responseId, model);
    }

    @Override
    public void warning(String message) {
      accumulator.warning(message);
    }

    Result result() {
      ChatResponse response = accumulator.response();
      RillException failure = null;
      if (error != null) {
        RillException.Builder b = error.toBuilder().partial(response);
        if (error.provider() == null) {
          b.provider(providerId);
          if (error.model() == null) {
            b.model(model);
          }
        }
        failure = b.build();
        ended = false;
      }
      return new Result(chunks, response, ended, failure, events, keepAlives);
    }
  }
}
