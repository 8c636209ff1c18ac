package dev.rill.conformance.internal;

import dev.rill.api.ChatResponse;
import dev.rill.api.FinishReason;
import dev.rill.api.StreamChunk;
import dev.rill.api.ToolCallDelta;
import dev.rill.api.Usage;
import dev.rill.conformance.rules.RuleId;
import dev.rill.testkit.golden.Golden;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;

/** Rules S2.1 to S2.9: the chunk sequence a plugin emits for its goldens. */
final class SequenceChecks {
  static final String UNKNOWN_FINISH = "zz_unknown";

  private SequenceChecks() {}

  static void register(Map<RuleId, RuleCheck> checks) {
    checks.put(RuleId.parse("S2.1"), SequenceChecks::finishAtMostOnceAfterContent);
    checks.put(RuleId.parse("S2.2"), SequenceChecks::successfulStreamEndsProperly);
    checks.put(RuleId.parse("S2.3"), SequenceChecks::toolArgumentsAreJson);
    checks.put(RuleId.parse("S2.4"), SequenceChecks::toolCallIdentityStable);
    checks.put(RuleId.parse("S2.5"), SequenceChecks::unknownFinishIsOther);
    checks.put(RuleId.parse("S2.6"), SequenceChecks::toolCallsReasonNeedsACall);
    checks.put(RuleId.parse("S2.7"), SequenceChecks::usageNeverNegativeNorInvented);
    checks.put(RuleId.parse("S2.8"), SequenceChecks::foldEqualsGolden);
    checks.put(RuleId.parse("S2.9"), SequenceChecks::noEmptyChunks);
  }

  private static void failIfAny(List<String> failures) {
    if (!failures.isEmpty()) {
      throw new AssertionError(String.join("\n", failures));
    }
  }

  static void finishAtMostOnceAfterContent(RuleContext ctx) {
    List<String> failures = new ArrayList<>();
    for (Golden g : ctx.requireGoldens()) {
      Map<Integer, Integer> finishedAt = new HashMap<>();
      List<StreamChunk> chunks = ctx.baseline(g).chunks();
      for (int i = 0; i < chunks.size(); i++) {
        StreamChunk c = chunks.get(i);
        Integer before = finishedAt.get(c.choice());
        if (before != null && c.hasOutput()) {
          failures.add(g.name() + ": chunk " + i + " carries output for choice " + c.choice()
              + " after its finish reason (chunk " + before + "): " + c);
        }
        if (c.finishReason() != null) {
          if (before != null) {
            failures.add(g.name() + ": choice " + c.choice() + " reports a second finish reason at chunk " + i
                + " (the first was at chunk " + before + "): " + c.finishReason());
          } else {
            finishedAt.put(c.choice(), i);
          }
        }
      }
    }
    failIfAny(failures);
  }

  static void successfulStreamEndsProperly(RuleContext ctx) {
    List<String> failures = new ArrayList<>();
    int checked = 0;
    for (Golden g : ctx.requireGoldens()) {
      if (g.expect().expectsError()) {
        continue;
      }
      checked++;
      Replay.Outcome o = ctx.baseline(g);
      if (!o.ended()) {
        failures.add(g.name() + ": " + o.summary());
      }
    }
    if (checked == 0) {
      Assumptions.abort("every golden of '" + ctx.id() + "' expects an error");
    }
    failIfAny(failures);
  }

  /** The argument text of each tool call, keyed "choice/index", in order of appearance. */
  static Map<String, StringBuilder> toolArguments(List<StreamChunk> chunks) {
    Map<String, StringBuilder> out = new LinkedHashMap<>();
    for (StreamChunk c : chunks) {
      for (ToolCallDelta d : c.toolCalls()) {
        out.computeIfAbsent(c.choice() + "/" + d.index(), k -> new StringBuilder()).append(d.arguments());
      }
    }
    return out;
  }

  static void toolArgumentsAreJson(RuleContext ctx) {
    List<String> failures = new ArrayList<>();
    int calls = 0;
    for (Golden g : ctx.cleanGoldens()) {
      for (Map.Entry<String, StringBuilder> e : toolArguments(ctx.baseline(g).chunks()).entrySet()) {
        calls++;
        if (!Jsons.isSingleValue(e.getValue().toString())) {
          failures.add(g.name() + ": tool call " + e.getKey() + " (choice/index) has arguments that are not one JSON "
              + "value: " + Jsons.quote(e.getValue().toString()));
        }
      }
    }
    if (calls == 0) {
      Assumptions.abort("no golden of '" + ctx.id() + "' that completes has a tool call");
    }
    failIfAny(failures);
  }

  static void toolCallIdentityStable(RuleContext ctx) {
    List<String> failures = new ArrayList<>();
    int calls = 0;
    for (Golden g : ctx.requireGoldens()) {
      Map<String, String[]> seen = new HashMap<>();
      for (StreamChunk c : ctx.baseline(g).chunks()) {
        for (ToolCallDelta d : c.toolCalls()) {
          String key = c.choice() + "/" + d.index();
          String[] identity = seen.computeIfAbsent(key, k -> new String[2]);
          calls++;
          check(g, key, "id", identity, 0, d.id(), failures);
          check(g, key, "name", identity, 1, d.name(), failures);
        }
      }
    }
    if (calls == 0) {
      Assumptions.abort("no golden of '" + ctx.id() + "' has a tool call");
    }
    failIfAny(failures);
  }

  private static void check(Golden g, String key, String what, String[] identity, int slot, String value,
      List<String> failures) {
    if (value == null || value.isEmpty()) {
      return;
    }
    if (identity[slot] == null) {
      identity[slot] = value;
    } else if (!identity[slot].equals(value)) {
      failures.add(g.name() + ": tool call " + key + " (choice/index) changed its " + what + " from "
          + Jsons.quote(identity[slot]) + " to " + Jsons.quote(value));
    }
  }

  static void unknownFinishIsOther(RuleContext ctx) {
    ctx.requireTextFraming("S2.5");
    List<String> failures = new ArrayList<>();
    int checked = 0;
    for (Golden g : ctx.cleanGoldens()) {
      Replay.Outcome base = ctx.baseline(g);
      TextWire w = ctx.textWire(g);
      for (Replay.EventTrace t : base.events()) {
        FinishReason reason = t.chunks().stream().map(StreamChunk::finishReason).filter(Objects::nonNull)
            .findFirst().orElse(null);
        int record = w.recordOfEvent(t.index());
        if (reason == null || record < 0) {
          continue;
        }
        String literal = Jsons.quote(reason.raw());
        String data = w.data(w.records().get(record));
        if (reason.raw().isEmpty() || !data.contains(literal)) {
          continue;
        }
        checked++;
        List<TextWire.Record> records = new ArrayList<>(w.records());
        records.set(record, w.withData(records.get(record), data.replace(literal, Jsons.quote(UNKNOWN_FINISH))));
        Replay.Outcome o = ctx.replay(g, w.withRecords(records).render());
        FinishReason got = o.chunks().stream().map(StreamChunk::finishReason).filter(Objects::nonNull)
            .filter(f -> f.raw().equals(UNKNOWN_FINISH)).findFirst().orElse(null);
        if (o.foreign() != null) {
          failures.add(g.name() + ": raw finish " + Jsons.quote(UNKNOWN_FINISH) + " made "
              + o.foreign().getClass().getName() + " escape: " + o.foreign().getMessage());
        } else if (got == null) {
          failures.add(g.name() + ": with the raw finish value " + Jsons.quote(reason.raw()) + " replaced by "
              + Jsons.quote(UNKNOWN_FINISH) + " no finish reason with that raw value was emitted (" + o.summary()
              + ")");
        } else if (got.kind() == FinishReason.Kind.STOP
            || got.kind() != FinishReason.Kind.OTHER && got.kind() != reason.kind()) {
          failures.add(g.name() + ": the unknown raw finish value " + Jsons.quote(UNKNOWN_FINISH) + " (in place of "
              + Jsons.quote(reason.raw()) + ", " + reason.kind() + ") mapped to " + got.kind() + "; it must be OTHER"
              + (got.kind() == FinishReason.Kind.STOP ? ", never STOP" : ""));
        }
        break;
      }
    }
    if (checked == 0) {
      Assumptions.abort("no golden of '" + ctx.id() + "' carries its raw finish value as a JSON string");
    }
    failIfAny(failures);
  }

  static void toolCallsReasonNeedsACall(RuleContext ctx) {
    List<String> failures = new ArrayList<>();
    for (Golden g : ctx.requireGoldens()) {
      ChatResponse r = ctx.baseline(g).response();
      for (ChatResponse.Choice c : r.choices()) {
        if (c.finishReason() != null && c.finishReason().kind() == FinishReason.Kind.TOOL_CALLS
            && c.toolCalls().isEmpty()) {
          failures.add(g.name() + ": choice " + c.index() + " finished with TOOL_CALLS (raw "
              + Jsons.quote(c.finishReason().raw()) + ") without any tool call");
        }
      }
    }
    failIfAny(failures);
  }

  static void usageNeverNegativeNorInvented(RuleContext ctx) {
    List<String> failures = new ArrayList<>();
    int checked = 0;
    for (Golden g : ctx.cleanGoldens()) {
      Usage expected = g.expect().usage();
      Usage actual = ctx.baseline(g).response().usage();
      if (expected != null && actual != null) {
        checked++;
        invented(g, "inputTokens", expected.inputTokens(), actual.inputTokens(), failures);
        invented(g, "outputTokens", expected.outputTokens(), actual.outputTokens(), failures);
        invented(g, "reasoningTokens", expected.reasoningTokens(), actual.reasoningTokens(), failures);
        invented(g, "cachedInputTokens", expected.cachedInputTokens(), actual.cachedInputTokens(), failures);
        invented(g, "cacheWriteTokens", expected.cacheWriteTokens(), actual.cacheWriteTokens(), failures);
      }
      if (!TextWire.supports(ctx.framing())) {
        continue;
      }
      TextWire w = ctx.textWire(g);
      Set<Integer> done = new HashSet<>();
      for (Replay.EventTrace t : ctx.baseline(g).events()) {
        int record = w.recordOfEvent(t.index());
        if (record < 0 || t.chunks().stream().noneMatch(c -> c.usage() != null) || !done.add(record)) {
          continue;
        }
        String negative = Jsons.withNegativeCounts(w.data(w.records().get(record)));
        if (negative == null) {
          continue;
        }
        checked++;
        List<TextWire.Record> records = new ArrayList<>(w.records());
        records.set(record, w.withData(records.get(record), negative));
        Replay.Outcome o = ctx.replay(g, w.withRecords(records).render());
        if (o.foreign() != null) {
          failures.add(g.name() + ": negative token counts on the wire made " + o.foreign().getClass().getName()
              + " escape the plugin: " + o.foreign().getMessage());
        }
      }
    }
    if (checked == 0) {
      Assumptions.abort("no golden of '" + ctx.id() + "' reports usage");
    }
    failIfAny(failures);
  }

  private static void invented(Golden g, String field, Long expected, Long actual, List<String> failures) {
    if (expected == null && actual != null) {
      failures.add(g.name() + ": usage." + field + " is unknown in the golden but the plugin reported " + actual
          + " (unknown must stay null, never an invented value)");
    }
  }

  static void foldEqualsGolden(RuleContext ctx) {
    List<String> failures = new ArrayList<>();
    for (Golden g : ctx.requireGoldens()) {
      Replay.Outcome o = ctx.baseline(g);
      List<String> mismatches;
      if (o.foreign() != null) {
        mismatches = List.of("a " + o.foreign().getClass().getName() + " escaped the plugin: " + o.foreign().getMessage());
      } else if (g.expect().expectsError()) {
        mismatches = o.error() == null ? List.of("expected " + g.expect().errorKind() + " but " + o.summary())
            : g.expect().mismatches(o.response(), o.error());
      } else if (o.error() != null) {
        mismatches = List.of("the stream failed: " + o.error().getMessage());
      } else {
        mismatches = g.expect().mismatches(o.response());
      }
      if (!mismatches.isEmpty()) {
        failures.add(g.name() + ":\n    " + String.join("\n    ", mismatches));
      }
    }
    failIfAny(failures);
  }

  static void noEmptyChunks(RuleContext ctx) {
    List<String> failures = new ArrayList<>();
    for (Golden g : ctx.requireGoldens()) {
      List<StreamChunk> chunks = ctx.baseline(g).chunks();
      for (int i = 0; i < chunks.size(); i++) {
        if (chunks.get(i).isEmpty()) {
          failures.add(g.name() + ": chunk " + i + " is empty");
        }
      }
    }
    failIfAny(failures);
  }
}
