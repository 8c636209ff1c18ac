package dev.rill.conformance.internal;

import dev.rill.conformance.rules.RuleId;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;

/**
 * Rules P5.1 to P5.4 in a plain JUnit run: they are measured with JMH by the certification runner
 * ({@code dev.rill.conformance.certification.Certifier}, {@code rill certify}), against the kit's reference decoder in
 * the same run, so here they are skipped with that reason.
 */
final class PerformanceChecks {
  static final String WHERE = "measured with JMH by rill certify (dev.rill.conformance.certification.Certifier), "
      + "against the kit's reference decoder in the same run";

  private PerformanceChecks() {}

  static void register(Map<RuleId, RuleCheck> checks) {
    for (String id : new String[] {"P5.1", "P5.2", "P5.3", "P5.4"}) {
      checks.put(RuleId.parse(id), ctx -> Assumptions.abort(WHERE));
    }
  }
}
