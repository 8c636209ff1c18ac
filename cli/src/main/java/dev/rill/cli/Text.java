package dev.rill.cli;

import dev.rill.api.FinishReason;
import dev.rill.api.ToolCall;
import dev.rill.api.Usage;
import java.time.Duration;
import java.util.Locale;

/** Formatting helpers for the human-readable output. */
final class Text {
  private Text() {}

  /** {@code s} as a double-quoted string with control characters escaped; {@code null} for null. */
  static String quote(String s) {
    if (s == null) {
      return "null";
    }
    StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (c < 0x20 || c == 0x7f) {
            sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    return sb.append('"').toString();
  }

  /** {@code STOP (raw "stop")}, or {@code none}. */
  static String finishReason(FinishReason f) {
    return f == null ? "none" : f.kind() + " (raw " + quote(f.raw()) + ")";
  }

  /** {@code input 14, output 34, total 48, ...} listing only the known counts, or {@code not reported}. */
  static String usage(Usage u) {
    if (u == null) {
      return "not reported";
    }
    StringBuilder sb = new StringBuilder();
    count(sb, "input", u.inputTokens());
    count(sb, "output", u.outputTokens());
    count(sb, "total", u.totalTokens());
    count(sb, "reasoning", u.reasoningTokens());
    count(sb, "cached input", u.cachedInputTokens());
    count(sb, "cache write", u.cacheWriteTokens());
    return sb.length() == 0 ? "reported, no counts" : sb.toString();
  }

  private static void count(StringBuilder sb, String name, Long value) {
    if (value != null) {
      if (sb.length() > 0) {
        sb.append(", ");
      }
      sb.append(name).append(' ').append(value);
    }
  }

  /** {@code get_weather (call_1) {"city":"Paris"}}. */
  static String toolCall(ToolCall call) {
    return call.name() + (call.id().isEmpty() ? "" : " (" + call.id() + ")") + " " + call.arguments();
  }

  /** Milliseconds with one decimal below 10 ms, e.g. {@code 4.2 ms}, {@code 312 ms}, {@code 1.84 s}. */
  static String duration(Duration d) {
    double ms = d.toNanos() / 1e6;
    if (ms < 10) {
      return String.format(Locale.ROOT, "%.1f ms", ms);
    }
    if (ms < 1000) {
      return String.format(Locale.ROOT, "%.0f ms", ms);
    }
    return String.format(Locale.ROOT, "%.2f s", ms / 1000);
  }
}
