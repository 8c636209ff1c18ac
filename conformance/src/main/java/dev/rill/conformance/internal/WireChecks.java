// Why one file of about 420 lines: the W rules share the golden loading and the offline baseline; each rule is one
// static method.

package dev.rill.conformance.internal;

import dev.rill.api.ErrorKind;
import dev.rill.api.Framing;
import dev.rill.api.StreamChunk;
import dev.rill.conformance.rules.RuleId;
import dev.rill.framing.OfflineDecoder;
import dev.rill.testkit.golden.Golden;
import dev.rill.testkit.property.Gen;
import dev.rill.testkit.property.Gens;
import dev.rill.testkit.property.Splits;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Assumptions;

/** Rules W1.1 to W1.11: the wire, as the plugin sees it through the runtime's framers. */
final class WireChecks {
  private static final String UNKNOWN_EVENT_DATA = "{\"type\":\"rill_unknown_event\",\"rill\":1}";

  private WireChecks() {}

  static void register(Map<RuleId, RuleCheck> checks) {
    checks.put(RuleId.parse("W1.1"), WireChecks::rechunkingInvariance);
    checks.put(RuleId.parse("W1.2"), WireChecks::keepAlivesGiveNoChunk);
    checks.put(RuleId.parse("W1.3"), WireChecks::lineEndingsEquivalent);
    checks.put(RuleId.parse("W1.4"), WireChecks::bomStripped);
    checks.put(RuleId.parse("W1.5"), WireChecks::oneLeadingSpaceRemoved);
    checks.put(RuleId.parse("W1.6"), WireChecks::sentinelMatchedExactly);
    checks.put(RuleId.parse("W1.7"), WireChecks::unknownJsonFieldsTolerated);
    checks.put(RuleId.parse("W1.8"), WireChecks::unknownEventsTolerated);
    checks.put(RuleId.parse("W1.9"), WireChecks::textPassedThroughExactly);
    checks.put(RuleId.parse("W1.10"), WireChecks::ndjsonVariants);
    checks.put(RuleId.parse("W1.11"), WireChecks::eventStreamCrcChecked);
  }

  /** Checks that every golden's variant (null: not applicable to that golden) decodes like the golden. */
  static void sameAsGolden(RuleContext ctx, String variantName, Function<Golden, byte[]> variant) {
    List<String> failures = new ArrayList<>();
    int checked = 0;
    for (Golden g : ctx.requireGoldens()) {
      byte[] body = variant.apply(g);
      if (body == null) {
        continue;
      }
      checked++;
      String diff = Outcomes.difference(ctx.baseline(g), ctx.replay(g, body));
      if (diff != null) {
        failures.add(g.name() + " (" + variantName + "): " + diff);
      }
    }
    if (checked == 0) {
      Assumptions.abort("no golden of '" + ctx.id() + "' has a " + variantName + " variant");
    }
    if (!failures.isEmpty()) {
      throw new AssertionError(failures.size() + " of " + checked + " goldens decode differently:\n  "
          + String.join("\n  ", failures));
    }
  }

  // ---- W1.1

  /**
   * Splits of the goldens: a few cuts anywhere, cuts at the interesting points (inside CRLF, inside UTF-8
   * characters, inside event-stream preludes), reads of 1 to 64 bytes, one byte per read; every golden's one byte
   * per read and all-interesting-cuts split are tried first.
   */
  static void rechunkingInvariance(RuleContext ctx) {
    Splits<Golden> splits = Splits.of(ctx.requireGoldens(), Golden::wire, p -> p.maxCuts(48));
    PropertyRun.check(ctx, ctx.environment().tries(), splits.edgeCases(), splits, s -> {
      Golden g = s.body();
      Replay.Outcome base = ctx.baseline(g);
      Replay.Outcome split = Replay.run(ctx.provider(), ctx.request(g), OfflineDecoder.reads(g.wire(),
          s.partition().cuts()), ctx.framers());
      String diff = Outcomes.difference(base, split);
      if (diff != null) {
        throw new AssertionError(diff);
      }
    });
  }

  // ---- W1.2

  static void keepAlivesGiveNoChunk(RuleContext ctx) {
    Framing f = ctx.framing();
    if (f == Framing.SSE) {
      sameAsGolden(ctx, "comments", g -> {
        TextWire w = ctx.textWire(g);
        List<TextWire.Record> out = new ArrayList<>();
        out.add(TextWire.sse(": keep-alive"));
        for (TextWire.Record r : w.records()) {
          List<String> lines = new ArrayList<>(r.lines());
          lines.add(Math.min(1, lines.size()), ": ping inside the event");
          lines.add(":");
          out.add(new TextWire.Record(lines, r.dispatches()));
          out.add(TextWire.sse(": ping"));
        }
        return w.withRecords(out).render();
      });
    } else if (f == Framing.NDJSON) {
      sameAsGolden(ctx, "blank lines", g -> {
        TextWire w = ctx.textWire(g);
        List<TextWire.Record> out = new ArrayList<>();
        out.add(TextWire.ndjson(""));
        for (TextWire.Record r : w.records()) {
          out.add(r);
          out.add(TextWire.ndjson(""));
        }
        return w.withRecords(out).render();
      });
    } else {
      Assumptions.abort("framing " + f + " has no keep-alive form");
    }
  }

  // ---- W1.3, W1.4, W1.5

  static void lineEndingsEquivalent(RuleContext ctx) {
    sameAsGolden(ctx, "CRLF line ends", g -> ctx.textWire(g).render("\r\n"));
    sameAsGolden(ctx, "CR line ends", g -> ctx.textWire(g).render("\r"));
  }

  static void bomStripped(RuleContext ctx) {
    sameAsGolden(ctx, "leading BOM", g -> {
      byte[] body = ctx.textWire(g).render();
      byte[] out = new byte[body.length + 3];
      out[0] = (byte) 0xEF;
      out[1] = (byte) 0xBB;
      out[2] = (byte) 0xBF;
      System.arraycopy(body, 0, out, 3, body.length);
      return out;
    });
  }

  static void oneLeadingSpaceRemoved(RuleContext ctx) {
    sameAsGolden(ctx, "data: without the space", g -> {
      TextWire w = ctx.textWire(g);
      boolean[] changed = {false};
      List<TextWire.Record> out = new ArrayList<>();
      for (TextWire.Record r : w.records()) {
        out.add(TextWire.mapLines(r, line -> {
          if (line.startsWith("data: ") && !line.startsWith("data:  ")) {
            changed[0] = true;
            return "data:" + line.substring(6);
          }
          return line;
        }));
      }
      return changed[0] ? w.withRecords(out).render() : null;
    });
  }

  // ---- W1.6

  static void sentinelMatchedExactly(RuleContext ctx) {
    ctx.requireTextFraming("W1.6");
    List<String> failures = new ArrayList<>();
    int checked = 0;
    for (Golden g : ctx.cleanGoldens()) {
      Replay.Outcome base = ctx.baseline(g);
      int end = base.terminatorIndex();
      if (end < 0) {
        continue;
      }
      String sentinel = base.events().get(end).event().text();
      String s = sentinel.strip();
      if (s.isEmpty() || s.startsWith("{") || s.startsWith("[{") || s.startsWith("[\"")) {
        continue;
      }
      TextWire w = ctx.textWire(g);
      int first = w.recordOfEvent(0);
      String[] nearMisses = {" " + sentinel, sentinel + "x", "x" + sentinel, sentinel + " "};
      for (String near : nearMisses) {
        checked++;
        List<TextWire.Record> records = new ArrayList<>(w.records());
        TextWire.Record inserted = ctx.framing() == Framing.SSE ? TextWire.sse("data: " + near) : TextWire.ndjson(near);
        records.add(first + 1, inserted);
        Replay.Outcome o = ctx.replay(g, w.withRecords(records).render());
        if (o.foreign() != null) {
          failures.add(g.name() + ": the near-sentinel " + quote(near) + " made " + o.foreign().getClass().getName()
              + " escape: " + o.foreign().getMessage());
        } else if (o.terminatorIndex() == 1) {
          failures.add(g.name() + ": the event " + quote(near) + " ended the stream; only " + quote(sentinel)
              + " may");
        }
      }
    }
    if (checked == 0) {
      Assumptions.abort("the protocol of '" + ctx.id() + "' ends with a JSON event, not a textual sentinel");
    }
    if (!failures.isEmpty()) {
      throw new AssertionError(String.join("\n", failures));
    }
  }

  static String quote(String s) {
    return Jsons.quote(s);
  }

  // ---- W1.7, W1.8

  static void unknownJsonFieldsTolerated(RuleContext ctx) {
    ctx.requireTextFraming("W1.7");
    sameAsGolden(ctx, "unknown JSON members", g -> {
      TextWire w = ctx.textWire(g);
      boolean[] changed = {false};
      List<TextWire.Record> out = new ArrayList<>();
      for (TextWire.Record r : w.records()) {
        String data = r.dispatches() ? w.data(r) : null;
        if (data != null && Jsons.isObject(data)) {
          out.add(w.withData(r, Jsons.withUnknownMembers(data.strip())));
          changed[0] = true;
        } else {
          out.add(r);
        }
      }
      return changed[0] ? w.withRecords(out).render() : null;
    });
  }

  static void unknownEventsTolerated(RuleContext ctx) {
    sameAsGolden(ctx, "unknown events and fields", g -> {
      TextWire w = ctx.textWire(g);
      List<TextWire.Record> out = new ArrayList<>();
      List<TextWire.Record> records = w.records();
      for (int i = 0; i < records.size(); i++) {
        TextWire.Record r = records.get(i);
        if (i == 1 || (i == records.size() - 1 && i > 1)) {
          out.add(TextWire.sse("event: rill_unknown_event", "data: " + UNKNOWN_EVENT_DATA));
        }
        if (r.dispatches()) {
          List<String> lines = new ArrayList<>(r.lines());
          lines.add(0, "rill-unknown-field: value");
          lines.add("rillbarefield");
          lines.add("retry: 1000");
          lines.add("Data: not a data field");
          out.add(new TextWire.Record(lines, true));
        } else {
          out.add(r);
        }
      }
      return w.withRecords(out).render();
    });
  }

  // ---- W1.9

  record Site(Golden golden, int event, int record, int chunk, String content) {
    @Override
    public String toString() {
      return golden.name() + " event " + event + " (content " + Jsons.quote(content) + ")";
    }
  }

  record Substitution(Site site, String text) {
    @Override
    public String toString() {
      return site + " replaced by " + Jsons.quote(text);
    }
  }

  static void textPassedThroughExactly(RuleContext ctx) {
    ctx.requireTextFraming("W1.9");
    List<Site> sites = new ArrayList<>();
    for (Golden g : ctx.cleanGoldens()) {
      Replay.Outcome base = ctx.baseline(g);
      TextWire w = ctx.textWire(g);
      int chunkIndex = 0;
      for (Replay.EventTrace t : base.events()) {
        if (t.chunks().size() == 1 && !t.chunks().get(0).content().isEmpty()) {
          String content = t.chunks().get(0).content();
          int record = w.recordOfEvent(t.index());
          String data = record < 0 ? "" : w.data(w.records().get(record));
          String literal = Jsons.quote(content);
          if (record >= 0 && count(data, literal) == 1) {
            sites.add(new Site(g, t.index(), record, chunkIndex, content));
          }
        }
        chunkIndex += t.chunks().size();
      }
    }
    if (sites.isEmpty()) {
      Assumptions.abort("no golden of '" + ctx.id() + "' has a content delta written as a plain JSON string");
    }
    Gen<Site> site = Gens.elements(sites);
    Gen<String> texts = texts();
    Gen<Substitution> subs = c -> new Substitution(site.generate(c), texts.generate(c));
    List<Substitution> edges = new ArrayList<>();
    for (String edge : EDGE_TEXTS) {
      edges.add(new Substitution(sites.get(edges.size() % sites.size()), edge));
    }
    PropertyRun.check(ctx, ctx.environment().tries(), edges, subs, s -> {
      Golden g = s.site().golden();
      TextWire w = ctx.textWire(g);
      List<TextWire.Record> records = new ArrayList<>(w.records());
      TextWire.Record r = records.get(s.site().record());
      String data = w.data(r).replace(Jsons.quote(s.site().content()), Jsons.quote(s.text()));
      records.set(s.site().record(), w.withData(r, data));
      Replay.Outcome o = ctx.replay(g, w.withRecords(records).render());
      if (o.foreign() != null || o.error() != null || !o.ended()) {
        throw new AssertionError("the stream no longer completes: " + o.summary());
      }
      List<StreamChunk> base = ctx.baseline(g).chunks();
      StringBuilder expected = new StringBuilder();
      for (int i = 0; i < base.size(); i++) {
        expected.append(i == s.site().chunk() ? s.text() : base.get(i).content());
      }
      String actual = Outcomes.text(o.chunks());
      if (!expected.toString().equals(actual)) {
        throw new AssertionError("the text arrived changed: expected " + Jsons.quote(expected.toString())
            + " but was " + Jsons.quote(actual));
      }
    });
  }

  static int count(String haystack, String needle) {
    int n = 0;
    for (int at = haystack.indexOf(needle); at >= 0; at = haystack.indexOf(needle, at + 1)) {
      n++;
    }
    return n;
  }

  /** Texts every run of W1.9 tries, before the generated ones. */
  static final List<String> EDGE_TEXTS = List.of(" ", "  x  ", "\n", "\n\n", "\r\n", "\t", " trailing ", "[DONE]",
      "data: [DONE]\n\n", "e\u0301", "\u00e9", "\uD83D\uDE00 ", ": not a comment", "\u0000");

  /** Texts that trimming, normalising or sentinel matching would change. */
  static Gen<String> texts() {
    Gen<Integer> codePoint = Gens.frequency(
        Gens.weight(6, Gens.ints(0x20, 0x7E)),
        Gens.weight(4, Gens.elements(0x20, 0x09, 0x0A, 0x0D, 0x00, 0xA0, 0x2028, 0x3000, 0xFEFF)),
        Gens.weight(2, Gens.ints(0xA1, 0x24F)),
        Gens.weight(2, Gens.ints(0x4E00, 0x4FFF)),
        Gens.weight(2, Gens.ints(0x1F300, 0x1F64F)));
    return Gens.frequency(Gens.weight(3, Gens.strings(codePoint, 1, 24)), Gens.weight(1, Gens.elements(EDGE_TEXTS)));
  }

  // ---- W1.10, W1.11

  static void ndjsonVariants(RuleContext ctx) {
    sameAsGolden(ctx, "CRLF line ends", g -> ctx.textWire(g).render("\r\n"));
    sameAsGolden(ctx, "blank lines between records", g -> {
      TextWire w = ctx.textWire(g);
      List<TextWire.Record> out = new ArrayList<>();
      for (TextWire.Record r : w.records()) {
        out.add(r);
        out.add(TextWire.ndjson(""));
      }
      return w.withRecords(out).render();
    });
    sameAsGolden(ctx, "no newline after the last record", g -> {
      TextWire w = ctx.textWire(g);
      List<TextWire.Record> records = new ArrayList<>(w.records());
      while (!records.isEmpty() && !records.get(records.size() - 1).dispatches()) {
        records.remove(records.size() - 1);
      }
      return w.withRecords(records).withClosed(false).render();
    });
  }

  static void eventStreamCrcChecked(RuleContext ctx) {
    List<String> failures = new ArrayList<>();
    int checked = 0;
    for (Golden g : ctx.requireGoldens()) {
      List<EventStreamMessages.Message> messages;
      try {
        messages = EventStreamMessages.decode(g.wire());
      } catch (IllegalArgumentException e) {
        failures.add(g.name() + ": not AWS event-stream messages: " + e.getMessage());
        continue;
      }
      if (messages.isEmpty()) {
        continue;
      }
      EventStreamMessages.Message first = messages.get(0);
      int payloadStart = first.offset() + first.length() - 4 - first.payload().length;
      // 1. a payload letter with its case flipped: the payload stays valid JSON, only the message CRC tells
      int letter = -1;
      for (int i = 0; i < first.payload().length && letter < 0; i++) {
        byte c = first.payload()[i];
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
          letter = payloadStart + i;
        }
      }
      // 2. a bit of the message CRC itself
      int crcByte = first.offset() + first.length() - 1;
      for (int at : new int[] {letter, crcByte}) {
        if (at < 0) {
          continue;
        }
        byte[] wire = g.wire().clone();
        wire[at] ^= (at == letter ? 0x20 : 0x01);
        checked++;
        Replay.Outcome o = ctx.replay(g, wire);
        if (o.error() == null || o.error().kind() != ErrorKind.MALFORMED_RESPONSE) {
          failures.add(g.name() + ": " + (at == letter ? "a payload letter with its case flipped" : "a flipped bit of "
              + "the message CRC") + " (byte " + at + ") gave " + o.summary() + " instead of MALFORMED_RESPONSE");
        }
      }
    }
    if (checked == 0) {
      Assumptions.abort("no golden holds an AWS event-stream message to corrupt");
    }
    if (!failures.isEmpty()) {
      throw new AssertionError(String.join("\n", failures));
    }
  }

  static String utf8(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }
}
