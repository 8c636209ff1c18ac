package dev.rill.provider.bedrock.internal;

import dev.rill.api.FinishReason;
import dev.rill.api.FinishReason.Kind;

/**
 * Bedrock Converse {@code stopReason} values (and, for {@code chunk} events, the wrapped model's own values) and the
 * {@link FinishReason.Kind} each maps to. This is the plugin's published mapping table:
 *
 * <table>
 *   <caption>stopReason mapping</caption>
 *   <tr><th>raw</th><th>kind</th></tr>
 *   <tr><td>{@code end_turn}, {@code stop_sequence}</td><td>STOP</td></tr>
 *   <tr><td>{@code max_tokens}, {@code model_context_window_exceeded}</td><td>LENGTH</td></tr>
 *   <tr><td>{@code tool_use}</td><td>TOOL_CALLS</td></tr>
 *   <tr><td>{@code guardrail_intervened}, {@code content_filtered}</td><td>CONTENT_FILTER</td></tr>
 *   <tr><td>OpenAI-style {@code stop} / {@code length} / {@code tool_calls} / {@code content_filter} and Anthropic's
 *       {@code refusal} (only in {@code chunk} events)</td><td>STOP / LENGTH / TOOL_CALLS / CONTENT_FILTER</td></tr>
 *   <tr><td>anything else</td><td>OTHER (never STOP)</td></tr>
 * </table>
 */
public final class StopReasons {

  private StopReasons() {}

  /** The finish reason for a Converse {@code stopReason}, raw value kept verbatim. */
  public static FinishReason of(String raw) {
    return FinishReason.of(kindOf(raw), raw);
  }

  static Kind kindOf(String raw) {
    return switch (raw) {
      case "end_turn", "stop_sequence" -> Kind.STOP;
      case "max_tokens", "model_context_window_exceeded" -> Kind.LENGTH;
      case "tool_use" -> Kind.TOOL_CALLS;
      case "guardrail_intervened", "content_filtered" -> Kind.CONTENT_FILTER;
      default -> Kind.OTHER;
    };
  }

  /** The finish reason of a model's own value inside an InvokeModelWithResponseStream {@code chunk}. */
  static FinishReason ofWrapped(String raw) {
    Kind kind = switch (raw) {
      case "stop" -> Kind.STOP;
      case "length" -> Kind.LENGTH;
      case "tool_calls", "function_call" -> Kind.TOOL_CALLS;
      case "content_filter", "refusal" -> Kind.CONTENT_FILTER;
      default -> kindOf(raw);
    };
    return FinishReason.of(kind, raw);
  }
}
