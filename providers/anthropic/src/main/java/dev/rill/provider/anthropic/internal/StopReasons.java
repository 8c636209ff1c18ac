package dev.rill.provider.anthropic.internal;

import dev.rill.api.FinishReason;
import dev.rill.api.FinishReason.Kind;

/**
 * Anthropic's {@code stop_reason} values and the {@link FinishReason.Kind} each maps to. This is the plugin's
 * published mapping table:
 *
 * <table>
 *   <caption>stop_reason mapping</caption>
 *   <tr><th>raw</th><th>kind</th></tr>
 *   <tr><td>{@code end_turn}</td><td>STOP</td></tr>
 *   <tr><td>{@code stop_sequence}</td><td>STOP</td></tr>
 *   <tr><td>{@code max_tokens}</td><td>LENGTH</td></tr>
 *   <tr><td>{@code model_context_window_exceeded}</td><td>LENGTH</td></tr>
 *   <tr><td>{@code tool_use}</td><td>TOOL_CALLS</td></tr>
 *   <tr><td>{@code refusal}</td><td>CONTENT_FILTER</td></tr>
 *   <tr><td>{@code pause_turn}</td><td>OTHER</td></tr>
 *   <tr><td>anything else</td><td>OTHER (never STOP)</td></tr>
 * </table>
 */
public final class StopReasons {

  private StopReasons() {}

  /** The finish reason for a raw {@code stop_reason}, raw value kept verbatim. */
  public static FinishReason of(String raw) {
    return FinishReason.of(kindOf(raw), raw);
  }

  static Kind kindOf(String raw) {
    return switch (raw) {
      case "end_turn", "stop_sequence" -> Kind.STOP;
      case "max_tokens", "model_context_window_exceeded" -> Kind.LENGTH;
      case "tool_use" -> Kind.TOOL_CALLS;
      case "refusal" -> Kind.CONTENT_FILTER;
      default -> Kind.OTHER;
    };
  }
}
