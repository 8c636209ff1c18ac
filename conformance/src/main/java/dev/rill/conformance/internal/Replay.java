package dev.rill.conformance.internal;

import dev.rill.api.ChatAccumulator;
import dev.rill.api.ChatRequest;
import dev.rill.api.ChatResponse;
import dev.rill.api.RillException;
import dev.rill.api.StreamChunk;
import dev.rill.api.StreamingProvider;
import dev.rill.api.WireEvent;
import dev.rill.framing.DecodeSession;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Decodes a body offline through the runtime's own {@link DecodeSession} (the plugin's framer and a fresh decoder),
 * keeping what the rules need: the chunks each event produced, which event ended the stream, and any exception of a
 * type other than {@link RillException} that the session turned into {@code MALFORMED_RESPONSE} (the rules want the
 * plugin's own exception). Offline and online end alike: a body without its terminator is {@code TRUNCATED}.
 * Nothing is thrown from here.
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

  /** Replays {@code reads} in order, each fed to the framer separately, through the runtime's DecodeSession. */
  public static Outcome run(StreamingProvider provider, ChatRequest request, List<byte[]> reads,
      FramerFactory framers) {
    Trace trace = new Trace();
    DecodeSession session;
    try {
      session = DecodeSession.builder(provider, request).framers(framers).output(trace).build();
    } catch (RuntimeException e) {
      return trace.outcome(null, e);
    }
    try {
      for (byte[] read : reads) {
        session.feed(read, 0, read.length);
        if (session.isDone()) {
          break;
        }
      }
      session.endOfInput();
    } catch (RuntimeException | Error e) {
      if (e instanceof VirtualMachineError vme && !(e instanceof StackOverflowError)) {
        throw vme;
      }
      session.close();
      return trace.outcome(session, e); // a framer (or the output) failed outside the session's error mapping
    }
    session.close();
    return trace.outcome(session, null);
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

  /** Records, per dispatched event, the chunks it produced. */
  private static final class Trace implements DecodeSession.Output {
    private final List<StreamChunk> chunks = new ArrayList<>();
    private final List<WireEvent> events = new ArrayList<>();
    private final List<List<StreamChunk>> perEvent = new ArrayList<>();

    @Override
    public void onEvent(WireEvent event) {
      events.add(event.copy());
      perEvent.add(new ArrayList<>());
    }

    @Override
    public void onChunk(StreamChunk chunk) {
      chunks.add(chunk);
      if (!perEvent.isEmpty()) {
        perEvent.get(perEvent.size() - 1).add(chunk);
      }
    }

    Outcome outcome(DecodeSession session, Throwable escaped) {
      Throwable foreign = escaped != null ? escaped : session == null ? null : session.foreignFailure();
      RillException error = session == null || foreign != null ? null : session.error();
      boolean terminator = session != null && session.endedByTerminator();
      boolean ok = session != null && foreign == null && session.state() == DecodeSession.State.COMPLETED;
      List<EventTrace> traces = new ArrayList<>(events.size());
      for (int i = 0; i < events.size(); i++) {
        boolean ended = terminator && i == events.size() - 1;
        traces.add(new EventTrace(i, events.get(i), List.copyOf(perEvent.get(i)), ended));
      }
      ChatResponse response = session != null ? session.response()
          : new dev.rill.api.ChatAccumulator("", null).response();
      return new Outcome(List.copyOf(chunks), List.copyOf(traces), response, ok, ok && terminator, error, foreign,
          false);
    }
  }
}
