package dev.rill.conformance.internal;

import dev.rill.api.StreamChunk;
import java.util.List;
import java.util.Objects;

/** Comparisons of replay outcomes, with messages that name the first difference. */
public final class Outcomes {
  private Outcomes() {}

  /** Null when {@code variant} gives the same chunks and the same ending as {@code base}, else what differs. */
  public static String difference(Replay.Outcome base, Replay.Outcome variant) {
    if (variant.timedOut()) {
      return "the variant did not finish decoding in time";
    }
    if (variant.foreign() != null && base.foreign() == null) {
      return "the variant made a " + variant.foreign().getClass().getName() + " escape the plugin: "
          + variant.foreign().getMessage();
    }
    String chunks = chunkDifference(base.chunks(), variant.chunks());
    if (chunks != null) {
      return chunks;
    }
    if (base.ended() != variant.ended()) {
      return "the golden " + (base.ended() ? "ends properly" : "does not end") + " but the variant "
          + (variant.ended() ? "ends properly" : "does not: " + variant.summary());
    }
    Object be = base.error() == null ? null : base.error().kind();
    Object ve = variant.error() == null ? null : variant.error().kind();
    if (!Objects.equals(be, ve)) {
      return "the golden's error is " + be + " but the variant's is " + ve
          + (variant.error() != null ? " (" + variant.error().getMessage() + ")" : "");
    }
    return null;
  }

  /** Null when the chunk lists are equal, else the first difference. */
  public static String chunkDifference(List<StreamChunk> expected, List<StreamChunk> actual) {
    for (int i = 0; i < Math.min(expected.size(), actual.size()); i++) {
      if (!expected.get(i).equals(actual.get(i))) {
        return "chunk " + i + " differs: expected " + expected.get(i) + " but was " + actual.get(i);
      }
    }
    if (expected.size() != actual.size()) {
      return "expected " + expected.size() + " chunks but got " + actual.size()
          + (actual.size() > expected.size() ? "; the first extra one is " + actual.get(expected.size())
              : "; the first missing one is " + expected.get(actual.size()));
    }
    return null;
  }

  /** The concatenated content of chunks. */
  public static String text(List<StreamChunk> chunks) {
    StringBuilder sb = new StringBuilder();
    chunks.forEach(c -> sb.append(c.content()));
    return sb.toString();
  }
}
