package dev.rill.conformance.internal;

import dev.rill.api.StreamChunk;
import dev.rill.testkit.golden.Golden;
import dev.rill.testkit.server.Response;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Builds response bodies with exactly {@code n} chunks for the plugin under test, from one of its goldens: the
 * events before the golden's first plain content delta, that delta repeated, and the events that end the stream.
 * Every template is checked by decoding it offline before use. Bodies are streamed with {@link Response#repeat},
 * so {@code n} may be huge (the Reactive Streams TCK asks for up to {@code Integer.MAX_VALUE}).
 */
public final class ChunkBodies {

  /**
   * A verified template.
   *
   * @param golden the golden it comes from
   * @param prefix bytes before the repeated delta
   * @param unit one content delta event, giving exactly one chunk
   * @param suffix the closing events, giving no chunk
   * @param fixedChunks chunks the prefix gives (the smallest n the template can produce)
   */
  public record Template(Golden golden, byte[] prefix, byte[] unit, byte[] suffix, int fixedChunks) {

    /** The whole body for {@code n} chunks, in memory (small n only). */
    public byte[] body(int n) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      out.writeBytes(prefix);
      for (int i = fixedChunks; i < n; i++) {
        out.writeBytes(unit);
      }
      out.writeBytes(suffix);
      return out.toByteArray();
    }

    /** Appends the body for {@code n} chunks to a response head. */
    public Response appendTo(Response head, long n) {
      Response r = prefix.length > 0 ? head.write(prefix) : head;
      if (n > fixedChunks) {
        r = r.repeat(unit, n - fixedChunks);
      }
      return suffix.length > 0 ? r.write(suffix) : r;
    }
  }

  private ChunkBodies() {}

  /**
   * The verified template with the fewest fixed chunks, over the clean goldens (the first such in golden order), or
   * empty when none verifies. The fewest, because the Reactive Streams TCK asks for streams of exactly 1 and 3
   * chunks: a protocol whose terminating event carries the finish reason and usage (OpenAI Responses) always has one
   * fixed chunk, and a golden that also needs a chunk before its deltas must not be the one chosen.
   */
  public static Optional<Template> find(RuleContext ctx) {
    if (!TextWire.supports(ctx.framing())) {
      return Optional.empty();
    }
    Template best = null;
    for (Golden g : ctx.cleanGoldens()) {
      for (int variant = 0; variant < 4; variant++) {
        Optional<Template> t = build(ctx, g, (variant & 1) != 0, (variant & 2) != 0);
        if (t.isPresent() && (best == null || t.get().fixedChunks() < best.fixedChunks()) && verifies(ctx, t.get())) {
          best = t.get();
          if (best.fixedChunks() == 0) {
            return Optional.of(best);
          }
        }
      }
    }
    return Optional.ofNullable(best);
  }

  private static Optional<Template> build(RuleContext ctx, Golden g, boolean keepPrefix, boolean fullSuffix) {
    Replay.Outcome base = ctx.baseline(g);
    TextWire wire = ctx.textWire(g);
    int unitEvent = -1;
    int lastChunkEvent = -1;
    int lastPlainEvent = -1;
    for (Replay.EventTrace t : base.events()) {
      if (!t.chunks().isEmpty()) {
        lastChunkEvent = t.index();
      }
      if (t.chunks().size() == 1 && isPlainDelta(t.chunks().get(0))) {
        lastPlainEvent = t.index();
        if (unitEvent < 0) {
          unitEvent = t.index();
        }
      }
    }
    if (unitEvent < 0) {
      return Optional.empty();
    }
    int unitRecord = wire.recordOfEvent(unitEvent);
    List<TextWire.Record> records = wire.records();
    List<TextWire.Record> prefix = new ArrayList<>();
    int fixed = 0;
    int event = 0;
    for (int i = 0; i < unitRecord; i++) {
      TextWire.Record r = records.get(i);
      int chunks = r.dispatches() ? base.events().get(event++).chunks().size() : 0;
      if (chunks == 0 || keepPrefix) {
        prefix.add(r);
        fixed += chunks;
      }
    }
    List<TextWire.Record> suffix = new ArrayList<>();
    event = 0;
    for (int i = 0; i < records.size(); i++) {
      TextWire.Record r = records.get(i);
      int index = r.dispatches() ? event++ : -1;
      if (fullSuffix) {
        if (index > lastPlainEvent || (index < 0 && i > wire.recordOfEvent(lastPlainEvent))) {
          suffix.add(r);
          fixed += index >= 0 ? base.events().get(index).chunks().size() : 0;
        }
      } else if (i > unitRecord && (index < 0 || index > lastChunkEvent)) {
        suffix.add(r);
      }
    }
    return Optional.of(new Template(g, render(wire, prefix), render(wire, List.of(records.get(unitRecord))),
        render(wire, suffix), fixed));
  }

  private static boolean isPlainDelta(StreamChunk c) {
    return !c.content().isEmpty() && c.finishReason() == null && c.toolCalls().isEmpty(); // usage may ride along (Gemini)
  }

  private static byte[] render(TextWire wire, List<TextWire.Record> records) {
    if (records.isEmpty()) {
      return new byte[0];
    }
    return wire.withRecords(records).withClosed(true).render();
  }

  private static boolean verifies(RuleContext ctx, Template t) {
    for (int n : new int[] {t.fixedChunks(), t.fixedChunks() + 1, t.fixedChunks() + 3}) {
      Replay.Outcome o = ctx.replay(t.golden(), t.body(n));
      if (!o.ended() || o.chunks().size() != n) {
        return false;
      }
    }
    return true;
  }
}
