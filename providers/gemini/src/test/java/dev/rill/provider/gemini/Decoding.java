package dev.rill.provider.gemini;

import dev.rill.api.ChatAccumulator;
import dev.rill.api.ChatResponse;
import dev.rill.api.ChunkSink;
import dev.rill.api.Framing;
import dev.rill.api.RillException;
import dev.rill.api.StreamChunk;
import dev.rill.api.StreamDecoder;
import dev.rill.api.WireEvent;
import dev.rill.framing.Framer;
import dev.rill.framing.Framers;
import dev.rill.framing.FramingLimits;
import dev.rill.provider.gemini.internal.GeminiStreamDecoder;
import java.util.ArrayList;
import java.util.List;

/** Test harness: frames reads with the real framer, decodes with a fresh Gemini decoder, folds the chunks. */
final class Decoding {

  /** What a run gave. */
  record Result(List<StreamChunk> chunks, ChatResponse response, boolean ended, RillException error, int events,
      List<String> warnings, GeminiStreamDecoder decoder) {}

  private Decoding() {}

  static Result sse(byte[] body) {
    return run(Framing.SSE, List.of(body));
  }

  static Result run(Framing framing, List<byte[]> reads) {
    GeminiStreamDecoder decoder = new GeminiStreamDecoder("gemini", "gemini-test");
    ChatAccumulator acc = new ChatAccumulator("gemini", "gemini-test");
    List<StreamChunk> chunks = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    ChunkSink sink = new ChunkSink() {
      @Override
      public void emit(StreamChunk chunk) {
        chunks.add(chunk);
        acc.add(chunk);
      }

      @Override
      public void responseInfo(String responseId, String model) {
        acc.responseInfo(responseId, model);
      }

      @Override
      public void warning(String message) {
        warnings.add(message);
      }
    };
    int[] events = {0};
    RillException[] error = {null};
    boolean[] end = {false};
    Framer framer = Framers.of(framing, FramingLimits.DEFAULT, event -> {
      events[0]++;
      try {
        if (decoder.decode(event, sink) == StreamDecoder.Progress.END) {
          end[0] = true;
          return false;
        }
        return true;
      } catch (RillException e) {
        error[0] = e;
        return false;
      }
    });
    boolean ended = false;
    try {
      for (byte[] read : reads) {
        framer.feed(read, 0, read.length);
        if (framer.stopped()) {
          break;
        }
      }
      if (error[0] == null && !end[0]) {
        framer.endOfInput();
        ended = decoder.endOfInput(sink);
      } else {
        ended = end[0];
      }
    } catch (RillException e) {
      error[0] = e;
    }
    return new Result(List.copyOf(chunks), acc.response(), ended, error[0], events[0], warnings, decoder);
  }

  /** Decodes single events given as JSON texts, without framing. */
  static Result events(String... payloads) {
    GeminiStreamDecoder decoder = new GeminiStreamDecoder("gemini", "gemini-test");
    ChatAccumulator acc = new ChatAccumulator("gemini", "gemini-test");
    List<StreamChunk> chunks = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    ChunkSink sink = new ChunkSink() {
      @Override
      public void emit(StreamChunk chunk) {
        chunks.add(chunk);
        acc.add(chunk);
      }

      @Override
      public void responseInfo(String responseId, String model) {
        acc.responseInfo(responseId, model);
      }

      @Override
      public void warning(String message) {
        warnings.add(message);
      }
    };
    RillException error = null;
    int n = 0;
    boolean ended = false;
    try {
      for (String p : payloads) {
        n++;
        decoder.decode(WireEvent.ofText(p), sink);
      }
      ended = decoder.endOfInput(sink);
    } catch (RillException e) {
      error = e;
    }
    return new Result(List.copyOf(chunks), acc.response(), ended, error, n, warnings, decoder);
  }
}
