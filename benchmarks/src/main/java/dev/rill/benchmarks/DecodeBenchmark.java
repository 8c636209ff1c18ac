package dev.rill.benchmarks;

import dev.rill.api.ChatRequest;
import dev.rill.api.ChunkSink;
import dev.rill.api.StreamChunk;
import dev.rill.api.StreamDecoder;
import dev.rill.api.StreamingProvider;
import dev.rill.api.WireEvent;
import dev.rill.framing.Framer;
import dev.rill.framing.Framers;
import dev.rill.framing.FramingLimits;
import dev.rill.testkit.golden.Golden;
import dev.rill.testkit.golden.GoldenTranscripts;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Decoding alone, no HTTP and no framing: each family's decoder over its own golden transcripts (the ones that
 * end without an error), framed once in the set-up. One operation is one event, so the score is events per
 * second and {@code -prof gc}'s {@code gc.alloc.rate.norm} is bytes per event; a new decoder starts at each
 * transcript's first event, as a new stream would. The secondary result {@code chunks} (chunks emitted per
 * second) turns bytes per event into bytes per chunk.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class DecodeBenchmark {

  /** The families' golden transcripts, and {@code openai-stream}: the generated 2,000-event OpenAI stream. */
  @Param({"openai-stream", "openai", "anthropic", "gemini", "ollama", "cohere", "bedrock", "openai-responses"})
  public String family;

  private StreamingProvider provider;
  private ChatRequest request;
  private WireEvent[] events;
  private boolean[] firstOfTranscript;
  private int next;
  private StreamDecoder decoder;
  private final Sink sink = new Sink();

  /** Chunks emitted, reported per second next to the score. */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.OPERATIONS)
  public static class Counters {
    public long chunks;

    @Setup(Level.Iteration)
    public void reset() {
      chunks = 0;
    }
  }

  /** Keeps the last chunk, as the runtime's queue would, so chunks are really built. */
  static final class Sink implements ChunkSink {
    long chunks;
    StreamChunk last;
    String id;

    @Override
    public void emit(StreamChunk chunk) {
      chunks++;
      last = chunk;
    }

    @Override
    public void responseInfo(String responseId, String model) {
      id = responseId;
    }
  }

  @Setup
  public void setUp() {
    boolean generated = family.equals("openai-stream");
    provider = Families.provider(generated ? "openai" : family);
    request = ChatRequest.builder(provider.info().id() + ":bench").user("Hello").build();
    List<WireEvent> all = new ArrayList<>();
    List<Boolean> first = new ArrayList<>();
    List<Golden> goldens = generated
        ? List.of(new Golden("generated", "openai", BenchClient.MODEL, dev.rill.api.Framing.SSE, "",
            OpenAiStream.of(OpenAiStream.EVENTS).body(), GoldenTranscripts.list("openai").get(0).expect(), null, null))
        : GoldenTranscripts.list(provider.info().id());
    for (Golden g : goldens) {
      if (!generated && g.expect().expectsError()) {
        continue;
      }
      List<WireEvent> framed = frame(g);
      // Keep the events up to the decoder's END: that is what a stream decodes.
      StreamDecoder d = provider.newDecoder(request);
      int used = 0;
      for (WireEvent e : framed) {
        used++;
        if (d.decode(e, sink) == StreamDecoder.Progress.END) {
          break;
        }
      }
      for (int i = 0; i < used; i++) {
        all.add(framed.get(i));
        first.add(i == 0);
      }
    }
    if (all.isEmpty()) {
      throw new IllegalStateException("no golden transcripts for " + family + " on the class path");
    }
    events = all.toArray(WireEvent[]::new);
    firstOfTranscript = new boolean[first.size()];
    for (int i = 0; i < firstOfTranscript.length; i++) {
      firstOfTranscript[i] = first.get(i);
    }
  }

  /** The framed events of one transcript (copied: the framer reuses its buffer). */
  static List<WireEvent> frame(Golden g) {
    List<WireEvent> out = new ArrayList<>();
    Framer framer = Framers.of(g.framing(), FramingLimits.DEFAULT, e -> out.add(e.copy()));
    framer.feed(g.wire(), 0, g.wire().length);
    framer.endOfInput();
    return out;
  }

  /** Golden events per family, for the report. */
  int eventCount() {
    return events.length;
  }

  @Benchmark
  public Object decodeOneEvent(Counters counters) {
    int i = next;
    if (firstOfTranscript[i]) {
      decoder = provider.newDecoder(request);
    }
    long before = sink.chunks;
    decoder.decode(events[i], sink);
    counters.chunks += sink.chunks - before;
    next = i + 1 == events.length ? 0 : i + 1;
    return sink.last;
  }
}
