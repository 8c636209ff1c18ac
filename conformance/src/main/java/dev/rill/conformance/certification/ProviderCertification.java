package dev.rill.conformance.certification;

import dev.rill.conformance.performance.PerformanceRun;
import dev.rill.conformance.report.RuleResult;
import dev.rill.conformance.report.RuleStatus;
import dev.rill.conformance.rules.Level;
import java.util.List;

/**
 * The certification of one provider: what it is, where it came from, and each rule's result.
 *
 * @param id the provider id
 * @param displayName its display name
 * @param family its wire family
 * @param framing its framing
 * @param pluginClass the provider class
 * @param pluginVersion the plugin jar's Implementation-Version, else its file name, else {@code unknown}
 * @param source the jar or class directory the class came from
 * @param capabilities the declared capabilities
 * @param goldenOwner the provider id whose goldens were replayed (its own id, or a same-family sibling's)
 * @param goldens how many goldens were replayed
 * @param fixtureHash SHA-256 (first 16 hex digits) over the replayed goldens' names, wire bytes and expectations
 * @param sharedWith for a provider checked only on its H rules: the provider whose decoder and goldens it shares,
 *     on which the full set ran; else null
 * @param results every rule's result, in catalogue order
 * @param performance the performance measurements (empty when not measured)
 * @param millis how long its rules took
 */
public record ProviderCertification(String id, String displayName, String family, String framing,
    String pluginClass, String pluginVersion, String source, List<String> capabilities, String goldenOwner,
    int goldens, String fixtureHash, String sharedWith, List<RuleResult> results,
    List<PerformanceRun.Measurement> performance, long millis) {

  /** Checks and normalises the components (see the class comment). */
  public ProviderCertification {
    capabilities = List.copyOf(capabilities);
    results = List.copyOf(results);
    performance = List.copyOf(performance);
  }

  /**
   * Certified: no rule failed (every applicable required rule passed, no stochastic race rule failed, no timed rule
   * beyond its regression bound); a timed rule's {@link RuleStatus#STOCHASTIC_MISS} does not block.
   */
  public boolean certified() {
    return !results.isEmpty() && results.stream().noneMatch(r -> r.status().blocksCertification());
  }

  /** The rules that failed. */
  public List<RuleResult> failures() {
    return results.stream().filter(r -> r.status().blocksCertification()).toList();
  }

  /** How many results have {@code status}. */
  public long count(RuleStatus status) {
    return results.stream().filter(r -> r.status() == status).count();
  }

  /** How many results are skipped, whatever the reason. */
  public long skipped() {
    return results.stream().filter(r -> r.status() != RuleStatus.PASS && r.status() != RuleStatus.FAIL
        && r.status() != RuleStatus.STOCHASTIC_MISS).count();
  }

  /** How many required rules passed. */
  public long requiredPassed() {
    return results.stream().filter(r -> r.level() == Level.REQUIRED && r.status() == RuleStatus.PASS).count();
  }
}
