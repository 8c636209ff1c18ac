package dev.rill.conformance.report;

import dev.rill.conformance.rules.Level;
import dev.rill.conformance.rules.RuleId;
import java.time.Duration;
import java.util.Objects;

/**
 * The result of checking one rule against one plugin: what the certification report lists per rule. Published by
 * {@code ProviderVerification} as a JUnit report entry keyed {@code rill.rule.<id>} whose value is {@link #toJson()}.
 *
 * @param providerId the plugin's provider id
 * @param ruleId the rule
 * @param level the rule's level
 * @param testName the generated test name
 * @param status what happened
 * @param message the failure or skip reason; empty on a pass
 * @param seed the seed of a property rule (of the failing case, {@code <run>:<case>}, when it failed), so it can be
 *     replayed with {@code -Drill.conformance.seed=<seed>}; null for other rules
 * @param duration how long the check took
 * @since 0.1
 */
public record RuleResult(String providerId, RuleId ruleId, Level level, String testName, RuleStatus status,
    String message, String seed, Duration duration) {

  /** The report-entry key prefix. */
  public static final String ENTRY_PREFIX = "rill.rule.";

  /** Checks and normalises the components (see the class comment). */
  public RuleResult {
    Objects.requireNonNull(providerId, "providerId");
    Objects.requireNonNull(ruleId, "ruleId");
    Objects.requireNonNull(level, "level");
    Objects.requireNonNull(status, "status");
    message = message == null ? "" : message;
    duration = duration == null ? Duration.ZERO : duration;
  }

  /** The report-entry key: {@code rill.rule.W1.6}. */
  public String entryKey() {
    return ENTRY_PREFIX + ruleId;
  }

  /** One line of JSON with every field, for report entries and {@code certification.json}. */
  public String toJson() {
    StringBuilder sb = new StringBuilder(128);
    sb.append("{\"provider\":").append(quote(providerId))
        .append(",\"rule\":").append(quote(ruleId.toString()))
        .append(",\"level\":").append(quote(level.label()))
        .append(",\"test\":").append(quote(testName))
        .append(",\"status\":").append(quote(status.name()))
        .append(",\"message\":").append(quote(message))
        .append(",\"seed\":").append(seed == null ? "null" : quote(seed))
        .append(",\"millis\":").append(duration.toMillis()).append('}');
    return sb.toString();
  }

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
          if (c < 0x20) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    return sb.append('"').toString();
  }
}
