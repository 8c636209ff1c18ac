package dev.rill.conformance.internal;

import dev.rill.api.ChatAccumulator;
import dev.rill.api.ChatRequest;
import dev.rill.api.ChatResponse;
import dev.rill.api.ChunkSink;
import dev.rill.api.RillException;
import dev.rill.api.StreamChunk;
import dev.rill.api.StreamDecoder;
import dev.rill.api.StreamingProvider;
import dev.rill.api.WireEvent;
import dev.rill.framing.EventHandler;
import dev.rill.framing.Framer;
import dev.rill.framing.FramingLimits;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Decodes a body offline through a framer and a fresh decoder of the plugin, like {@code OfflineDecoder}, but
 * keeping what the rules need: the chunks each event produced, which event ended the stream, and any exception of
 * a type other than {@link RillException} (which {@code OfflineDecoder} would convert). Nothing is thrown from
 * here.
 */
public final class Replay {

  private Replay() {}

  /**
   * One dispatched event and what the decoder made of it.
   *
   * @param index the event's position (0-based) among dispatched events
   * @param event a copy of the event
   * @param chunks the chunks emitted while decoding it
   * @param ended whether decode returned END for it
   */
  public record EventTrace(int index, WireEvent event, List<StreamChunk> chunks, boolean ended) {}

  /**
   * What a replay gave.
   *
   * @param chunks every chunk, in order
   * @param events every dispatched event with its chunks
   * @param response the fold of the chunks
   * @param ended whether the stream ended properly (END, or endOfInput accepted)
   * @param endedByTerminator whether an event returned END (rather than endOfInput accepting the end)
   * @param error the RillException raised by the framer or decoder, or null
   * @param foreign an exception of another type thrown by the decoder (or framer), or null
   * @param timedOut whether the decode did not finish within the time limit
   */
  public record Outcome(List<StreamChunk> chunks, List<EventTrace> events, ChatResponse response, boolean ended,
      boolean endedByTerminator, RillException error, Throwable foreign, boolean timedOut) {

    /** The index of the event that returned END, or -1. */
    public int terminatorIndex() {
      for (EventTrace t : events) {
        if (t.ended()) {
          return t.index();
        }
      }
      return -1;
    }

    /** A one-line summary for failure messages. */
    public String summary() {
      if (timedOut) {
        return "no outcome: the decode did not finish in time (a hang)";
      }
      if (foreign != null) {
        return "a " + foreign.getClass().getName() + " escaped the plugin: " + foreign.getMessage();
      }
      String end = error != null ? "failed: " + error.getMessage()
          : ended ? (endedByTerminator ? "ended at its terminator" : "ended at the end of input")
          : "did not end";
      return chunks.size() + " chunks from " + events.size() + " events, " + end;
    }
  }

  /** Replays {@code body} as one read. */
  public static Outcome run(StreamingProvider provider, ChatRequest request, byte[] body, FramerFactory framers) {
    return run(provider, request, List.of(body), framers);
  }

  /** Replays {@code reads} in order, each fed to the framer separately. */
  public static Outcome run(StreamingProvider provider, ChatRequest request, List<byte[]> reads,
      FramerFactory framers) {
    Run run = new Run(provider, request);
    try {
      Framer framer = framers.create(provider.info().framing(), FramingLimits.DEFAULT, run);
      for (byte[] read : reads) {
        framer.feed(read, 0, read.length);
        if (run.done()) {
          break;
        }
      }
      if (!run.done()) {
        framer.endOfInput();
      }
      if (!run.done()) {
        run.endOfInput();
      }
    } catch (RillException e) {
      run.fail(e);
    } catch (RuntimeException | Error e) {
      if (e instanceof VirtualMachineError vme) {
        throw vme;
      }
      run.foreign(e);
    }
    return run.outcome(false);
  }

  /**
   * Like {@link #run(StreamingProvider, ChatRequest, List, FramerFactory)}, on another thread, giving up after
   * {@code limit}: a decode that takes longer is reported as {@link Outcome#timedOut()} and interrupted.
   */
  public static Outcome runWithin(Duration limit, StreamingProvider provider, ChatRequest request, List<byte[]> reads,
      FramerFactory framers) {
    FutureTask<Outcome> task = new FutureTask<>(() -> run(provider, request, reads, framers));
    Thread t = new Thread(task, "rill-conformance-decode");
    t.setDaemon(true);
    t.start();
    try {
      return task.get(limit.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      task.cancel(true);
      return new Outcome(List.of(), List.of(), new ChatAccumulator(provider.info().id(), null).response(), false,
          false, null, null, true);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while decoding", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("the replay itself failed", e.getCause());
    }
  }

  private static final class Run implements EventHandler, ChunkSink {
    private final StreamDecoder decoder;
    private final ChatAccumulator accumulator;
    private final List<StreamChunk> chunks = new ArrayList<>();
    private final List<EventTrace> events = new ArrayList<>();
    private List<StreamChunk> current = new ArrayList<>();
    private boolean ended;
    private boolean endedByTerminator;
    private RillException error;
    private Throwable foreign;

    Run(StreamingProvider provider, ChatRequest request) {
      this.decoder = Objects.requireNonNull(provider.newDecoder(request), "newDecoder returned null");
      this.accumulator = new ChatAccumulator(provider.info().id(), request.model());
    }

    boolean done() {
      return ended || error != null || foreign != null;
    }

    @Override
    public boolean onEvent(WireEvent event) {
      WireEvent copy = event.copy();
      current = new ArrayList<>();
      boolean end = false;
      try {
        end = decoder.decode(event, this) == StreamDecoder.Progress.END;
      } catch (RillException e) {
        fail(e);
      } catch (RuntimeException | Error e) {
        if (e instanceof VirtualMachineError vme) {
          throw vme;
        }
        foreign(e);
      }
      events.add(new EventTrace(events.size(), copy, List.copyOf(current), end));
      if (end) {
        ended = true;
        endedByTerminator = true;
      }
      return !done();
    }

    void endOfInput() {
      current = new ArrayList<>();
      try {
        ended = decoder.endOfInput(this);
      } catch (RillException e) {
        fail(e);
      } catch (RuntimeException | Error e) {
        if (e instanceof VirtualMachineError vme) {
          throw vme;
        }
        foreign(e);
      }
    }

    void fail(RillException e) {
      if (error == null && foreign == null) {
        error = e;
      }
    }

    void foreign(Throwable t) {
      if (foreign == null) {
        foreign = t;
      }
    }

    @Override
    public void emit(StreamChunk chunk) {
      Objects.requireNonNull(chunk, "the decoder emitted null");
      chunks.add(chunk);
      current.add(chunk);
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

    Outcome outcome(boolean timedOut) {
      boolean ok = ended && error == null && foreign == null;
      return new Outcome(List.copyOf(chunks), List.copyOf(events), accumulator.response(), ok,
          ok && endedByTerminator, error, foreign, timedOut);
    }
  }
}
